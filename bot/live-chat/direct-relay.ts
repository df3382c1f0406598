// Teams → ServiceNow, the usual way: while nothing of the session waits in its outbox, a user
// message goes straight to the VA API during the turn, and the turn answers Teams only once
// ServiceNow took it. Nothing is written to the store for it; if ServiceNow does not take it at
// once it is queued in the outbox (durably, before the turn answers) and the outbox delivers it,
// and everything after it, in order. A crash while the message is on its way loses it unless
// Teams delivers the activity again (see the README's delivery guarantees).
//
// Order: on this instance, a session's messages go one at a time in the order their turns
// arrived; after one of them had to be queued, the session's next messages are queued behind it
// for a while even before the outbox shows up in what their turns read. Across instances, a turn
// that reads the session after a message was queued sees the outbox and queues behind it.
import type { Logger } from 'pino';
import type { SessionQueues } from '../delivery/queues.js';
import type { LiveChatSession, OutboxPayload } from '../store/types.js';
import type { ServiceNowDelivery, UserMessage } from './servicenow-delivery.js';

export interface DirectRelayOptions {
  readonly delivery: ServiceNowDelivery;
  readonly queues: SessionQueues;
  readonly log: Logger;
  readonly now?: () => number;
  /** After a message had to be queued, the session's messages are queued for this long. */
  readonly queuedForMs?: number;
  /** False: every message goes through the outbox (DELIVERY_USER_MESSAGES=outbox). */
  readonly direct?: boolean;
}

/** How many Teams activity ids are remembered to recognise a repeat (Teams retrying a turn). */
const recentLimit = 10_000;

export class DirectRelay {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly queuedAt = new Map<string, number>();
  private readonly recent = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly options: DirectRelayOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Hands the message on (straight to ServiceNow or into the outbox); resolves once it is safe.
   * `message` may be built in the session's turn order (a message with files is uploaded first,
   * so that a quicker text behind it cannot overtake it); undefined: nothing is left to send.
   */
  relay(
    session: LiveChatSession,
    message: UserMessage | (() => Promise<UserMessage | undefined>),
    dedupKey?: string,
  ): Promise<void> {
    const acceptedAt = this.now();
    return this.serially(session.id, () =>
      this.relayInTurn(session, message, dedupKey, acceptedAt),
    );
  }

  /**
   * Queues `payload` in the outbox behind whatever this instance is still handing to ServiceNow
   * for the chat (so that the end of a chat never overtakes the user's last message).
   */
  queue(session: LiveChatSession, payload: OutboxPayload, dedupKey?: string): Promise<void> {
    return this.serially(session.id, () =>
      this.options.queues.toServiceNow(session.id, payload, dedupKey),
    );
  }

  /** Runs `task` after the session's earlier tasks on this instance, failed or not. */
  private serially(sessionId: string, task: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(sessionId) ?? Promise.resolve();
    const next = previous.then(task);
    const tail = next.catch(() => undefined);
    this.tails.set(sessionId, tail);
    void tail.then(() => {
      if (this.tails.get(sessionId) === tail) this.tails.delete(sessionId);
    });
    return next;
  }

  private async relayInTurn(
    session: LiveChatSession,
    build: UserMessage | (() => Promise<UserMessage | undefined>),
    dedupKey: string | undefined,
    acceptedAt: number,
  ): Promise<void> {
    if (dedupKey !== undefined && this.recent.has(dedupKey)) {
      this.options.log.info(
        { sessionId: session.id, dedupKey },
        'repeat of a relayed message; skipped',
      );
      return;
    }
    const message = typeof build === 'function' ? await build() : build;
    if (message === undefined) {
      if (dedupKey !== undefined) this.remember(dedupKey);
      return;
    }
    const direct =
      this.mayGoDirect(session) &&
      (await this.options.delivery.direct(session, message, acceptedAt));
    if (!direct) {
      this.queuedAt.set(session.id, this.now());
      this.forgetOldQueued();
      await this.options.queues.toServiceNow(session.id, message, dedupKey);
    }
    if (dedupKey !== undefined) this.remember(dedupKey);
  }

  /** Straight to ServiceNow only when nothing of the session is (or may be) queued before it. */
  private mayGoDirect(session: LiveChatSession): boolean {
    if (this.options.direct === false) return false;
    const queuedAt = this.queuedAt.get(session.id);
    if (queuedAt !== undefined) {
      if (this.now() - queuedAt < (this.options.queuedForMs ?? 30_000)) return false;
      this.queuedAt.delete(session.id);
    }
    const outbox = session.outbox;
    const idle = outbox === undefined || (outbox.items.length === 0 && outbox.lease === undefined);
    // ServiceNow has to have taken the start request before it may see the user's messages.
    const started = session.state !== 'requested' || session.startedAt !== undefined;
    return idle && started && session.state !== 'ended';
  }

  private forgetOldQueued(): void {
    if (this.queuedAt.size <= recentLimit) return;
    const cutoff = this.now() - (this.options.queuedForMs ?? 30_000);
    for (const [id, at] of this.queuedAt) if (at < cutoff) this.queuedAt.delete(id);
  }

  private remember(key: string): void {
    this.recent.add(key);
    if (this.recent.size > recentLimit) {
      const oldest = this.recent.values().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
  }
}
