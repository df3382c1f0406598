// Turns a callback from ServiceNow into typed events, in the order ServiceNow sent them. An
// envelope that breaks the contract is rejected as a whole (the webhook answers 400); a body item
// that does not match its documented shape becomes an `unsupported` event and an issue, and the
// rest of the callback stands. The end of a chat is taken only from structured signals
// (`completed`, `SwitchToVirtualAgent`, `takeControl`), never from the localised System text,
// and is always the single last event.
import type { ValidateFunction } from 'ajv';
import { SnowCallbackError } from '../errors.js';
import type { AgentInfo, ChatEndReason, SnowCallback, SnowEvent } from '../events.js';
import { parseInstanceUrl } from '../instance-url.js';
import { actionEvents } from './actions.js';
import { compileItemValidators, type ItemValidators } from './item-schemas.js';
import { asFile, attachedFiles } from './attachments.js';
import { agentOf, contentEvent, unsupportedOf } from './items.js';
import { compileCallbackValidator, newAjv, type RawCallback, type RawItem } from './schema.js';
import { epochMillis, flag, optional, record, text } from './values.js';

export interface CallbackParserOptions {
  /** The instance URL, against which relative avatar and image URLs are resolved. */
  readonly instanceUrl: string;
}

/** Validates and maps callbacks; holds the compiled schemas, so keep one per process. */
export class CallbackParser {
  private readonly validate: ValidateFunction<RawCallback>;
  private readonly items: ItemValidators;
  private readonly base: URL;

  constructor(options: CallbackParserOptions) {
    this.base = parseInstanceUrl(options.instanceUrl);
    const ajv = newAjv();
    this.validate = compileCallbackValidator(ajv);
    this.items = compileItemValidators(ajv);
  }

  /** Throws SnowCallbackError (with JSON paths, never payload contents) when the envelope is invalid. */
  parse(body: unknown): SnowCallback {
    if (!this.validate(body)) throw new SnowCallbackError(issuesOf(this.validate, ''));
    const raw = body.body ?? [];
    const issues: string[] = [];
    const firstAgent = (): AgentInfo | undefined => firstAgentOf(raw, this.base);
    const events = raw.flatMap((item, i) => this.eventsOf(item, `/body/${i}`, issues, firstAgent));
    const reason = endReasonOf(body, raw);
    if (reason !== undefined) events.push({ type: 'chatEnded', reason });
    return {
      clientSessionId: body.clientSessionId,
      ...optional('requestId', text(body.requestId)),
      ...optional('userId', text(body.userId)),
      ...optional('interactionId', text(body.interactionId)),
      ...optional('timestamp', epochMillis(body.timestamp)),
      agentChat: flag(body.agentChat),
      events,
      ...(issues.length === 0 ? {} : { issues }),
    };
  }

  private eventsOf(
    value: unknown,
    path: string,
    issues: string[],
    firstAgent: () => AgentInfo | undefined,
    nestedIn?: string,
  ): SnowEvent[] {
    const item = record(value);
    if (item === undefined || typeof item.uiType !== 'string' || item.uiType === '') {
      issues.push(`${path} is not an object with a uiType`);
      return [];
    }
    // A part's content is one plain control: nesting is refused, so no payload can recurse deep.
    if (nestedIn !== undefined && item.uiType === 'MultiPartOutput') {
      issues.push(`${path} nests a MultiPartOutput in ${nestedIn}`);
      return [unsupportedOf(item, this.base)];
    }
    const validate = this.items.get(item.uiType);
    if (validate !== undefined && !validate(item)) {
      issues.push(...issuesOf(validate, path));
      return [unsupportedOf(item, this.base)];
    }
    const typed = item as RawItem;
    if (typed.uiType === 'ActionMsg') return actionEvents(typed, { base: this.base, firstAgent });
    const nested = (inner: unknown, innerPath: string): SnowEvent[] =>
      this.eventsOf(inner, innerPath, issues, firstAgent, typed.uiType);
    const content = asFile(
      contentEvent(typed, { base: this.base, nested, path }) ?? unsupportedOf(typed, this.base),
      this.base,
    );
    const files = attachedFiles(typed, this.base);
    // A file sent without words comes as an item with empty text: the file is the message.
    const empty = content.type === 'message' && content.text.trim() === '';
    return files.length > 0 && empty ? files : [content, ...files];
  }
}

/** One-off parse; prefer holding a CallbackParser, which compiles the schemas once. */
export function parseCallback(body: unknown, opts: CallbackParserOptions): SnowCallback {
  return new CallbackParser(opts).parse(body);
}

function endReasonOf(callback: RawCallback, items: readonly unknown[]): ChatEndReason | undefined {
  if (flag(callback.completed)) return 'completed';
  const switched = items.some((i) => {
    const item = record(i);
    return item?.uiType === 'ActionMsg' && item.actionType === 'SwitchToVirtualAgent';
  });
  if (switched) return 'switchedToVirtualAgent';
  if (flag(callback.takeControl)) return 'takeControl';
  return undefined;
}

function firstAgentOf(items: readonly unknown[], base: URL): AgentInfo | undefined {
  for (const value of items) {
    const item = record(value);
    if (item === undefined || typeof item.uiType !== 'string') continue;
    const agent = agentOf(item as RawItem, base);
    if (agent !== undefined) return agent;
  }
  return undefined;
}

function issuesOf(validate: ValidateFunction, prefix: string): string[] {
  const issues = (validate.errors ?? [])
    // "must match then schema" and "must match a schema in anyOf" only repeat what is beside them.
    .filter((e) => e.keyword !== 'if')
    .map((e) => {
      const path = `${prefix}${e.instancePath}`;
      return `${path === '' ? '/' : path} ${e.message ?? 'is invalid'}`;
    });
  return [...new Set(issues)];
}
