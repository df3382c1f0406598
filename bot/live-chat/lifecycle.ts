// Deadlines of live chats, checked by a periodic sweep on every instance: a chat ServiceNow never
// answered ends after the start timeout; a connected chat nobody writes in gets a reminder and
// then ends at the idle timeout (aligned with ServiceNow's own live chat idle timeout). Each end
// is a compare-and-swap, so when several instances sweep at once only one acts; the user is told
// through the inbox (in order with the agent's messages) and ServiceNow through the outbox.
import type { Logger } from 'pino';
import { textsFor } from '../../dialogs/texts.js';
import type { SessionQueues } from '../delivery/queues.js';
import type { FollowUp, LiveChatSession } from '../store/types.js';
import { EndReasons, type Sessions } from './sessions.js';

export interface LifecycleTiming {
  /** A chat ServiceNow sent nothing for within this long after it was requested ends. */
  readonly startTimeoutMs: number;
  /** A connected chat with no message either way for this long ends; 0 turns this off. */
  readonly idleTimeoutMs: number;
  /** How long before the idle timeout the user is reminded; 0 sends no reminder. */
  readonly idleReminderMs: number;
}

export interface LifecycleOptions {
  readonly sessions: Sessions;
  readonly queues: SessionQueues;
  readonly timing: LifecycleTiming;
  readonly log: Logger;
  readonly now?: () => number;
}

/** Sessions handled per sweep and rule; the rest wait for the next sweep. */
const batch = 100;

export class SessionLifecycle {
  private readonly now: () => number;

  constructor(private readonly options: LifecycleOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The sweep's two rules, each one query: the sweeper gives each its own turn. */
  readonly rules = [
    { name: 'unanswered chats', run: () => this.endUnanswered() },
    { name: 'idle chats', run: () => this.handleIdle() },
  ] as const;

  /** Whether a session that was requested has waited too long for ServiceNow's first answer. */
  isUnanswered(session: LiveChatSession): boolean {
    if (session.state !== 'requested' || session.firstCallbackAt !== undefined) return false;
    return this.now() - Date.parse(session.createdAt) >= this.options.timing.startTimeoutMs;
  }

  private async endUnanswered(): Promise<void> {
    const before = this.iso(this.now() - this.options.timing.startTimeoutMs);
    const stale = await this.options.sessions.listStale('requested', 'createdAt', before, batch);
    for (const session of stale.filter((s) => this.isUnanswered(s))) {
      await this.end(session, EndReasons.startTimeout, textsOf(session).noAgentAnswered, 'ticket');
    }
  }

  private async handleIdle(): Promise<void> {
    const { idleTimeoutMs, idleReminderMs } = this.options.timing;
    if (idleTimeoutMs <= 0) return;
    const remindFrom = Math.max(0, idleTimeoutMs - Math.max(0, idleReminderMs));
    // The last message may have come up to this much after the recorded time (see Sessions).
    const credit = this.options.sessions.activityResolutionMs;
    const before = this.iso(this.now() - remindFrom - credit);
    const stale = await this.options.sessions.listStale(
      'connected',
      'lastActivityAt',
      before,
      batch,
    );
    for (const session of stale) {
      const idleFor = this.now() - Date.parse(session.lastActivityAt ?? session.createdAt) - credit;
      if (idleFor >= idleTimeoutMs) {
        await this.end(session, EndReasons.idle, textsOf(session).idleEnded, 'survey');
      } else if (idleReminderMs > 0 && session.reminderAt === undefined) {
        await this.remind(session, idleTimeoutMs - idleFor);
      }
    }
  }

  /**
   * Ends the session if still open; only the instance whose write wins tells anyone. The notice
   * may be followed by a ticket card (no agent took the chat) or the survey.
   */
  async end(
    session: LiveChatSession,
    reason: string,
    notice: string,
    followUp?: FollowUp,
  ): Promise<boolean> {
    const ended = await this.options.sessions.end(session.id, reason);
    if (ended === undefined) return false;
    const { queues } = this.options;
    await queues.toUser(
      session.id,
      { kind: 'notice', text: notice, afterEnd: true, ...(followUp && { followUp }) },
      `n:${reason}`,
    );
    await queues.toServiceNow(session.id, { kind: 'end' }, 'end');
    return true;
  }

  private async remind(session: LiveChatSession, leftMs: number): Promise<void> {
    const reminded = await this.options.sessions.update(session.id, (s) =>
      s.state === 'connected' &&
      s.lastActivityAt === session.lastActivityAt &&
      s.reminderAt === undefined
        ? { ...s, reminderAt: this.iso(this.now()) }
        : undefined,
    );
    if (reminded === undefined) return;
    const minutes = Math.max(1, Math.round(leftMs / 60_000));
    await this.options.queues.toUser(
      session.id,
      { kind: 'notice', text: textsOf(session).idleReminder(minutes), afterEnd: false },
      `n:reminder:${session.lastActivityAt ?? ''}`,
    );
    this.options.log.info({ sessionId: session.id }, 'idle chat: the user was reminded');
  }

  private iso(ms: number): string {
    return new Date(ms).toISOString();
  }
}

/** The texts in the session user's language (notices are queued as finished text). */
function textsOf(session: LiveChatSession) {
  return textsFor(session.conversationReference.locale);
}
