// The shape an activity on /api/messages must have before botbuilder sees it. Bot Connector
// always sends these fields with these types; anything else cannot come from Teams and would
// otherwise fail deep inside a turn. Unknown fields are allowed: the protocol grows.
import type { ErrorObject } from 'ajv';
import { Ajv } from 'ajv';

/** Teams caps a message at about 28 KB; longer text cannot come from a Teams user. */
export const MAX_TEXT_LENGTH = 40_000;

const id = { type: 'string', minLength: 1, maxLength: 1024 } as const;
const shortText = { type: 'string', maxLength: 1024 } as const;
/** The sender's ids key the user's document: Cosmos DB ids cannot hold "/", "\\", "?" or "#". */
const key = { type: 'string', minLength: 1, maxLength: 1024, pattern: '^[^/\\\\?#]+$' } as const;
const account = {
  type: 'object',
  required: ['id'],
  properties: { id, name: shortText, aadObjectId: shortText, role: shortText },
} as const;
const sender = {
  ...account,
  properties: { ...account.properties, id: key, aadObjectId: key },
} as const;
const objects = { type: 'array', maxItems: 100, items: { type: 'object' } } as const;

const activitySchema = {
  type: 'object',
  required: ['type', 'channelId', 'serviceUrl', 'from', 'recipient', 'conversation'],
  properties: {
    type: { type: 'string', minLength: 1, maxLength: 64 },
    id: shortText,
    name: shortText,
    channelId: { type: 'string', minLength: 1, maxLength: 64 },
    serviceUrl: { type: 'string', pattern: '^https?://', maxLength: 2048 },
    timestamp: shortText,
    localTimestamp: shortText,
    localTimezone: shortText,
    locale: shortText,
    replyToId: shortText,
    textFormat: shortText,
    text: { type: 'string', maxLength: MAX_TEXT_LENGTH },
    from: sender,
    recipient: account,
    conversation: {
      type: 'object',
      required: ['id'],
      properties: { id, tenantId: shortText, conversationType: shortText },
    },
    channelData: { type: 'object' },
    attachments: objects,
    entities: objects,
    membersAdded: objects,
    membersRemoved: objects,
  },
} as const;

export class ActivityShape {
  private readonly validate = new Ajv({ allErrors: true }).compile(activitySchema);

  /** Undefined when `body` is a well-formed activity, else one line per problem. */
  problems(body: unknown): string[] | undefined {
    if (this.validate(body)) return undefined;
    return [...new Set((this.validate.errors ?? []).map(describe))];
  }
}

function describe(error: ErrorObject): string {
  return `${error.instancePath === '' ? 'activity' : error.instancePath} ${error.message ?? 'is invalid'}`;
}
