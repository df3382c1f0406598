// JSON schema of the handoff configuration file (`handoff.default.json` is an example).
// Each option is one way of reaching a live agent that the user may be offered. Expressions and
// time zones are checked after the schema, in handoff.ts.
import { knowledgeSchema, optionKnowledgeSchema } from './knowledge-config.js';
import { surveySchema, ticketSchema } from './ticket-config.js';

export const HANDOFF_START_ACTIONS = ['AGENT', 'START_CONVERSATION'] as const;
export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

const expression = (description: string) =>
  ({ description, type: 'string', minLength: 1, maxLength: 2000 }) as const;

const businessHoursSchema = {
  description: 'When agents work; outside these hours no live chat is offered.',
  type: 'object',
  additionalProperties: false,
  required: ['timeZone', 'weekly'],
  properties: {
    timeZone: { description: 'IANA time zone, e.g. Europe/Berlin.', type: 'string', minLength: 1 },
    weekly: {
      description: 'Opening intervals per weekday, e.g. ["08:00-12:00", "13:00-17:30"].',
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(
        WEEKDAYS.map((day) => [
          day,
          {
            type: 'array',
            maxItems: 12,
            items: {
              type: 'string',
              pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$',
            },
          },
        ]),
      ),
    },
    holidays: {
      description: 'Closed days (YYYY-MM-DD, in the time zone above).',
      type: 'array',
      maxItems: 366,
      items: { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' },
    },
  },
} as const;

export const handoffSchema = {
  $id: 'live-agent/handoff-config',
  type: 'object',
  additionalProperties: false,
  required: ['options', 'availability'],
  properties: {
    options: {
      description: 'Handoff options; at least one must be enabled.',
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'enabled', 'label', 'startAction', 'contextVariables'],
        properties: {
          id: {
            description: 'Stable identifier, stored with each session.',
            type: 'string',
            pattern: '^[A-Za-z0-9_.-]{1,100}$',
          },
          enabled: { type: 'boolean' },
          label: {
            description: 'Shown to the user on the offer card.',
            type: 'string',
            minLength: 1,
            maxLength: 100,
          },
          labels: {
            description:
              'The label in other languages, by ISO 639-1 code, e.g. {"de": "Live-Chat"}.',
            type: 'object',
            propertyNames: { pattern: '^[a-z]{2}$' },
            additionalProperties: { type: 'string', minLength: 1, maxLength: 100 },
          },
          triggerRule: expression(
            'Expression over `context` that must be true for the option to be offered. Default: true.',
          ),
          displayScore: expression(
            'Expression over `context` giving a number; higher scores are offered first. Default: 1.',
          ),
          businessHours: businessHoursSchema,
          startAction: {
            description: 'The VA API action that opens the chat.',
            type: 'string',
            enum: HANDOFF_START_ACTIONS,
          },
          serviceChannel: {
            description: 'sys_id of the AWA service channel, or null for the default routing.',
            type: ['string', 'null'],
            pattern: '^[0-9a-f]{32}$',
          },
          contextVariables: {
            description:
              'Sent to ServiceNow when the chat starts. Values are text with ${expression} parts ' +
              'over `context`; a value that is one ${…} giving null is left out.',
            type: 'object',
            propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]{0,79}$' },
            additionalProperties: { type: 'string', maxLength: 1000 },
          },
          knowledge: optionKnowledgeSchema,
          ticket: ticketSchema,
          survey: surveySchema,
        },
      },
    },
    ticket: ticketSchema,
    survey: surveySchema,
    domains: {
      description: 'Keyword rules that classify a request into context.domain.',
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'keywords'],
        properties: {
          id: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,100}$' },
          keywords: {
            type: 'array',
            maxItems: 500,
            items: { type: 'string', minLength: 1, maxLength: 100 },
          },
          phrases: {
            type: 'array',
            maxItems: 500,
            items: { type: 'string', minLength: 1, maxLength: 200 },
          },
        },
      },
    },
    availability: {
      type: 'object',
      additionalProperties: false,
      required: ['agentsAlwaysAvailable', 'cacheSeconds'],
      properties: {
        agentsAlwaysAvailable: {
          description: 'Skip the agent presence check (for tests and demos).',
          type: 'boolean',
        },
        cacheSeconds: {
          description: 'How long an availability answer is reused.',
          type: 'integer',
          minimum: 0,
          maximum: 3600,
        },
        businessHours: businessHoursSchema,
      },
    },
    knowledge: knowledgeSchema,
  },
} as const;
