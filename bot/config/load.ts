// Builds the bot's Config from the environment: every bad key is reported at once, in one
// ConfigError, and the result is typed and deeply frozen. Never reads process.env itself.
import type { EnvKey, ValidEnvironment } from './env-schema.js';
import { ENV_KEYS, createEnvValidator } from './env-schema.js';
import { ConfigError, ConfigErrorCodes } from './errors.js';
import { deepFreeze } from './freeze.js';
import type { HandoffConfig } from './handoff.js';
import { loadHandoffConfig } from './handoff.js';
import { DEFAULT_HANDOFF_CONFIG, resolveFromRoot } from './paths.js';
import type {
  BotAppType,
  Config,
  CosmosConfig,
  Environment,
  LogLevel,
  ServiceNowConfig,
} from './types.js';
import { BOT_APP_TYPES } from './types.js';
import { checkServiceOrigin } from './urls.js';

const DEFAULT_PORT = 3978;
const DEFAULT_DATABASE = 'live-agent';
const URL_KEYS = ['SERVICENOW_INSTANCE_URL', 'COSMOS_ENDPOINT'] as const;

/** Throws ConfigError (CONFIG_INVALID) listing every problem; returns a frozen Config. */
export function loadConfig(env: Environment): Config {
  const input = normalise(env);
  const problems = createEnvValidator()(input);
  const valid = input as ValidEnvironment;
  const origins: Partial<Record<(typeof URL_KEYS)[number], string>> = {};
  for (const key of URL_KEYS) {
    const value = valid[key];
    if (value === undefined || problems.some((p) => p.startsWith(`${key}:`))) continue;
    const check = checkServiceOrigin(value);
    if ('problem' in check) problems.push(`${key}: ${check.problem}`);
    else origins[key] = check.origin;
  }
  let handoff: HandoffConfig | undefined;
  if (!problems.some((p) => p.startsWith('HANDOFF_CONFIG:'))) {
    try {
      handoff = loadHandoffConfig(resolveFromRoot(valid.HANDOFF_CONFIG ?? DEFAULT_HANDOFF_CONFIG));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems.map((p) => `HANDOFF_CONFIG: ${p}`));
    }
  }
  if (problems.length > 0 || handoff === undefined) {
    throw new ConfigError(ConfigErrorCodes.CONFIG_INVALID, problems.sort());
  }
  return deepFreeze(build(valid, origins, handoff));
}

/** Trims values, treats empty ones as absent (as `.env` templates leave them) and keeps only known keys. */
function normalise(env: Environment): Record<string, string> {
  const result: Record<string, string> = {};
  for (const key of ENV_KEYS) {
    const value = env[key]?.trim();
    if (value === undefined || value === '') continue;
    result[key] = normaliseValue(key, value);
  }
  return result;
}

function normaliseValue(key: EnvKey, value: string): string {
  if (key === 'MicrosoftAppType') {
    return BOT_APP_TYPES.find((t) => t.toLowerCase() === value.toLowerCase()) ?? value;
  }
  if (key === 'ALLOWED_TENANT_IDS') return value.replace(/\s+/g, '').toLowerCase();
  return value;
}

function build(
  env: ValidEnvironment,
  origins: Partial<Record<(typeof URL_KEYS)[number], string>>,
  handoff: HandoffConfig,
): Config {
  return {
    port: env.PORT ?? DEFAULT_PORT,
    logLevel: (env.LOG_LEVEL ?? 'info') as LogLevel,
    production: env.NODE_ENV === 'production',
    bot: {
      appType: (env.MicrosoftAppType ?? 'MultiTenant') as BotAppType,
      ...optional('appId', env.MicrosoftAppId),
      ...optional('appPassword', env.MicrosoftAppPassword),
      ...optional('tenantId', env.MicrosoftAppTenantId),
    },
    serviceNow: serviceNowConfig(env, origins.SERVICENOW_INSTANCE_URL),
    webhook: {
      ...optional('user', env.SERVICENOW_CALLBACK_USER),
      ...optional('apiKey', env.SERVICENOW_CALLBACK_API_KEY),
    },
    cosmos: cosmosConfig(env, origins.COSMOS_ENDPOINT),
    handoff,
    ...optional('allowedTenantIds', env.ALLOWED_TENANT_IDS?.split(',')),
  };
}

function serviceNowConfig(env: ValidEnvironment, instanceUrl?: string): ServiceNowConfig {
  // Validation guarantees the credentials whenever an instance URL is present.
  if (instanceUrl === undefined) return { mode: 'sandbox' };
  return {
    mode: 'instance',
    instanceUrl,
    username: env.SERVICENOW_USERNAME ?? '',
    password: env.SERVICENOW_PASSWORD ?? '',
    ...optional('vaToken', env.SERVICENOW_VA_TOKEN),
    ...optional('appInboundId', env.SERVICENOW_APP_INBOUND_ID),
  };
}

function cosmosConfig(env: ValidEnvironment, endpoint?: string): CosmosConfig {
  const database = env.COSMOS_DATABASE ?? DEFAULT_DATABASE;
  if (endpoint === undefined) return { mode: 'embedded', database };
  return { mode: 'remote', endpoint, key: env.COSMOS_KEY ?? '', database };
}

/** Leaves absent values out entirely rather than setting them to undefined. */
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
