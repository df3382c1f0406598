// The environment keys the bot reads, their JSON schema and the reason shown when one is wrong.
// Values are never quoted in a problem, so secrets cannot leak through an error message.
import type { ErrorObject } from 'ajv';
import { Ajv } from 'ajv';
import { BOT_APP_TYPES, LOG_LEVELS, USER_MESSAGE_ROUTES } from './types.js';

const GUID = '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}';
const text = { type: 'string', minLength: 1 } as const;

interface KeySpec {
  readonly schema: Readonly<Record<string, unknown>>;
  readonly reason: string;
  /** The value is a credential: never logged, never stored, scrubbed from crash reports. */
  readonly secret?: boolean;
}

/** A key whose value must be one of `values`. */
function oneOf(values: readonly string[]): KeySpec {
  return {
    schema: { type: 'string', enum: values },
    reason: `must be one of ${values.join(', ')}`,
  };
}

const atLeastOneSecond = {
  schema: { type: 'number', minimum: 1 },
  reason: 'must be a number of seconds, at least 1',
} as const;

const KEYS = {
  MicrosoftAppId: { schema: { type: 'string', pattern: `^${GUID}$` }, reason: 'must be a GUID' },
  MicrosoftAppPassword: { schema: text, reason: 'must not be empty', secret: true },
  MicrosoftAppType: {
    schema: { type: 'string', enum: BOT_APP_TYPES },
    reason: `must be one of ${BOT_APP_TYPES.join(', ')} (any case)`,
  },
  MicrosoftAppTenantId: {
    schema: { type: 'string', pattern: `^${GUID}$` },
    reason: 'must be a GUID',
  },
  PORT: {
    schema: { type: 'integer', minimum: 0, maximum: 65535 },
    reason: 'must be an integer from 0 (any free port) to 65535',
  },
  SERVICENOW_INSTANCE_URL: { schema: text, reason: 'must not be empty' },
  SERVICENOW_USERNAME: { schema: text, reason: 'must not be empty' },
  SERVICENOW_PASSWORD: { schema: text, reason: 'must not be empty', secret: true },
  SERVICENOW_VA_TOKEN: { schema: text, reason: 'must not be empty', secret: true },
  SERVICENOW_VA_SIGNING_SECRET: { schema: text, reason: 'must not be empty', secret: true },
  SERVICENOW_OAUTH_CLIENT_ID: { schema: text, reason: 'must not be empty' },
  SERVICENOW_OAUTH_CLIENT_SECRET: { schema: text, reason: 'must not be empty', secret: true },
  SERVICENOW_APP_INBOUND_ID: {
    schema: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,100}$' },
    reason: 'must be 1–100 letters, digits, ".", "_" or "-"',
  },
  SERVICENOW_CALLBACK_API_KEY: {
    schema: { type: 'string', minLength: 16 },
    reason: 'must be at least 16 characters long',
    secret: true,
  },
  SERVICENOW_CALLBACK_API_KEY_NEXT: {
    schema: { type: 'string', minLength: 16 },
    reason: 'must be at least 16 characters long',
    secret: true,
  },
  SERVICENOW_CALLBACK_USER: { schema: text, reason: 'must not be empty' },
  // "Name: value"; the format is checked in shared-header.ts, so the value is never echoed.
  SERVICENOW_CALLBACK_HEADER: { schema: text, reason: 'must not be empty', secret: true },
  SERVICENOW_CALLBACK_HEADER_NEXT: { schema: text, reason: 'must not be empty', secret: true },
  WEBHOOK_RATE_LIMIT: {
    schema: { type: 'integer', minimum: 1, maximum: 100000 },
    reason: 'must be a whole number of requests per minute, from 1 to 100000',
  },
  TRUSTED_PROXY_HOPS: {
    schema: { type: 'integer', minimum: 0, maximum: 10 },
    reason: 'must be a whole number from 0 (no reverse proxy) to 10',
  },
  METRICS_PORT: {
    schema: { type: 'integer', minimum: 1, maximum: 65535 },
    reason: 'must be a port number from 1 to 65535',
  },
  METRICS_TOKEN: {
    schema: { type: 'string', minLength: 24 },
    reason: 'must be at least 24 characters long',
    secret: true,
  },
  COSMOS_ENDPOINT: { schema: text, reason: 'must not be empty' },
  COSMOS_KEY: { schema: text, reason: 'must not be empty', secret: true },
  COSMOS_DATABASE: {
    schema: { type: 'string', pattern: '^[^/\\\\?#]{0,254}[^/\\\\?# ]$' },
    reason: 'must be 1–255 characters without "/", "\\", "?", "#" or a trailing space',
  },
  HANDOFF_CONFIG: { schema: text, reason: 'must not be empty' },
  ALLOWED_TENANT_IDS: {
    schema: { type: 'string', pattern: `^${GUID}(,${GUID})*$` },
    reason: 'must be a comma-separated list of tenant GUIDs',
  },
  LOG_LEVEL: oneOf(LOG_LEVELS),
  NODE_ENV: { schema: text, reason: 'must not be empty' },
  LIVE_CHAT_START_TIMEOUT_SECONDS: atLeastOneSecond,
  LIVE_CHAT_IDLE_TIMEOUT_SECONDS: {
    schema: { type: 'number', minimum: 0 },
    reason: 'must be a number of seconds (0 turns the idle timeout off)',
  },
  LIVE_CHAT_IDLE_REMINDER_SECONDS: {
    schema: { type: 'number', minimum: 0 },
    reason: 'must be a number of seconds (0 sends no reminder)',
  },
  LIVE_CHAT_SERVICENOW_SURVEY_SECONDS: {
    schema: { type: 'number', minimum: 0, maximum: 3600 },
    reason: "must be a number of seconds from 0 (ServiceNow's survey is not answered) to 3600",
  },
  LIVE_CHAT_SERVICENOW_SURVEY_WAIT_SECONDS: {
    schema: { type: 'number', minimum: 0, maximum: 300 },
    reason: "must be a number of seconds from 0 (the bot's survey comes at once) to 300",
  },
  ENDED_SESSION_TTL_SECONDS: {
    schema: { type: 'integer', minimum: 1 },
    reason: 'must be a whole number of seconds, at least 1',
  },
  DELIVERY_SWEEP_SECONDS: {
    schema: { type: 'number', exclusiveMinimum: 0 },
    reason: 'must be a number of seconds greater than 0',
  },
  DELIVERY_LEASE_SECONDS: atLeastOneSecond,
  DELIVERY_USER_MESSAGES: oneOf(USER_MESSAGE_ROUTES),
  FILES_MAX_MB: {
    schema: { type: 'number', exclusiveMinimum: 0, maximum: 1024 },
    reason: 'must be a number of megabytes greater than 0, at most 1024',
  },
  FILES_MAX_PER_MESSAGE: {
    schema: { type: 'integer', minimum: 0, maximum: 20 },
    reason: 'must be a whole number from 0 (no files) to 20',
  },
  FILES_ALLOWED_TYPES: {
    schema: {
      type: 'string',
      pattern: '^[a-z0-9.+-]+/(\\*|[a-z0-9.+-]+)(,[a-z0-9.+-]+/(\\*|[a-z0-9.+-]+))*$',
    },
    reason: 'must be a comma-separated list of content types such as image/*,application/pdf',
  },
  FILES_MAX_TRANSFERS: {
    schema: { type: 'integer', minimum: 1, maximum: 64 },
    reason: 'must be a whole number of concurrent file transfers from 1 to 64',
  },
  FILES_LINK_SECONDS: {
    schema: { type: 'integer', minimum: 30, maximum: 86400 },
    reason: 'must be a whole number of seconds from 30 to 86400',
  },
  FILES_LINK_SECRET: {
    schema: { type: 'string', minLength: 32 },
    reason: 'must be at least 32 characters long',
    secret: true,
  },
  FILES_PUBLIC_URL: { schema: text, reason: 'must not be empty' },
  FILES_DOWNLOAD_HOSTS: {
    schema: { type: 'string', pattern: '^(\\*\\.)?[a-z0-9.-]+(,(\\*\\.)?[a-z0-9.-]+)*$' },
    reason: 'must be a comma-separated list of host names, each optionally starting with *.',
  },
  FILES_ALLOW_LOOPBACK: oneOf(['true', 'false']),
  FILES_PROVIDER_APPLICATION_ID: {
    schema: { type: 'string', pattern: '^[0-9a-f]{32}$' },
    reason: 'must be a sys_id (32 hexadecimal digits)',
  },
} as const satisfies Record<string, KeySpec>;

export type EnvKey = keyof typeof KEYS;
export const ENV_KEYS = Object.keys(KEYS) as readonly EnvKey[];
/** Keys whose values are credentials. */
export const SECRET_ENV_KEYS: readonly EnvKey[] = ENV_KEYS.filter(
  (k) => (KEYS[k] as KeySpec).secret === true,
);

/** Keys whose values validation coerces to numbers. */
type NumericKey = {
  [K in EnvKey]: (typeof KEYS)[K]['schema'] extends { type: 'integer' | 'number' } ? K : never;
}[EnvKey];

/** The environment after normalisation and validation (numeric keys coerced to numbers). */
export type ValidEnvironment = Partial<Record<Exclude<EnvKey, NumericKey>, string>> &
  Partial<Readonly<Record<NumericKey, number>>>;

/** A key that becomes required (or forbidden) when a condition holds. */
interface ConditionalRule {
  readonly when: string;
  readonly if: Readonly<Record<string, unknown>>;
  readonly requires: readonly EnvKey[];
  readonly forbids?: EnvKey;
}

const whenEquals = (key: EnvKey, value: string) => ({
  type: 'object',
  required: [key],
  properties: { [key]: { const: value } },
});

const production = whenEquals('NODE_ENV', 'production');

const withoutOAuth = {
  type: 'object',
  required: ['SERVICENOW_INSTANCE_URL'],
  not: { required: ['SERVICENOW_OAUTH_CLIENT_ID'] },
};
const withOAuth = { type: 'object', required: ['SERVICENOW_OAUTH_CLIENT_ID'] };
const oauthInstead = 'SERVICENOW_OAUTH_CLIENT_ID is set (the OAuth client replaces the user)';

const RULES: readonly ConditionalRule[] = [
  {
    when: 'SERVICENOW_INSTANCE_URL is set without SERVICENOW_OAUTH_CLIENT_ID',
    if: withoutOAuth,
    requires: ['SERVICENOW_USERNAME', 'SERVICENOW_PASSWORD'],
  },
  { when: oauthInstead, if: withOAuth, requires: [], forbids: 'SERVICENOW_USERNAME' },
  { when: oauthInstead, if: withOAuth, requires: [], forbids: 'SERVICENOW_PASSWORD' },
  {
    when: 'SERVICENOW_VA_SIGNING_SECRET is set (the signature replaces the token)',
    if: { type: 'object', required: ['SERVICENOW_VA_SIGNING_SECRET'] },
    requires: [],
    forbids: 'SERVICENOW_VA_TOKEN',
  },
  {
    when: 'MicrosoftAppType is SingleTenant',
    if: whenEquals('MicrosoftAppType', 'SingleTenant'),
    requires: ['MicrosoftAppId', 'MicrosoftAppTenantId', 'MicrosoftAppPassword'],
  },
  {
    when: 'MicrosoftAppType is UserAssignedMsi',
    if: whenEquals('MicrosoftAppType', 'UserAssignedMsi'),
    requires: ['MicrosoftAppId', 'MicrosoftAppTenantId'],
    forbids: 'MicrosoftAppPassword',
  },
  {
    when: 'NODE_ENV is production (the embedded store keeps data in memory only)',
    if: production,
    requires: ['COSMOS_ENDPOINT'],
  },
  {
    when: 'NODE_ENV is production (without it /api/messages accepts requests from anyone)',
    if: production,
    requires: ['MicrosoftAppId'],
  },
  {
    when: 'NODE_ENV is production, unless MicrosoftAppType is UserAssignedMsi (the bot must prove who it is to Teams)',
    if: { allOf: [production, { not: whenEquals('MicrosoftAppType', 'UserAssignedMsi') }] },
    requires: ['MicrosoftAppPassword'],
  },
  {
    when: 'NODE_ENV is production (without it the bot runs in sandbox mode against a simulated ServiceNow)',
    if: production,
    requires: ['SERVICENOW_INSTANCE_URL'],
  },
  {
    when: 'NODE_ENV is production (ServiceNow must authenticate on the webhook)',
    if: production,
    requires: ['SERVICENOW_CALLBACK_API_KEY'],
  },
];

/** Keys that need others: a ServiceNow instance needs credentials, and so on. */
const DEPENDENCIES: Readonly<Partial<Record<EnvKey, readonly EnvKey[]>>> = {
  // Its credentials are a user and password, or an OAuth client: see RULES.
  SERVICENOW_INSTANCE_URL: ['SERVICENOW_CALLBACK_API_KEY'],
  SERVICENOW_USERNAME: ['SERVICENOW_PASSWORD'],
  SERVICENOW_PASSWORD: ['SERVICENOW_USERNAME'],
  SERVICENOW_OAUTH_CLIENT_ID: ['SERVICENOW_OAUTH_CLIENT_SECRET'],
  SERVICENOW_OAUTH_CLIENT_SECRET: ['SERVICENOW_OAUTH_CLIENT_ID'],
  COSMOS_ENDPOINT: ['COSMOS_KEY'],
  MicrosoftAppPassword: ['MicrosoftAppId'],
  // A second credential only makes sense while it replaces a first one.
  SERVICENOW_CALLBACK_API_KEY_NEXT: ['SERVICENOW_CALLBACK_API_KEY'],
  SERVICENOW_CALLBACK_HEADER_NEXT: ['SERVICENOW_CALLBACK_HEADER'],
};

const envSchema = {
  type: 'object',
  properties: Object.fromEntries(ENV_KEYS.map((k) => [k, KEYS[k].schema])),
  dependencies: DEPENDENCIES,
  allOf: RULES.map((rule) => ({
    if: rule.if,
    then: {
      required: rule.requires,
      ...(rule.forbids ? { not: { required: [rule.forbids] } } : {}),
    },
  })),
};

export interface EnvValidator {
  /** Validates (and coerces PORT in) `env`; returns one problem line per bad key or rule. */
  (env: Record<string, string | number>): string[];
}

export function createEnvValidator(): EnvValidator {
  const validate = new Ajv({ allErrors: true, coerceTypes: true }).compile(envSchema);
  return (env) => {
    if (validate(env)) return [];
    const lines = (validate.errors ?? []).map(describe).filter((l) => l !== undefined);
    return [...new Set(lines)];
  };
}

function describe(error: ErrorObject): string | undefined {
  const params = error.params as Record<string, unknown>;
  const key = error.instancePath.slice(1);
  if (key in KEYS) return `${key}: ${KEYS[key as EnvKey].reason}`;
  if (error.keyword === 'dependencies') {
    return `${String(params.missingProperty)}: required when ${String(params.property)} is set`;
  }
  const rule = RULES[Number(/^#\/allOf\/(\d+)\/then\//.exec(error.schemaPath)?.[1] ?? NaN)];
  if (rule && error.keyword === 'required') {
    return `${String(params.missingProperty)}: required when ${rule.when}`;
  }
  if (rule?.forbids && error.keyword === 'not') {
    return `${rule.forbids}: must not be set when ${rule.when}`;
  }
  // The `if` keyword only repeats that a `then` failed, which is already reported.
  return error.keyword === 'if' ? undefined : `configuration: ${error.message ?? 'is invalid'}`;
}
