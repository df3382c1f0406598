// The handoff configuration: which live-agent options exist, when each is offered (trigger rule,
// display score, business hours), how requests are classified into domains, and how context
// variables are built. Read from a JSON file at start-up, validated, and rendered per chat.
import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { Ajv } from 'ajv';
import type { DomainRule } from '../../dialogs/domain-classifier.js';
import {
  ContextTemplate,
  renderTemplates,
  type HandoffContext,
} from '../../dialogs/handoff-rules.js';
import { ConfigError, ConfigErrorCodes } from './errors.js';
import { deepFreeze } from './freeze.js';
import { semanticProblems } from './handoff-checks.js';
import type { HANDOFF_START_ACTIONS, WEEKDAYS } from './handoff-schema.js';
import { handoffSchema } from './handoff-schema.js';
import {
  normaliseKnowledge,
  type KnowledgeSettings,
  type OptionKnowledge,
  type RawKnowledge,
} from './knowledge-config.js';
import {
  surveySettings,
  ticketSettings,
  type RawSurveySettings,
  type RawTicketSettings,
  type SurveySettings,
  type TicketSettings,
} from './ticket-config.js';

export { HANDOFF_CONTEXT_FIELDS } from '../../dialogs/handoff-rules.js';
/** What context-variable templates and rules can read, as `context.<field>`. */
export type ContextValues = HandoffContext;

export type HandoffStartAction = (typeof HANDOFF_START_ACTIONS)[number];
export type Weekday = (typeof WEEKDAYS)[number];

export interface BusinessHours {
  /** IANA time zone the hours and holidays are written in. */
  readonly timeZone: string;
  /** "HH:MM-HH:MM" intervals per weekday; a missing day is closed. */
  readonly weekly: Readonly<Partial<Record<Weekday, readonly string[]>>>;
  /** Closed days, YYYY-MM-DD. */
  readonly holidays: readonly string[];
}

export interface HandoffOption {
  readonly id: string;
  readonly enabled: boolean;
  readonly label: string;
  /** The label in other languages, by ISO 639-1 code. */
  readonly labels: Readonly<Record<string, string>>;
  /** Expression over `context`; the option is offered only when it is true. */
  readonly triggerRule: string;
  /** Expression over `context` giving a number; higher is offered first. */
  readonly displayScore: string;
  readonly startAction: HandoffStartAction;
  /** sys_id (32 hex) of the AWA service channel; absent for the default routing. */
  readonly serviceChannel?: string;
  /** Templates: text with `${expression}` parts over `context`. */
  readonly contextVariables: Readonly<Record<string, string>>;
  /** Overrides the global business hours for this option. */
  readonly businessHours?: BusinessHours;
  /** Turns the knowledge step off for this option, or overrides its settings. */
  readonly knowledge?: OptionKnowledge;
  /** The tickets offered where this option cannot reach an agent (global settings merged in). */
  readonly ticket: TicketSettings;
  /** The survey after a chat through this option (global settings merged in). */
  readonly survey: SurveySettings;
}

export interface HandoffConfig {
  readonly options: readonly HandoffOption[];
  readonly domains: readonly DomainRule[];
  readonly availability: {
    readonly agentsAlwaysAvailable: boolean;
    readonly cacheSeconds: number;
    readonly businessHours?: BusinessHours;
  };
  /** Knowledge articles before a live agent; `enabled: false` when the file has none. */
  readonly knowledge: KnowledgeSettings;
  /** The global ticket settings: for dead ends no option applies to. */
  readonly ticket: TicketSettings;
  readonly survey: SurveySettings;
}

type RawBusinessHours = Omit<BusinessHours, 'holidays'> & { readonly holidays?: readonly string[] };
export interface RawHandoffOption {
  readonly id: string;
  readonly enabled: boolean;
  readonly label: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly triggerRule?: string;
  readonly displayScore?: string;
  readonly startAction: HandoffStartAction;
  readonly serviceChannel?: string | null;
  readonly contextVariables: Readonly<Record<string, string>>;
  readonly businessHours?: RawBusinessHours;
  readonly knowledge?: OptionKnowledge;
  readonly ticket?: RawTicketSettings;
  readonly survey?: RawSurveySettings;
}
export interface RawHandoffConfig {
  readonly options: readonly RawHandoffOption[];
  readonly domains?: readonly DomainRule[];
  readonly ticket?: RawTicketSettings;
  readonly survey?: RawSurveySettings;
  readonly availability: HandoffConfig['availability'] & {
    readonly businessHours?: RawBusinessHours;
  };
  readonly knowledge?: RawKnowledge;
}

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
  return deepFreeze(normalise(raw));
}

function normalise(raw: RawHandoffConfig): HandoffConfig {
  const { businessHours, ...availability } = raw.availability;
  return {
    options: raw.options.map(
      ({ serviceChannel, businessHours: hours, ticket, survey, ...rest }) => ({
        ...rest,
        ticket: ticketSettings(raw.ticket, ticket),
        survey: surveySettings(raw.survey, survey),
        labels: { ...rest.labels },
        triggerRule: rest.triggerRule ?? 'true',
        displayScore: rest.displayScore ?? '1',
        contextVariables: { ...rest.contextVariables },
        ...(typeof serviceChannel === 'string' ? { serviceChannel } : {}),
        ...(hours === undefined ? {} : { businessHours: normaliseHours(hours) }),
      }),
    ),
    domains: (raw.domains ?? []).map((d) => ({
      id: d.id,
      keywords: [...d.keywords],
      phrases: [...(d.phrases ?? [])],
    })),
    availability: {
      ...availability,
      ...(businessHours === undefined ? {} : { businessHours: normaliseHours(businessHours) }),
    },
    knowledge: normaliseKnowledge(raw.knowledge),
    ticket: ticketSettings(raw.ticket, undefined),
    survey: surveySettings(raw.survey, undefined),
  };
}

function normaliseHours(hours: RawBusinessHours): BusinessHours {
  return {
    timeZone: hours.timeZone,
    weekly: { ...hours.weekly },
    holidays: [...(hours.holidays ?? [])],
  };
}

/**
 * Renders an option's context-variable templates for one chat. A variable whose template is a
 * single `${…}` with no value (null, absent, empty) is left out; inserted values are taken
 * literally, never expanded again. The templates were validated at start-up.
 */
export function renderContextVariables(
  template: Readonly<Record<string, string>>,
  values: ContextValues,
): Record<string, string> {
  const compiled: Record<string, ContextTemplate> = {};
  for (const [name, text] of Object.entries(template))
    compiled[name] = ContextTemplate.compile(text);
  return renderTemplates(compiled, values);
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
