// The settings the Teams app package is built from: environment keys (and `.env`, read by the
// CLI), validated with ajv, every bad key reported at once. `MicrosoftAppId` is the same key the
// bot reads; the others only matter when building the package, so they live here, not in
// bot/config. Problems name keys and reasons, never values.
import { createHash } from 'node:crypto';
import { Ajv } from 'ajv';
import { PackageError, PackageErrorCodes } from './errors.js';

const GUID = '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$';
const HTTPS_URL = { type: 'string', pattern: '^https://[^\\s/]+(/\\S*)?$', maxLength: 2048 };
// A host name, optionally with a leading `*.` wildcard, as the manifest's validDomains expects.
const DOMAIN = '(\\*\\.)?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+';

interface KeySpec {
  readonly schema: Readonly<Record<string, unknown>>;
  readonly reason: string;
  readonly required?: true;
  readonly default?: string;
}

const text = (max: number, fallback?: string): KeySpec => ({
  schema: { type: 'string', minLength: 1, maxLength: max },
  reason: `must be 1–${max} characters`,
  ...(fallback === undefined ? { required: true } : { default: fallback }),
});

const https: KeySpec = { schema: HTTPS_URL, reason: 'must be an https:// URL', required: true };

export const PACKAGE_KEYS = {
  MicrosoftAppId: {
    schema: { type: 'string', pattern: GUID },
    reason: "must be the bot's GUID (its Entra app id, or the managed identity's client id)",
    required: true,
  },
  TEAMS_APP_ID: {
    schema: { type: 'string', pattern: GUID },
    reason: 'must be a GUID (leave it unset to derive a stable one from MicrosoftAppId)',
  },
  TEAMS_APP_VERSION: {
    schema: { type: 'string', pattern: '^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$' },
    reason: 'must be MAJOR.MINOR.PATCH, e.g. 1.0.0 (raise it for every update you upload)',
  },
  TEAMS_APP_NAME: text(30, 'Live Agent'),
  TEAMS_APP_FULL_NAME: text(100, 'Live Agent chat with the IT service desk'),
  TEAMS_APP_DESCRIPTION: text(80, 'Chat with a live IT service desk agent without leaving Teams.'),
  TEAMS_APP_FULL_DESCRIPTION: text(
    4000,
    'Describe your problem and, when an agent of the IT service desk is available, chat with ' +
      'them right here in Teams. The agent answers from ServiceNow; you never leave the chat. ' +
      'Type "Help" for the options, "Live chat" to reach an agent and "End chat" to finish.',
  ),
  TEAMS_APP_DEVELOPER_NAME: text(32),
  TEAMS_APP_WEBSITE_URL: https,
  TEAMS_APP_PRIVACY_URL: https,
  TEAMS_APP_TERMS_URL: https,
  TEAMS_APP_ACCENT_COLOR: {
    schema: { type: 'string', pattern: '^#[0-9A-Fa-f]{6}$' },
    reason: 'must be a colour such as #0E7A6F',
    default: '#0E7A6F',
  },
  TEAMS_APP_VALID_DOMAINS: {
    schema: { type: 'string', pattern: `^(${DOMAIN}(,${DOMAIN})*)?$` },
    reason: 'must be a comma-separated list of host names such as bot.example.com',
    default: '',
  },
} as const satisfies Record<string, KeySpec>;

export type PackageKey = keyof typeof PACKAGE_KEYS;
export const PACKAGE_KEY_NAMES = Object.keys(PACKAGE_KEYS) as readonly PackageKey[];

/** Every placeholder's value: text, except TEAMS_APP_VALID_DOMAINS, which is a list. */
export type PackageSettings = Readonly<
  Record<Exclude<PackageKey, 'TEAMS_APP_VALID_DOMAINS'>, string>
> & {
  readonly TEAMS_APP_VALID_DOMAINS: readonly string[];
};

export interface SettingsDefaults {
  /** Used when TEAMS_APP_VERSION is unset, e.g. the project's package.json version. */
  readonly version: string;
}

/** Throws PackageError (PACKAGE_SETTINGS_INVALID) listing every problem at once. */
export function readPackageSettings(
  env: Readonly<Record<string, string | undefined>>,
  defaults: SettingsDefaults,
): PackageSettings {
  const input: Record<string, string> = {};
  for (const key of PACKAGE_KEY_NAMES) {
    const value = env[key]?.trim();
    if (value !== undefined && value !== '') input[key] = value;
  }
  const problems = validate(input);
  if (problems.length > 0)
    throw new PackageError(PackageErrorCodes.PACKAGE_SETTINGS_INVALID, problems);
  const value = (key: PackageKey): string => {
    const spec: KeySpec = PACKAGE_KEYS[key];
    return input[key] ?? spec.default ?? '';
  };
  const appId = value('MicrosoftAppId').toLowerCase();
  return {
    ...(Object.fromEntries(PACKAGE_KEY_NAMES.map((k) => [k, value(k)])) as Record<
      PackageKey,
      string
    >),
    MicrosoftAppId: appId,
    TEAMS_APP_ID: (input.TEAMS_APP_ID ?? deriveAppId(appId)).toLowerCase(),
    TEAMS_APP_VERSION: input.TEAMS_APP_VERSION ?? defaults.version,
    TEAMS_APP_VALID_DOMAINS: splitList(value('TEAMS_APP_VALID_DOMAINS')),
  };
}

function validate(input: Record<string, string>): string[] {
  const specs: Readonly<Record<PackageKey, KeySpec>> = PACKAGE_KEYS;
  const schema = {
    type: 'object',
    properties: Object.fromEntries(PACKAGE_KEY_NAMES.map((k) => [k, specs[k].schema])),
    required: PACKAGE_KEY_NAMES.filter((k) => specs[k].required === true),
  };
  const check = new Ajv({ allErrors: true }).compile(schema);
  if (check(input)) return [];
  const lines = (check.errors ?? []).map((error) => {
    const missing = (error.params as { missingProperty?: string }).missingProperty;
    if (error.keyword === 'required' && missing !== undefined) {
      return `${missing}: required (${PACKAGE_KEYS[missing as PackageKey].reason})`;
    }
    const key = error.instancePath.slice(1) as PackageKey;
    return `${key}: ${PACKAGE_KEYS[key].reason}`;
  });
  return [...new Set(lines)].sort();
}

function splitList(value: string): string[] {
  return value === '' ? [] : value.split(',').map((d) => d.trim().toLowerCase());
}

// A name-based (version 5) UUID in a namespace of our own, so the same bot always gets the same
// Teams app id and an updated package replaces the installed app instead of adding a second one.
const NAMESPACE = Buffer.from('6c8e0f5a3d2b4c71a9e4b07d5f1e2a93', 'hex');

export function deriveAppId(botId: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(botId.toLowerCase()).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
