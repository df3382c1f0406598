// The environment keys the bot reads, their JSON schema and the reason shown when one is wrong.
// Values are never quoted in a problem, so secrets cannot leak through an error message.
import type { ErrorObject } from 'ajv';
import { Ajv } from 'ajv';
import { BOT_APP_TYPES, LOG_LEVELS } from './types.js';

const GUID = '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}';
const text = { type: 'string', minLength: 1 } as const;

interface KeySpec {
  readonly schema: Readonly<Record<string, unknown>>;
  readonly reason: string;
}

const KEYS = {
  MicrosoftAppId: { schema: { type: 'string', pattern: `^${GUID}$` }, reason: 'must be a GUID' },
  MicrosoftAppPassword: { schema: text, reason: 'must not be empty' },
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
  SERVICENOW_PASSWORD: { schema: text, reason: 'must not be empty' },
  SERVICENOW_VA_TOKEN: { schema: text, reason: 'must not be empty' },
  SERVICENOW_APP_INBOUND_ID: {
    schema: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,100}$' },
    reason: 'must be 1–100 letters, digits, ".", "_" or "-"',
  },
  SERVICENOW_CALLBACK_API_KEY: {
    schema: { type: 'string', minLength: 16 },
    reason: 'must be at least 16 characters long',
  },
  SERVICENOW_CALLBACK_USER: { schema: text, reason: 'must not be empty' },
  COSMOS_ENDPOINT: { schema: text, reason: 'must not be empty' },
  COSMOS_KEY: { schema: text, reason: 'must not be empty' },
  COSMOS_DATABASE: {
    schema: { type: 'string', pattern: '^[^/\\\\?#]{0,254}[^/\\\\?# ]$' },
    reason: 'must be 1–255 characters without "/", "\\", "?", "#" or a trailing space',
  },
  HANDOFF_CONFIG: { schema: text, reason: 'must not be empty' },
  ALLOWED_TENANT_IDS: {
    schema: { type: 'string', pattern: `^${GUID}(,${GUID})*$` },
    reason: 'must be a comma-separated list of tenant GUIDs',
  },
  LOG_LEVEL: {
    schema: { type: 'string', enum: LOG_LEVELS },
    reason: `must be one of ${LOG_LEVELS.join(', ')}`,
  },
  NODE_ENV: { schema: text, reason: 'must not be empty' },
} as const satisfies Record<string, KeySpec>;

export type EnvKey = keyof typeof KEYS;
export const ENV_KEYS = Object.keys(KEYS) as readonly EnvKey[];

/** The environment after normalisation and validation (PORT coerced to a number). */
export type ValidEnvironment = Partial<Record<Exclude<EnvKey, 'PORT'>, string>> & {
  readonly PORT?: number;
};

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

const RULES: readonly ConditionalRule[] = [
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
    if: whenEquals('NODE_ENV', 'production'),
    requires: ['COSMOS_ENDPOINT'],
  },
];

/** Keys that need others: a ServiceNow instance needs credentials, and so on. */
const DEPENDENCIES: Readonly<Partial<Record<EnvKey, readonly EnvKey[]>>> = {
  SERVICENOW_INSTANCE_URL: [
    'SERVICENOW_USERNAME',
    'SERVICENOW_PASSWORD',
    'SERVICENOW_CALLBACK_API_KEY',
  ],
  COSMOS_ENDPOINT: ['COSMOS_KEY'],
  MicrosoftAppPassword: ['MicrosoftAppId'],
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
