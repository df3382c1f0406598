// The `ticket` and `survey` settings of the handoff configuration: globally, and per handoff
// option (an option's settings override the global ones key by key; its `fields` are merged).
// Field values and the portal link are templates in the same `${expression}` language as the
// context variables, over `context` with a few more fields (see TICKET_TEMPLATE_FIELDS).
import {
  ContextTemplate,
  HANDOFF_CONTEXT_FIELDS,
  HandoffExpressionError,
} from '../../dialogs/handoff-rules.js';

const name = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,79}$' } as const;
const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
const labels = {
  description: 'The label in other languages, by ISO 639-1 code.',
  type: 'object',
  propertyNames: { pattern: '^[a-z]{2}$' },
  additionalProperties: text(100),
} as const;

export const ticketSchema = {
  description: 'A ticket (Table API insert) offered wherever live chat cannot happen.',
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: { description: 'Whether tickets are offered. Default: false.', type: 'boolean' },
    table: { ...name, description: 'The task table to insert into. Default: incident.' },
    fields: {
      description: 'Field values of the record: templates with ${expression} parts.',
      type: 'object',
      propertyNames: name,
      additionalProperties: { type: 'string', maxLength: 4000 },
    },
    portalUrl: {
      ...text(2000),
      description:
        'Link to the ticket: a template (context.number, context.sys_id, context.table, context.instance_url).',
    },
    choice: {
      description: 'One choice on the ticket card (e.g. urgency); its value goes into `field`.',
      type: 'object',
      additionalProperties: false,
      required: ['field', 'label', 'options'],
      properties: {
        field: name,
        label: text(100),
        labels,
        default: text(100),
        options: {
          type: 'array',
          minItems: 1,
          maxItems: 20,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['value', 'label'],
            properties: { value: text(100), label: text(100), labels },
          },
        },
      },
    },
  },
} as const;

export const surveySchema = {
  description: 'The survey after a chat with an agent, written to the interaction.',
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: { description: 'Whether the survey is sent. Default: false.', type: 'boolean' },
    field: {
      ...name,
      description: 'Interaction field the answer is written to. Default: work_notes.',
    },
  },
} as const;

/** What ticket field templates can read, beyond the context variables' fields. */
export const TICKET_TEMPLATE_FIELDS = [
  ...HANDOFF_CONTEXT_FIELDS,
  'reason',
  'choice',
  'asked_at',
] as const;
/** What the portal link can read, once the record exists. */
export const PORTAL_TEMPLATE_FIELDS = [
  ...TICKET_TEMPLATE_FIELDS,
  'number',
  'sys_id',
  'table',
  'instance_url',
] as const;

/** Set by the bot on every record: the admin cannot configure them. */
const RESERVED_FIELDS = new Set(['correlation_id', 'sys_id', 'number']);

export interface TicketChoiceSettings {
  readonly field: string;
  readonly label: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly default?: string;
  readonly options: readonly {
    readonly value: string;
    readonly label: string;
    readonly labels?: Readonly<Record<string, string>>;
  }[];
}

export interface RawTicketSettings {
  readonly enabled?: boolean;
  readonly table?: string;
  readonly fields?: Readonly<Record<string, string>>;
  readonly portalUrl?: string;
  readonly choice?: TicketChoiceSettings;
}

export interface RawSurveySettings {
  readonly enabled?: boolean;
  readonly field?: string;
}

export interface TicketSettings {
  readonly enabled: boolean;
  readonly table: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly portalUrl?: string;
  readonly choice?: TicketChoiceSettings;
}

export interface SurveySettings {
  readonly enabled: boolean;
  readonly field: string;
}

/** The ticket settings that apply to an option (or, with none, the global ones). */
export function ticketSettings(
  global: RawTicketSettings | undefined,
  option: RawTicketSettings | undefined,
): TicketSettings {
  const merged = { ...global, ...option };
  return {
    enabled: merged.enabled ?? false,
    table: merged.table ?? 'incident',
    fields: { ...global?.fields, ...option?.fields },
    ...(merged.portalUrl === undefined ? {} : { portalUrl: merged.portalUrl }),
    ...(merged.choice === undefined ? {} : { choice: merged.choice }),
  };
}

export function surveySettings(
  global: RawSurveySettings | undefined,
  option: RawSurveySettings | undefined,
): SurveySettings {
  const merged = { ...global, ...option };
  return { enabled: merged.enabled ?? false, field: merged.field ?? 'work_notes' };
}

/** Problems of one `ticket` block, each with its JSON path. */
export function ticketProblems(settings: RawTicketSettings | undefined, at: string): string[] {
  if (settings === undefined) return [];
  const problems: string[] = [];
  for (const [field, template] of Object.entries(settings.fields ?? {})) {
    if (RESERVED_FIELDS.has(field)) {
      problems.push(`${at}/ticket/fields/${field}: set by the bot (the idempotency key and ids)`);
    }
    const reason = templateProblem(template, TICKET_TEMPLATE_FIELDS);
    if (reason !== undefined) problems.push(`${at}/ticket/fields/${field}: ${reason}`);
  }
  if (settings.portalUrl !== undefined) {
    const reason = templateProblem(settings.portalUrl, PORTAL_TEMPLATE_FIELDS);
    if (reason !== undefined) problems.push(`${at}/ticket/portalUrl: ${reason}`);
    else if (!/^(https?:\/\/|\$\{\s*context\.instance_url\s*\})/.test(settings.portalUrl)) {
      problems.push(
        `${at}/ticket/portalUrl: must start with https:// (or http://, or \${context.instance_url})`,
      );
    }
  }
  const choice = settings.choice;
  if (choice !== undefined && RESERVED_FIELDS.has(choice.field)) {
    problems.push(`${at}/ticket/choice/field: set by the bot`);
  }
  if (choice?.default !== undefined && !choice.options.some((o) => o.value === choice.default)) {
    problems.push(`${at}/ticket/choice/default: not one of the option values`);
  }
  return problems;
}

function templateProblem(text: string, fields: readonly string[]): string | undefined {
  try {
    ContextTemplate.compile(text, fields);
    return undefined;
  } catch (err) {
    if (err instanceof HandoffExpressionError) return err.message;
    throw err;
  }
}
