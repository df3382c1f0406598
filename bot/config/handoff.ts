// The handoff configuration: which live-agent options exist and how their context variables
// are built. Read from a JSON file at start-up, validated, and rendered per chat.
import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { Ajv } from 'ajv';
import { ConfigError, ConfigErrorCodes } from './errors.js';
import { deepFreeze } from './freeze.js';
import type { HANDOFF_START_ACTIONS } from './handoff-schema.js';
import { handoffSchema } from './handoff-schema.js';

export const CONTEXT_PLACEHOLDERS = [
  'language',
  'locale',
  'timezone',
  'email',
  'description',
] as const;
export type ContextPlaceholder = (typeof CONTEXT_PLACEHOLDERS)[number];
/** Values for `${…}` placeholders; a missing value renders as an empty string. */
export type ContextValues = Readonly<Partial<Record<ContextPlaceholder, string>>>;

export type HandoffStartAction = (typeof HANDOFF_START_ACTIONS)[number];

export interface HandoffOption {
  readonly id: string;
  readonly enabled: boolean;
  readonly label: string;
  readonly startAction: HandoffStartAction;
  /** sys_id (32 hex) of the AWA service channel; absent for the default routing. */
  readonly serviceChannel?: string;
  /** Templates: values may contain the placeholders of `CONTEXT_PLACEHOLDERS`. */
  readonly contextVariables: Readonly<Record<string, string>>;
}

export interface HandoffConfig {
  readonly options: readonly HandoffOption[];
  readonly availability: {
    readonly agentsAlwaysAvailable: boolean;
    readonly cacheSeconds: number;
  };
}

interface RawHandoffOption extends Omit<HandoffOption, 'serviceChannel'> {
  readonly serviceChannel?: string | null;
}
interface RawHandoffConfig extends Omit<HandoffConfig, 'options'> {
  readonly options: readonly RawHandoffOption[];
}

const PLACEHOLDER = /\$\{([^}]*)(\}?)/g;
const KNOWN = new Set<string>(CONTEXT_PLACEHOLDERS);

/** Reads and validates the file; throws ConfigError (HANDOFF_INVALID) naming each JSON path. */
export function loadHandoffConfig(path: string): HandoffConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'read failed';
    throw new ConfigError(
      ConfigErrorCodes.HANDOFF_INVALID,
      [`${path}: cannot be read (${reason})`],
      {
        cause: error,
      },
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    // The parser's message quotes file content; the problem line does not.
    throw new ConfigError(ConfigErrorCodes.HANDOFF_INVALID, [`${path}: is not valid JSON`], {
      cause: error,
    });
  }
  return parseHandoffConfig(raw, path);
}

/** Validates an already parsed handoff configuration and returns it typed and frozen. */
export function parseHandoffConfig(raw: unknown, source = 'handoff configuration'): HandoffConfig {
  const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile<RawHandoffConfig>(
    handoffSchema,
  );
  if (!validate(raw)) {
    const problems = (validate.errors ?? []).map((e) => `${source}: ${describeAjvError(e)}`);
    throw new ConfigError(ConfigErrorCodes.HANDOFF_INVALID, problems);
  }
  const problems = semanticProblems(raw).map((p) => `${source}: ${p}`);
  if (problems.length > 0) throw new ConfigError(ConfigErrorCodes.HANDOFF_INVALID, problems);
  return deepFreeze({
    options: raw.options.map(({ serviceChannel, ...rest }) => ({
      ...rest,
      contextVariables: { ...rest.contextVariables },
      ...(typeof serviceChannel === 'string' ? { serviceChannel } : {}),
    })),
    availability: { ...raw.availability },
  });
}

/**
 * Substitutes placeholders in every value. Inserted values are taken literally: a value that
 * itself contains `${…}` is not expanded again.
 */
export function renderContextVariables(
  template: Readonly<Record<string, string>>,
  values: ContextValues,
): Record<string, string> {
  const rendered: Record<string, string> = {};
  for (const [name, text] of Object.entries(template)) {
    rendered[name] = text.replace(PLACEHOLDER, (match, placeholder: string, closing: string) =>
      closing === '}' && KNOWN.has(placeholder)
        ? (values[placeholder as ContextPlaceholder] ?? '')
        : match,
    );
  }
  return rendered;
}

/** Rules JSON schema cannot say well: unique ids, one enabled option, known placeholders. */
function semanticProblems(config: RawHandoffConfig): string[] {
  const problems: string[] = [];
  if (!config.options.some((o) => o.enabled)) {
    problems.push('/options: at least one option must be enabled');
  }
  const seen = new Set<string>();
  config.options.forEach((option, index) => {
    if (seen.has(option.id)) problems.push(`/options/${index}/id: duplicate option id`);
    seen.add(option.id);
    for (const [name, text] of Object.entries(option.contextVariables)) {
      const reason = placeholderProblem(text);
      if (reason) problems.push(`/options/${index}/contextVariables/${name}: ${reason}`);
    }
  });
  return problems;
}

function placeholderProblem(text: string): string | undefined {
  for (const [, name = '', closing] of text.matchAll(PLACEHOLDER)) {
    if (closing !== '}') return 'unterminated ${ placeholder';
    if (!KNOWN.has(name)) {
      return `unknown placeholder \${${name}} (known: ${CONTEXT_PLACEHOLDERS.join(', ')})`;
    }
  }
  return undefined;
}

function describeAjvError(error: ErrorObject): string {
  const path = error.instancePath === '' ? '/' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'enum':
      return `${path}: must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'additionalProperties':
      return `${path}: unknown property "${String(params.additionalProperty)}"`;
    case 'required':
      return `${path}: missing property "${String(params.missingProperty)}"`;
    default:
      return `${path}: ${error.message ?? 'is invalid'}`;
  }
}
