// Turns a callback from ServiceNow into typed events, in the order ServiceNow sent them. The end of
// a chat is taken only from structured signals (`completed`, `SwitchToVirtualAgent`, `takeControl`),
// never from the localised System text, and is always the single last event.
import type { ValidateFunction } from 'ajv';
import { SnowCallbackError } from '../errors.js';
import type { AgentInfo, ChatEndReason, SnowCallback, SnowEvent } from '../events.js';
import { parseInstanceUrl } from '../instance-url.js';
import { compileCallbackValidator, type RawCallback, type RawItem } from './schema.js';

export interface CallbackParserOptions {
  /** The instance URL, against which relative avatar and image URLs are resolved. */
  readonly instanceUrl: string;
}

/** Validates and maps callbacks; holds the compiled schema, so keep one per process. */
export class CallbackParser {
  private readonly validate: ValidateFunction<RawCallback> = compileCallbackValidator();
  private readonly base: URL;

  constructor(options: CallbackParserOptions) {
    this.base = parseInstanceUrl(options.instanceUrl);
  }

  /** Throws SnowCallbackError (with JSON paths, never payload contents) when `body` is invalid. */
  parse(body: unknown): SnowCallback {
    if (!this.validate(body)) throw new SnowCallbackError(issuesOf(this.validate));
    const items = body.body ?? [];
    const events = items.flatMap((item) => eventsOfItem(item, items, this.base));
    const reason = endReasonOf(body, items);
    if (reason !== undefined) events.push({ type: 'chatEnded', reason });
    return {
      clientSessionId: body.clientSessionId,
      ...optional('requestId', text(body.requestId)),
      ...optional('userId', text(body.userId)),
      ...optional('interactionId', text(body.interactionId)),
      agentChat: flag(body.agentChat),
      events,
    };
  }
}

/** One-off parse; prefer holding a CallbackParser, which compiles the schema once. */
export function parseCallback(body: unknown, opts: CallbackParserOptions): SnowCallback {
  return new CallbackParser(opts).parse(body);
}

function eventsOfItem(item: RawItem, all: readonly RawItem[], base: URL): SnowEvent[] {
  if (item.uiType === 'OutputText') {
    const agent = agentOf(item, base);
    return [
      {
        type: 'message',
        // Some responses carry the text in `label` (itemType "outputtext") instead of `value`.
        text: text(item.value) ?? text(item.label) ?? '',
        fromAgent: flag(record(item.agentInfo)?.sentFromAgent),
        ...optional('agent', agent),
        ...optional('messageId', text(item.messageId)),
      },
    ];
  }
  if (item.uiType === 'ActionMsg') return eventsOfAction(item, all, base);
  return [unsupported(item, base)];
}

function eventsOfAction(item: RawItem, all: readonly RawItem[], base: URL): SnowEvent[] {
  const actionType = String(item.actionType);
  switch (actionType) {
    case 'SwitchToLiveAgent': {
      const agent = agentOf(item, base) ?? firstAgentOf(all, base);
      return [{ type: 'agentJoined', ...optional('agent', agent) }];
    }
    case 'StartSpinner':
      // Other spinners ("processing", "none") are ServiceNow's own progress and show nothing.
      if (item.spinnerType !== 'wait_time') return [];
      return [
        {
          type: 'waitTime',
          ...optional('message', text(item.message)),
          ...optional(
            'waitTime',
            text(typeof item.waitTime === 'number' ? String(item.waitTime) : item.waitTime),
          ),
        },
      ];
    case 'SubscribeToSupportQueue':
      return [{ type: 'queued' }];
    case 'StartTypingIndicator':
    case 'StartTypingIndicatorActionMsg':
      return [{ type: 'typing', active: true }];
    case 'EndTypingIndicator':
    case 'EndTypingIndicatorActionMsg':
      return [{ type: 'typing', active: false }];
    case 'System': {
      const notice = text(item.message);
      return notice === undefined ? [] : [{ type: 'system', text: notice }];
    }
    case 'EndSpinner':
    case 'SubscribeToChatPresence':
    case 'SwitchToVirtualAgent': // becomes chatEnded, once, at the end
      return [];
    default:
      return [
        {
          type: 'unsupported',
          uiType: item.uiType,
          actionType,
          ...optional('text', text(item.message)),
        },
      ];
  }
}

function unsupported(item: RawItem, base: URL): SnowEvent {
  const isImage = item.uiType === 'OutputImage';
  const label = text(item.label) ?? (isImage ? text(item.altText) : text(item.value));
  const link = isImage
    ? item.value
    : item.uiType === 'OutputLink'
      ? record(item.value)?.action
      : undefined;
  return {
    type: 'unsupported',
    uiType: item.uiType,
    ...optional('text', label),
    ...optional('url', absoluteUrl(link, base)),
  };
}

function endReasonOf(callback: RawCallback, items: readonly RawItem[]): ChatEndReason | undefined {
  if (flag(callback.completed)) return 'completed';
  if (items.some((i) => i.uiType === 'ActionMsg' && i.actionType === 'SwitchToVirtualAgent')) {
    return 'switchedToVirtualAgent';
  }
  if (flag(callback.takeControl)) return 'takeControl';
  return undefined;
}

function agentOf(item: RawItem, base: URL): AgentInfo | undefined {
  const info = record(item.agentInfo);
  if (info === undefined) return undefined;
  const agent: AgentInfo = {
    ...optional('name', text(info.agentName)),
    ...optional('avatarUrl', absoluteUrl(info.agentAvatar, base)),
    ...optional('id', text(info.agentId)),
  };
  return Object.keys(agent).length === 0 ? undefined : agent;
}

function firstAgentOf(items: readonly RawItem[], base: URL): AgentInfo | undefined {
  for (const item of items) {
    const agent = agentOf(item, base);
    if (agent !== undefined) return agent;
  }
  return undefined;
}

/**
 * Avatars and images may be relative to the instance (`abc.iix?t=small`). Only http(s) results are
 * kept: anything else (`javascript:`, `data:`) is dropped rather than rendered.
 */
function absoluteUrl(value: unknown, base: URL): string | undefined {
  const raw = text(value);
  if (raw === undefined) return undefined;
  try {
    const url = new URL(raw, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    // Not a URL at all: there is nothing to show.
    return undefined;
  }
}

function issuesOf(validate: ValidateFunction): string[] {
  const issues = (validate.errors ?? [])
    // "must match then schema" only repeats the specific errors reported beside it.
    .filter((e) => e.keyword !== 'if')
    .map((e) => `${e.instancePath === '' ? '/' : e.instancePath} ${e.message ?? 'is invalid'}`);
  return [...new Set(issues)];
}

function flag(value: unknown): boolean {
  return value === true || value === 'true';
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : undefined;
}

/** `{ [key]: value }` when value is defined, else `{}`: keeps absent fields absent. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}
