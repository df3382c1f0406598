// ServiceNow → Teams after ServiceNow closed a chat: while its own post-chat survey may run (see
// post-chat.ts), the ended session's callbacks are still delivered from its inbox. Waiting to see
// whether ServiceNow asks at all, a callback with a question opens the survey and is shown; one
// without lets the bot's own survey go ahead, queued behind it (ServiceNow's closing words are
// not shown, as for any ended chat). During the survey every callback is shown but the end.
// The sweep lets the bot's survey go ahead when ServiceNow sent nothing within the wait.
import type { SnowCallback } from '@live-agent/snow';
import type { Activity } from 'botbuilder';
import type { Logger } from 'pino';
import type { EntryContext, EntryResult } from '../delivery/entry-handler.js';
import type { SessionQueues } from '../delivery/queues.js';
import type { LiveChatSession } from '../store/types.js';
import { isRepeat, messageKeys } from './agent-relay.js';
import type { PostChatWindow } from './post-chat.js';
import { renderEvents } from './render.js';
import type { AgentFileLinks } from './render-files.js';
import type { Sessions } from './sessions.js';

export interface PostChatDeliveryOptions {
  readonly window: PostChatWindow;
  readonly sessions: Sessions;
  readonly queues: SessionQueues;
  readonly log: Logger;
  readonly files?: AgentFileLinks;
  readonly now?: () => number;
}

/** Sessions whose wait ran out, handled per sweep; the rest wait for the next one. */
const batch = 100;

export class PostChatDelivery {
  constructor(private readonly o: PostChatDeliveryOptions) {}

  /** The rules it applies (the webhook and the answers from Teams apply them too). */
  get window(): PostChatWindow {
    return this.o.window;
  }

  /** A callback for an ended session whose window is open; `send` shows activities in order. */
  async deliver(
    session: LiveChatSession,
    callback: SnowCallback,
    context: EntryContext,
    send: (activities: Partial<Activity>[]) => Promise<boolean>,
  ): Promise<EntryResult> {
    const events = callback.events.filter((e) => !isRepeat(e, context));
    const remember = events.flatMap(messageKeys);
    const { window, sessions } = this.o;
    const waiting = session.serviceNowSurveyUntil === undefined;
    // Still waiting to see: without a question the bot's survey goes ahead, queued behind this.
    if (waiting && !window.asks(events)) {
      await this.release(session);
      return { remember };
    }
    // Written before the question is shown, so that the user's answer finds the window open.
    const updated = await sessions.update(session.id, (s) =>
      waiting && s.surveyHeldUntil === undefined ? undefined : window.afterCallback(s, events),
    );
    // The wait was over, and the bot's survey went ahead meanwhile.
    if (waiting && updated === undefined) return { remember };
    const shown = events.filter((e) => e.type !== 'chatEnded');
    const look = { locale: session.conversationReference.locale, files: this.o.files };
    if (await send(renderEvents(shown, look))) {
      this.o.log.debug({ sessionId: session.id }, "ServiceNow's post-chat survey shown");
    }
    return { remember };
  }

  /** Ends the wait for ServiceNow's survey: the bot's own survey is queued, once. */
  async release(session: LiveChatSession): Promise<void> {
    if (session.surveyHeldUntil === undefined) return;
    await this.o.queues.toUser(
      session.id,
      { kind: 'notice', text: '', afterEnd: true, followUp: 'survey' },
      'n:survey:held',
    );
    await this.o.sessions.update(session.id, (s) =>
      s.surveyHeldUntil === undefined ? undefined : { ...s, surveyHeldUntil: undefined },
    );
  }

  /** The sweep: sessions whose wait for ServiceNow's survey ran out get the bot's survey. */
  async sweep(): Promise<void> {
    const now = new Date((this.o.now ?? Date.now)()).toISOString();
    const due = await this.o.sessions.listStale('ended', 'surveyHeldUntil', now, batch);
    for (const session of due) await this.release(session);
    if (due.length > 0) {
      this.o.log.info({ sessions: due.length }, "no survey from ServiceNow; the bot's follows");
    }
  }
}
