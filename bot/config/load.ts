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
  WebhookConfig,
  UserMessageRoute,
} from './types.js';
import { BOT_APP_TYPES } from './types.js';
import { parseSharedHeader, type SharedHeader } from './shared-header.js';
import { checkServiceOrigin } from './urls.js';
import { filesConfig, filesProblems } from './files.js';

const DEFAULT_PORT = 3978;
/** ServiceNow closes a live chat whose user has not answered for 6 minutes; we align with it. */
const DEFAULT_IDLE_SECONDS = 360;
const DEFAULT_DATABASE = 'live-agent';
const HEADER_KEYS = ['SERVICENOW_CALLBACK_HEADER', 'SERVICENOW_CALLBACK_HEADER_NEXT'] as const;
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
  problems.push(...timingProblems(valid));
  if (valid.METRICS_PORT !== undefined && valid.METRICS_PORT === (valid.PORT ?? DEFAULT_PORT)) {
    problems.push('METRICS_PORT: must differ from PORT');
  }
  problems.push(...sharedHeaderProblems(valid));
  problems.push(...filesProblems(valid));
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
    metrics: {
      ...optional('port', env.METRICS_PORT),
      ...optional('token', env.METRICS_TOKEN),
    },
    logLevel: (env.LOG_LEVEL ?? 'info') as LogLevel,
    production: env.NODE_ENV === 'production',
    bot: {
      appType: (env.MicrosoftAppType ?? 'MultiTenant') as BotAppType,
      ...optional('appId', env.MicrosoftAppId),
      ...optional('appPassword', env.MicrosoftAppPassword),
      ...optional('tenantId', env.MicrosoftAppTenantId),
    },
    serviceNow: serviceNowConfig(env, origins.SERVICENOW_INSTANCE_URL),
    webhook: webhookConfig(env),
    ingress: {
      trustedProxyHops: env.TRUSTED_PROXY_HOPS ?? 0,
      ...optional('webhookRequestsPerMinute', env.WEBHOOK_RATE_LIMIT),
    },
    cosmos: cosmosConfig(env, origins.COSMOS_ENDPOINT),
    handoff,
    liveChat: {
      startTimeoutMs: (env.LIVE_CHAT_START_TIMEOUT_SECONDS ?? 120) * 1000,
      idleTimeoutMs: (env.LIVE_CHAT_IDLE_TIMEOUT_SECONDS ?? DEFAULT_IDLE_SECONDS) * 1000,
      idleReminderMs: (env.LIVE_CHAT_IDLE_REMINDER_SECONDS ?? 60) * 1000,
      serviceNowSurveyMs: (env.LIVE_CHAT_SERVICENOW_SURVEY_SECONDS ?? 900) * 1000,
      serviceNowSurveyWaitMs: (env.LIVE_CHAT_SERVICENOW_SURVEY_WAIT_SECONDS ?? 10) * 1000,
      endedSessionTtlSeconds: env.ENDED_SESSION_TTL_SECONDS ?? 7 * 24 * 60 * 60,
    },
    delivery: {
      sweepIntervalMs: (env.DELIVERY_SWEEP_SECONDS ?? 10) * 1000,
      leaseMs: (env.DELIVERY_LEASE_SECONDS ?? 30) * 1000,
      userMessages: (env.DELIVERY_USER_MESSAGES ?? 'direct') as UserMessageRoute,
    },
    ...optional('allowedTenantIds', env.ALLOWED_TENANT_IDS?.split(',')),
    files: filesConfig(env, origins.SERVICENOW_INSTANCE_URL === undefined),
  };
}

function serviceNowConfig(env: ValidEnvironment, instanceUrl?: string): ServiceNowConfig {
  // Validation guarantees the credentials whenever an instance URL is present.
  if (instanceUrl === undefined) return { mode: 'sandbox' };
  return {
    mode: 'instance',
    instanceUrl,
    // Validation guarantees a user and password, or an OAuth client id and secret.
    ...(env.SERVICENOW_OAUTH_CLIENT_ID === undefined
      ? { username: env.SERVICENOW_USERNAME ?? '', password: env.SERVICENOW_PASSWORD ?? '' }
      : {
          oauth: {
            clientId: env.SERVICENOW_OAUTH_CLIENT_ID,
            clientSecret: env.SERVICENOW_OAUTH_CLIENT_SECRET ?? '',
          },
        }),
    ...optional('vaToken', env.SERVICENOW_VA_TOKEN),
    ...optional('vaSigningSecret', env.SERVICENOW_VA_SIGNING_SECRET),
    ...optional('appInboundId', env.SERVICENOW_APP_INBOUND_ID),
  };
}

function cosmosConfig(env: ValidEnvironment, endpoint?: string): CosmosConfig {
  const database = env.COSMOS_DATABASE ?? DEFAULT_DATABASE;
  if (endpoint === undefined) return { mode: 'embedded', database };
  return { mode: 'remote', endpoint, key: env.COSMOS_KEY ?? '', database };
}

/** The reminder has to come before the idle timeout it warns of. */
function timingProblems(env: ValidEnvironment): string[] {
  const idle = env.LIVE_CHAT_IDLE_TIMEOUT_SECONDS ?? DEFAULT_IDLE_SECONDS;
  const reminder = env.LIVE_CHAT_IDLE_REMINDER_SECONDS ?? 60;
  if (typeof idle !== 'number' || typeof reminder !== 'number') return [];
  return idle > 0 && reminder >= idle
    ? ['LIVE_CHAT_IDLE_REMINDER_SECONDS: must be less than LIVE_CHAT_IDLE_TIMEOUT_SECONDS']
    : [];
}

function webhookConfig(env: ValidEnvironment): WebhookConfig {
  const headers: SharedHeader[] = [];
  for (const key of HEADER_KEYS) {
    const value = env[key];
    const check = value === undefined ? undefined : parseSharedHeader(value);
    if (check !== undefined && 'header' in check) headers.push(check.header);
  }
  return {
    ...optional('user', env.SERVICENOW_CALLBACK_USER),
    ...optional('apiKey', env.SERVICENOW_CALLBACK_API_KEY),
    ...optional('nextApiKey', env.SERVICENOW_CALLBACK_API_KEY_NEXT),
    ...optional('sharedHeaders', headers.length > 0 ? headers : undefined),
  };
}

/** The format of the extra webhook headers; never their values, which are secret. */
function sharedHeaderProblems(env: ValidEnvironment): string[] {
  return HEADER_KEYS.flatMap((key) => {
    const value = env[key];
    const check = value === undefined ? undefined : parseSharedHeader(value);
    return check !== undefined && 'problem' in check ? [`${key}: ${check.problem}`] : [];
  });
}

/** Leaves absent values out entirely rather than setting them to undefined. */
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
