// Configuration of the bot: the environment keys, the handoff file, and their validation.
export { loadConfig } from './load.js';
export { ConfigError, ConfigErrorCodes } from './errors.js';
export type { ConfigErrorCode } from './errors.js';
export {
  HANDOFF_CONTEXT_FIELDS,
  loadHandoffConfig,
  parseHandoffConfig,
  renderContextVariables,
} from './handoff.js';
export type {
  BusinessHours,
  ContextValues,
  HandoffConfig,
  HandoffOption,
  HandoffStartAction,
  Weekday,
} from './handoff.js';
export { handoffSchema } from './handoff-schema.js';
export { DEFAULT_HANDOFF_CONFIG, projectRoot } from './paths.js';
export { SECRET_ENV_KEYS } from './env-schema.js';
export type { SharedHeader } from './shared-header.js';
export type { FilesConfig } from './files.js';
export { BOT_APP_TYPES, LOG_LEVELS } from './types.js';
export type {
  BotAppType,
  BotConfig,
  Config,
  CosmosConfig,
  DeliveryConfig,
  EmbeddedCosmosConfig,
  Environment,
  IngressConfig,
  InstanceServiceNowConfig,
  LiveChatConfig,
  LogLevel,
  RemoteCosmosConfig,
  SandboxServiceNowConfig,
  ServiceNowConfig,
  WebhookConfig,
} from './types.js';
