// Maps one validated `ActionMsg` body item, by its documented actionType, to its event. The end of
// the chat (`SwitchToVirtualAgent`) is not mapped here: the parser adds it once, last.
import type { AgentInfo, SnowEvent } from '../events.js';
import { agentOf } from './items.js';
import type { RawItem } from './schema.js';
import { optional, record, scalarText, text } from './values.js';

export interface ActionContext {
  /** The instance URL, for relative avatar URLs. */
  readonly base: URL;
  /** The first agent named anywhere in the callback: ServiceNow may put it on another item. */
  readonly firstAgent: () => AgentInfo | undefined;
}

type ActionMapper = (item: RawItem, ctx: ActionContext) => SnowEvent[];

const typing =
  (active: boolean): ActionMapper =>
  () => [{ type: 'typing', active }];

const mappers: Readonly<Record<string, ActionMapper>> = {
  SwitchToLiveAgent: (item, ctx) => {
    const agent = agentOf(item, ctx.base) ?? ctx.firstAgent();
    return [{ type: 'agentJoined', ...optional('agent', agent) }];
  },
  StartSpinner: (item) =>
    item.spinnerType === 'wait_time'
      ? [
          {
            type: 'waitTime',
            ...optional('message', text(item.message)),
            ...optional('waitTime', scalarText(item.waitTime)),
          },
        ]
      : [{ type: 'spinner', active: true, ...optional('spinnerType', text(item.spinnerType)) }],
  EndSpinner: (item) => [
    { type: 'spinner', active: false, ...optional('spinnerType', text(item.spinnerType)) },
  ],
  SubscribeToSupportQueue: () => [{ type: 'queued' }],
  SubscribeToChatPresence: () => [{ type: 'liveChatStarted' }],
  // The feature list names the long forms; payloads and other implementers send the short ones.
  StartTypingIndicator: typing(true),
  StartTypingIndicatorActionMsg: typing(true),
  EndTypingIndicator: typing(false),
  EndTypingIndicatorActionMsg: typing(false),
  System: (item) => {
    const notice = text(item.message);
    return notice === undefined ? [] : [{ type: 'system', text: notice }];
  },
  ChatSubHeader: (item) => {
    const line = text(item.message) ?? text(item.header) ?? text(item.label);
    return line === undefined ? [] : [{ type: 'subHeader', text: line }];
  },
  DynamicLoader: (item) => [
    {
      type: 'progress',
      ...optional('header', text(item.header)),
      messages: progressMessages(item.progressMessages),
      ...optional('parentMessageId', text(item.parentMessageId)),
    },
  ],
  StartConversation: (item) => [conversation('started', item)],
  CreateConversation: (item) => [conversation('created', item)],
  SwitchConversation: (item) => [conversation('switched', item)],
  TopicFinished: () => [{ type: 'topicBoundary', actionType: 'TopicFinished' }],
  Separator: () => [{ type: 'topicBoundary', actionType: 'Separator' }],
  SwitchToVirtualAgent: () => [],
};

/** The events of an ActionMsg; an actionType this version does not know is kept as unsupported. */
export function actionEvents(item: RawItem, ctx: ActionContext): SnowEvent[] {
  const actionType = String(item.actionType);
  const mapper = Object.hasOwn(mappers, actionType) ? mappers[actionType] : undefined;
  if (mapper !== undefined) return mapper(item, ctx);
  return [
    {
      type: 'unsupported',
      uiType: item.uiType,
      actionType,
      ...optional('text', text(item.message)),
    },
  ];
}

function conversation(change: 'started' | 'created' | 'switched', item: RawItem): SnowEvent {
  return {
    type: 'conversation',
    change,
    ...optional('conversationId', text(item.conversationId)),
    ...optional('interactionId', text(item.interactionId)),
    ...optional('messageId', text(item.messageId)),
  };
}

/** Progress lines are documented only by name: strings, or objects with a text of some kind. */
function progressMessages(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    const line =
      text(entry) ??
      text(record(entry)?.message) ??
      text(record(entry)?.text) ??
      text(record(entry)?.label);
    return line === undefined ? [] : [line];
  });
}
