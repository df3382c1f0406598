// ServiceNow → Teams: delivers the session's inbox entries to the user, in order. A callback's
// events are rendered and sent through the session's conversation reference, and update the
// session (queued, agent joined, interaction id) in the same write that removes the entry;
// message ids seen before are dropped (ServiceNow may repeat a message in another callback).
// When the chat is over the session ends once everything before it was shown (ServiceNow's own
// post-chat survey may still follow: post-chat-delivery.ts). Teams refusing for good (403/404)
// ends the session and tells ServiceNow.
import type { CallbackParser, SnowCallback, SnowEvent } from '@live-agent/snow';
import { MessageFactory, type Activity } from 'botbuilder';
import type { Logger } from 'pino';
import type { SessionQueues } from '../delivery/queues.js';
import type {
  EntryContext,
  EntryHandler,
  EntryResult,
  QueueEntry,
} from '../delivery/entry-handler.js';
import { UserUnreachableError } from '../delivery/errors.js';
import type { TeamsSender } from '../delivery/teams-sender.js';
import type { RelayMetrics } from '../metrics.js';
import type { ChatFollowUps } from './follow-ups.js';
import type { PostChatDelivery } from './post-chat-delivery.js';
import type { InboxPayload, LiveChatSession } from '../store/types.js';
import { renderEvents, waitNoticesAfter } from './render.js';
import type { AgentFileLinks } from './render-files.js';
import { EndReasons, serviceNowEndPrefix, type Sessions } from './sessions.js';
import { lazyChild } from '../logging.js';
import { parsedCallbackOf } from './parsed-callbacks.js';

export interface AgentRelayOptions {
  readonly sessions: Sessions;
  readonly sender: TeamsSender;
  /** Callbacks are stored as received and parsed again when delivered. */
  readonly parser: CallbackParser;
  readonly queues: SessionQueues;
  readonly log: Logger;
  readonly metrics?: RelayMetrics;
  /** The ticket card or survey after a chat ends. */
  readonly followUps?: ChatFollowUps;
  /** Where the employee opens the agent's files. */
  readonly files?: AgentFileLinks;
  /** ServiceNow's own post-chat survey, which outlives the chat. */
  readonly postChat?: PostChatDelivery;
}

export class AgentToUserRelay implements EntryHandler<InboxPayload> {
  constructor(private readonly options: AgentRelayOptions) {}

  async handle(entry: QueueEntry<InboxPayload>, context: EntryContext): Promise<EntryResult> {
    const { session } = context;
    const { payload } = entry;
    if (payload.kind === 'notice') {
      const show =
        session.endReason !== EndReasons.unreachable &&
        (session.state !== 'ended' || payload.afterEnd);
      if (show) {
        const followUps = this.options.followUps?.forNotice(session, payload.followUp) ?? [];
        const text = payload.text === '' ? [] : [MessageFactory.text(payload.text)];
        if (text.length + followUps.length > 0) {
          await this.send(session, [...text, ...followUps], context);
        }
      }
      return {};
    }
    const log = lazyChild(this.options.log, { sessionId: entry.sessionId, seq: entry.seq });
    const postChat = session.state === 'ended' ? this.options.postChat : undefined;
    if (session.state === 'ended' && postChat?.window.isOpen(session) !== true) {
      log.info('callback for a session that has ended; not shown');
      return {};
    }
    const callback = parsedCallbackOf(payload.body) ?? this.parse(payload.body, log);
    if (callback === undefined) return {};
    const cbLog = lazyChild(log, {
      interactionId: session.interactionId ?? callback.interactionId,
      requestId: callback.requestId,
    });
    if (postChat !== undefined) {
      return postChat.deliver(session, callback, context, (a) => this.send(session, a, context));
    }
    return this.deliver(session, callback, context, cbLog, Date.parse(entry.appendedAt));
  }

  private async deliver(
    before: LiveChatSession,
    callback: SnowCallback,
    context: EntryContext,
    log: Logger,
    acceptedAt: number,
  ): Promise<EntryResult> {
    const events = callback.events.filter((e) => !isRepeat(e, context));
    const remember = events.flatMap(messageKeys);
    if (events.length < callback.events.length) log.info('repeated agent messages dropped');
    const ended = events.find((e) => e.type === 'chatEnded');
    const look = {
      agentName: before.agentName,
      locale: before.conversationReference.locale,
      waitNotices: before.waitNotices,
      files: this.options.files,
    };
    const activities = renderEvents(
      events.filter((e) => e.type !== 'chatEnded'),
      look,
    );
    // ServiceNow's own post-chat survey (a picker with the end, or maybe next) replaces ours.
    const survey =
      ended === undefined ? undefined : this.options.postChat?.window.atEnd(before, events);
    if (ended !== undefined) {
      activities.push(...renderEvents([ended], look));
      const serviceNowSurvey = survey?.serviceNowSurvey ?? events.some((e) => e.type === 'choices');
      activities.push(
        ...(this.options.followUps?.afterServiceNowEnd(before, { serviceNowSurvey }) ?? []),
      );
    }
    const reached = await this.send(before, activities, context);
    if (!reached) return { remember };
    this.countRelayed(events, acceptedAt);
    if (ended !== undefined) {
      const reason = `${serviceNowEndPrefix}${ended.reason}`;
      await this.options.sessions.end(before.id, reason, survey?.fields);
    }
    log.debug({ sent: activities.length }, 'callback delivered');
    // What the callback tells about the session is written with the entry's removal. Wait-time
    // notices are capped per session, so the ones shown are remembered, only once they were
    // shown: a retry of this entry renders the same activities (it resumes by count).
    const waitNotices = waitNoticesAfter(events, look);
    const change = this.stateChange(callback, events);
    return {
      remember,
      change: (s) => {
        const next = change(s);
        return waitNotices === undefined ? next : { ...(next ?? s), waitNotices };
      },
    };
  }

  /** Agent messages that reached the user, for /metrics (acceptedAt: when the inbox took them). */
  private countRelayed(events: readonly SnowEvent[], acceptedAt: number): void {
    for (const e of events) {
      if (e.type === 'message' && e.fromAgent) {
        this.options.metrics?.messageRelayed('to_user', acceptedAt);
      }
    }
  }

  /** Sends in order from where an interrupted attempt stopped; false when the user is gone. */
  private async send(
    session: LiveChatSession,
    activities: Partial<Activity>[],
    context: EntryContext,
  ): Promise<boolean> {
    try {
      await this.options.sender.send(session.conversationReference, activities, context.done);
      return true;
    } catch (error) {
      if (!(error instanceof UserUnreachableError)) throw error;
      await this.unreachable(session, error);
      return false;
    }
  }

  private async unreachable(session: LiveChatSession, error: UserUnreachableError): Promise<void> {
    const log = this.options.log.child({ sessionId: session.id });
    log.warn({ status: error.status }, 'the user can no longer be reached in Teams');
    const ended = await this.options.sessions.end(session.id, EndReasons.unreachable);
    if (ended !== undefined) {
      await this.options.queues.toServiceNow(session.id, { kind: 'end' }, 'end');
    }
  }

  private parse(body: unknown, log: Logger): SnowCallback | undefined {
    try {
      return this.options.parser.parse(body);
    } catch (error) {
      // The webhook accepted it with the same parser: only a changed rule gets here.
      log.error({ err: error }, 'stored callback no longer parses; dropped');
      return undefined;
    }
  }

  /** What the callback tells about the session: queued, agent joined, interaction id. */
  private stateChange(
    callback: SnowCallback,
    events: readonly SnowEvent[],
  ): (session: LiveChatSession) => LiveChatSession | undefined {
    const { sessions } = this.options;
    const messages = events.some((e) => e.type === 'message');
    return (s) => {
      if (s.state === 'ended') return undefined;
      const next = nextState(s, events);
      const interactionId = s.interactionId ?? callback.interactionId;
      const touch = (messages || next.state !== s.state) && !sessions.isFresh(s);
      const unchanged =
        next.state === s.state &&
        next.agentName === s.agentName &&
        interactionId === s.interactionId;
      if (unchanged && !touch) return undefined;
      return {
        ...s,
        ...next,
        interactionId,
        ...(touch ? sessions.activity() : {}),
        updatedAt: sessions.timestamp(),
      };
    };
  }
}

export function isRepeat(event: SnowEvent, context: EntryContext): boolean {
  return event.type === 'message' && event.messageId !== undefined
    ? context.seen(`m:${event.messageId}`)
    : false;
}

export function messageKeys(event: SnowEvent): string[] {
  return event.type === 'message' && event.messageId !== undefined ? [`m:${event.messageId}`] : [];
}

function nextState(
  session: LiveChatSession,
  events: readonly SnowEvent[],
): Pick<LiveChatSession, 'state' | 'agentName'> {
  let { state, agentName } = session;
  for (const event of events) {
    if (event.type === 'agentJoined') {
      state = 'connected';
      agentName = event.agent?.name ?? agentName;
    } else if ((event.type === 'queued' || event.type === 'waitTime') && state === 'requested') {
      state = 'queued';
    } else if (event.type === 'message' && event.fromAgent) {
      state = 'connected';
      agentName = event.agent?.name ?? agentName;
    }
  }
  return { state, agentName };
}
