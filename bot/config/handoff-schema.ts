// JSON schema of the handoff configuration file (`handoff.default.json` is an example).
// Each option is one way of reaching a live agent that the user may be offered.

export const HANDOFF_START_ACTIONS = ['AGENT', 'START_CONVERSATION'] as const;

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
              'Sent to ServiceNow when the chat starts. Values may use ${language}, ${locale}, ' +
              '${timezone}, ${email} and ${description}.',
            type: 'object',
            propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]{0,79}$' },
            additionalProperties: { type: 'string', maxLength: 1000 },
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
      },
    },
  },
} as const;
