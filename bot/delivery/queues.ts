// The two directions of every live chat as durable, ordered queues: the inbox (to the user in
// Teams) and the outbox (to ServiceNow). Accepting something stores it first; delivery follows in
// the background on whichever instance holds the stream's lease. A periodic sweep finds work that
// an instance left unfinished (crash, outage) and drains it again.
import type { Logger } from 'pino';
import type { InboxPayload, OutboxPayload, StreamStore } from '../store/types.js';
import { ConcurrencyLimit } from './limiter.js';
import { StreamDrainer, type DrainTiming, type EntryHandler } from './stream-drainer.js';
import { StreamWriter } from './stream-writer.js';

/** What the relays and the lifecycle need: put something on a session's way, durably. */
export interface SessionQueues {
  /** Stores `payload` for delivery to the user; resolves once it is stored (not delivered). */
  toUser(sessionId: string, payload: InboxPayload, dedupKey?: string): Promise<void>;
  /** Stores `payload` for ServiceNow; resolves once it is stored (not sent). */
  toServiceNow(sessionId: string, payload: OutboxPayload, dedupKey?: string): Promise<void>;
  /** Looks for deliverable work of the session in both directions (e.g. once it may start). */
  resume(sessionId: string): void;
}

export interface QueueTiming extends DrainTiming {
  /** Entries older than this that are still there count as unfinished work for the sweep. */
  readonly stalledAfterMs: number;
  /** Delivery passes (one session, one direction each) an instance runs at once. */
  readonly concurrency: number;
}

export interface DurableQueuesOptions {
  readonly inbox: StreamStore<InboxPayload>;
  readonly outbox: StreamStore<OutboxPayload>;
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

/** How many sessions one sweep looks at per direction. */
const sweepBatch = 100;

export class DurableQueues implements SessionQueues {
  private readonly inboxWriter: StreamWriter<InboxPayload>;
  private readonly outboxWriter: StreamWriter<OutboxPayload>;
  private readonly inboxDrainer: StreamDrainer<InboxPayload>;
  private readonly outboxDrainer: StreamDrainer<OutboxPayload>;
  private readonly now: () => number;

  constructor(private readonly options: DurableQueuesOptions) {
    const { log, instanceId, timing } = options;
    this.now = options.now ?? Date.now;
    this.inboxWriter = new StreamWriter(options.inbox, log, this.now);
    this.outboxWriter = new StreamWriter(options.outbox, log, this.now);
    const handlers = options.handlers(this);
    const limit = new ConcurrencyLimit(timing.concurrency);
    const common = { instanceId, timing, limit, log, now: this.now };
    this.inboxDrainer = new StreamDrainer({
      ...common,
      name: 'inbox',
      store: options.inbox,
      handler: handlers.toUser,
    });
    this.outboxDrainer = new StreamDrainer({
      ...common,
      name: 'outbox',
      store: options.outbox,
      handler: handlers.toServiceNow,
    });
  }

  async toUser(sessionId: string, payload: InboxPayload, dedupKey?: string): Promise<void> {
    await this.inboxWriter.append(sessionId, payload, dedupKey);
    this.inboxDrainer.kick(sessionId);
  }

  async toServiceNow(sessionId: string, payload: OutboxPayload, dedupKey?: string): Promise<void> {
    await this.outboxWriter.append(sessionId, payload, dedupKey);
    this.outboxDrainer.kick(sessionId);
  }

  resume(sessionId: string): void {
    this.inboxDrainer.kick(sessionId);
    this.outboxDrainer.kick(sessionId);
  }

  /** Drains every session with unfinished work, both directions; resolves when those drains end. */
  async sweep(): Promise<void> {
    const before = new Date(this.now() - this.options.timing.stalledAfterMs).toISOString();
    const [inbox, outbox] = await Promise.all([
      this.options.inbox.stalled(before, sweepBatch),
      this.options.outbox.stalled(before, sweepBatch),
    ]);
    await Promise.all([
      ...inbox.map((id) => this.inboxDrainer.drain(id)),
      ...outbox.map((id) => this.outboxDrainer.drain(id)),
    ]);
  }

  /** Resolves when no delivery is running; with `stop`, none starts again (shutdown). */
  async idle(stop = false): Promise<void> {
    await Promise.all([this.inboxDrainer.idle(stop), this.outboxDrainer.idle(stop)]);
  }
}
