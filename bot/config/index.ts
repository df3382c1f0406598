// Configuration of the bot: the environment keys, the handoff file, and their validation.
export { loadConfig } from './load.js';
export { ConfigError, ConfigErrorCodes } from './errors.js';
export type { ConfigErrorCode } from './errors.js';
export {
  CONTEXT_PLACEHOLDERS,
  loadHandoffConfig,
  parseHandoffConfig,
  renderContextVariables,
} from './handoff.js';
export type {
  ContextPlaceholder,
  ContextValues,
  HandoffConfig,
  HandoffOption,
  HandoffStartAction,
} from './handoff.js';
export { handoffSchema } from './handoff-schema.js';
export { DEFAULT_HANDOFF_CONFIG, projectRoot } from './paths.js';
export { BOT_APP_TYPES, LOG_LEVELS } from './types.js';
export type {
  BotAppType,
  BotConfig,
  Config,
  CosmosConfig,
  EmbeddedCosmosConfig,
  Environment,
  InstanceServiceNowConfig,
  LogLevel,
  RemoteCosmosConfig,
  SandboxServiceNowConfig,
  ServiceNowConfig,
  WebhookConfig,
} from './types.js';
