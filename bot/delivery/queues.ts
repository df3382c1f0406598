// The two directions of every live chat as durable, ordered queues inside the session document:
// the inbox (to the user in Teams) and the outbox (to ServiceNow). Accepting something stores it
// first; delivery follows at once on the instance that took the queue's lease. A periodic sweep
// finds work that an instance left unfinished (crash, outage) and drains it again.
import type { Logger } from 'pino';
import type { InboxPayload, OutboxPayload, SessionStore, SpillStore } from '../store/types.js';
import type { EntryHandler } from './entry-handler.js';
import { ConcurrencyLimit } from './limiter.js';
import { SessionQueueProcessor } from './session-queue.js';

/** What the relays and the lifecycle need: put something on a session's way, durably. */
export interface SessionQueues {
  /** Stores `payload` for delivery to the user; resolves once it is stored (not delivered). */
  toUser(sessionId: string, payload: InboxPayload, dedupKey?: string): Promise<void>;
  /** Stores `payload` for ServiceNow; resolves once it is stored (not sent). */
  toServiceNow(sessionId: string, payload: OutboxPayload, dedupKey?: string): Promise<void>;
  /** Looks for deliverable work of the session in both directions (e.g. once it may start). */
  resume(sessionId: string): void;
}

export interface QueueTiming {
  /** How long a delivery lease lasts without renewal. */
  readonly leaseMs: number;
  /** Items older than this that are still queued count as unfinished work for the sweep. */
  readonly stalledAfterMs: number;
  /** Delivery passes (one session, one direction each) an instance runs at once. */
  readonly concurrency: number;
}

export interface DurableQueuesOptions {
  readonly sessions: SessionStore;
  readonly spill: {
    readonly inbox: SpillStore<InboxPayload>;
    readonly outbox: SpillStore<OutboxPayload>;
  };
  /** Builds the handlers, which may themselves put things on the queues. */
  readonly handlers: (queues: SessionQueues) => {
    readonly toUser: EntryHandler<InboxPayload>;
    readonly toServiceNow: EntryHandler<OutboxPayload>;
  };
  readonly instanceId: string;
  readonly timing: QueueTiming;
  readonly log: Logger;
  readonly now?: () => number;
}

/** How many sessions one sweep looks at. */
const sweepBatch = 100;

export class DurableQueues implements SessionQueues {
  private readonly inbox: SessionQueueProcessor<'inbox'>;
  private readonly outbox: SessionQueueProcessor<'outbox'>;
  private readonly now: () => number;

  constructor(private readonly options: DurableQueuesOptions) {
    const { log, instanceId, timing, sessions } = options;
    this.now = options.now ?? Date.now;
    const handlers = options.handlers(this);
    const limit = new ConcurrencyLimit(timing.concurrency);
    const common = { sessions, instanceId, leaseMs: timing.leaseMs, limit, log, now: this.now };
    this.inbox = new SessionQueueProcessor({
      ...common,
      direction: 'inbox',
      spill: options.spill.inbox,
      handler: handlers.toUser,
    });
    this.outbox = new SessionQueueProcessor({
      ...common,
      direction: 'outbox',
      spill: options.spill.outbox,
      handler: handlers.toServiceNow,
    });
  }

  async toUser(sessionId: string, payload: InboxPayload, dedupKey?: string): Promise<void> {
    await this.inbox.append(sessionId, payload, dedupKey);
  }

  async toServiceNow(sessionId: string, payload: OutboxPayload, dedupKey?: string): Promise<void> {
    await this.outbox.append(sessionId, payload, dedupKey);
  }

  resume(sessionId: string): void {
    void this.inbox.drain(sessionId);
    void this.outbox.drain(sessionId);
  }

  /** Drains every session with unfinished work, both directions; resolves when those drains end. */
  async sweep(): Promise<void> {
    const before = new Date(this.now() - this.options.timing.stalledAfterMs).toISOString();
    const pending = await this.options.sessions.listPending(before, sweepBatch);
    await Promise.all(pending.flatMap((id) => [this.inbox.drain(id), this.outbox.drain(id)]));
  }

  /** Resolves when no delivery is running; with `stop`, none starts again (shutdown). */
  async idle(stop = false): Promise<void> {
    await Promise.all([this.inbox.idle(stop), this.outbox.idle(stop)]);
  }
}
