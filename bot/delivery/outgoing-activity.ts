// What botbuilder (4.23.3) puts on the wire for an activity sent in a proactive turn, without the
// turn. TurnContext.sendActivities stamps a copy of the activity with the turn's conversation
// reference (TurnContext.applyConversationReference: channel, serviceUrl, conversation, the bot
// as sender, the user as recipient, the reference's locale unless the activity has one, a reply
// to the reference's activity id), defaults its type to `message` and drops its id; the connector
// client then serializes it with the Bot Framework schema's mappers, which keep only the fields
// the schema names on the activity and on its accounts (nothing is renamed; Dates become ISO
// strings, as JSON.stringify makes them). The fields below are those mappers' (botframework-
// connector `lib/connectorApi/models/mappers.js`); what the activity carries inside them
// (attachments, card actions, entities, channelData) goes out as it is.
import type {
  Activity,
  ChannelAccount,
  ConversationAccount,
  ConversationReference,
} from 'botbuilder';

/** The activity's fields in the Bot Framework schema, but its id (the connector assigns one). */
const activityFields: ReadonlySet<string> = new Set([
  'type',
  'timestamp',
  'localTimestamp',
  'localTimezone',
  'callerId',
  'serviceUrl',
  'channelId',
  'from',
  'conversation',
  'recipient',
  'textFormat',
  'attachmentLayout',
  'membersAdded',
  'membersRemoved',
  'reactionsAdded',
  'reactionsRemoved',
  'topicName',
  'historyDisclosed',
  'locale',
  'text',
  'speak',
  'inputHint',
  'summary',
  'suggestedActions',
  'attachments',
  'entities',
  'channelData',
  'action',
  'replyToId',
  'label',
  'valueType',
  'value',
  'name',
  'relatesTo',
  'code',
  'expiration',
  'importance',
  'deliveryMode',
  'listenFor',
  'textHighlights',
  'semanticAction',
]);

const channelAccountFields = ['id', 'name', 'aadObjectId', 'role', 'properties'] as const;
const conversationAccountFields = [
  'isGroup',
  'conversationType',
  'id',
  'name',
  'aadObjectId',
  'role',
  'tenantId',
  'properties',
] as const;

/** Where a conversation's activities go and whom they are from: computed once per conversation. */
export interface Addressing {
  readonly channelId?: string;
  readonly serviceUrl?: string;
  readonly locale?: string;
  readonly conversation?: Partial<ConversationAccount>;
  /** The bot (the reference's `bot`). */
  readonly from?: Partial<ChannelAccount>;
  /** The user (the reference's `user`). */
  readonly recipient?: Partial<ChannelAccount>;
  /** The activity every send replies to (the reference's `activityId`), if any. */
  readonly replyToId?: string;
}

export function addressingOf(reference: Partial<ConversationReference>): Addressing {
  return {
    channelId: reference.channelId,
    serviceUrl: reference.serviceUrl,
    locale: reference.locale,
    conversation: pick(reference.conversation, conversationAccountFields),
    from: pick(reference.bot, channelAccountFields),
    recipient: pick(reference.user, channelAccountFields),
    replyToId: reference.activityId === '' ? undefined : reference.activityId,
  };
}

/** The activity as botbuilder would send it to `addressing`'s conversation (a new object). */
export function outgoingActivity(
  activity: Partial<Activity>,
  addressing: Addressing,
): Record<string, unknown> {
  const source = activity as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in source) {
    if (activityFields.has(key) && Object.hasOwn(source, key)) out[key] = source[key];
  }
  if (!activity.type) out.type = 'message';
  out.channelId = addressing.channelId;
  out.locale = activity.locale ?? addressing.locale;
  out.serviceUrl = addressing.serviceUrl;
  out.conversation = addressing.conversation;
  out.from = addressing.from;
  out.recipient = addressing.recipient;
  if (addressing.replyToId !== undefined) out.replyToId = addressing.replyToId;
  return out;
}

/** A copy of `account` with only `fields` (none for a missing account, even a stored null). */
function pick<T extends object>(
  account: T | null | undefined,
  fields: readonly string[],
): T | undefined {
  if (account === undefined || account === null) return undefined;
  const source = account as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const field of fields) {
    if (field in source) copy[field] = source[field];
  }
  return copy as T;
}
