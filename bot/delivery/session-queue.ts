// Processes one direction of every session's queue (kept inside the session document). Appending
// is one compare-and-swap that also takes the lease when it is free; the instance that took it
// delivers at once with the document it just wrote in hand, and removes each delivered item with
// one more compare-and-swap, which gives the lease back when nothing follows. So a message costs
// the read its caller made anyway and two writes. Whoever appends while another instance holds
// the lease makes that holder's next write fail, and the holder, reading again, sees the new item:
// no wake-up is ever lost. An item the handler cannot deliver now stays, with the lease given back,
// and is tried again on the next append, `drain` or sweep.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { compareAndSwap, compareAndSwapFrom, type Swapped } from '../store/compare-and-swap.js';
import { StoreUnavailableError } from '../store/errors.js';
import type {
  LiveChatSession,
  QueueItem,
  SessionQueue,
  SessionStore,
  SpillStore,
  Versioned,
} from '../store/types.js';
import { DeliveryDeferredError, LeaseLostError } from './errors.js';
import type { EntryContext, EntryHandler, EntryResult, QueueEntry } from './entry-handler.js';
import type { ConcurrencyLimit } from './limiter.js';
import {
  appended,
  deliveredRecently,
  isRepeat,
  leaseAvailable,
  leased,
  queueOf,
  released,
  renewed,
  withoutHead,
  withQueue,
  type Direction,
  type Holder,
  type QueuePayloads,
} from './queue-state.js';
import { lazyChild } from '../logging.js';

export interface SessionQueueOptions<D extends Direction> {
  readonly direction: D;
  readonly sessions: SessionStore;
  readonly spill: SpillStore<QueuePayloads[D]>;
  readonly handler: EntryHandler<QueuePayloads[D]>;
  readonly instanceId: string;
  /** How long a lease lasts without renewal. */
  readonly leaseMs: number;
  /** Shared by the queues of an instance: how many delivery passes may run at once. */
  readonly limit: ConcurrencyLimit;
  readonly log: Logger;
  readonly now?: () => number;
  /** Payloads larger than this (characters of JSON) are kept in a document of their own. */
  readonly spillAboveChars?: number;
  /** Items kept inside the session document at most; beyond that they are spilled. */
  readonly maxInlineItems?: number;
}

/** Unexpected failures of one item before it is given up (deferrals never count). */
const maxFailures = 5;

type Session = Versioned<LiveChatSession>;

interface Run {
  again: boolean;
  inHand: Session | undefined;
  done: Promise<void>;
}

export class SessionQueueProcessor<D extends Direction> {
  private readonly running = new Map<string, Run>();
  private readonly now: () => number;
  private stopping = false;

  constructor(private readonly options: SessionQueueOptions<D>) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Stores `payload` as the session's next item; resolves once it is stored (not delivered).
   * Returns false when nothing was stored: a repeat of a queued or recent item, or no session.
   */
  async append(sessionId: string, payload: QueuePayloads[D], dedupKey?: string): Promise<boolean> {
    const { direction, log } = this.options;
    // The version this instance wrote last, when kept, saves the read: the append's
    // compare-and-swap checks it is still current.
    const hint = this.options.sessions.lastSeen?.(sessionId);
    const current = hint ?? (await this.options.sessions.get(sessionId));
    const spilled = current && (await this.spillIfLarge(current.value, payload));
    const item = {
      appendedAt: new Date(this.now()).toISOString(),
      dedupKey,
      ...(spilled === undefined ? { payload } : { spilled }),
    };
    // Set inside the change, which runs again on every retry: the last run is the one written.
    const lease = { taken: false };
    const change = (s: LiveChatSession): LiveChatSession | undefined => {
      const queue = queueOf(s, direction);
      if (isRepeat(queue, dedupKey)) return undefined;
      const holder = this.holder();
      lease.taken = leaseAvailable(queue, holder.owner, holder.now);
      return withQueue(s, direction, appended(queue, item, holder));
    };
    const swapped =
      hint === undefined
        ? await this.write(sessionId, current, change)
        : await compareAndSwapFrom(this.options.sessions, sessionId, change, hint);
    if (swapped?.changed !== true) {
      if (spilled !== undefined) await this.options.spill.remove(spilled);
      if (swapped === undefined) log.warn({ sessionId }, 'nothing queued: no such session');
      else log.info({ sessionId, dedupKey }, 'repeat of a queued or delivered item; not queued');
      return false;
    }
    if (lease.taken) void this.start(sessionId, swapped.document);
    return true;
  }

  /** Delivers what the session has queued, unless another instance is at it. Never rejects. */
  drain(sessionId: string): Promise<void> {
    return this.start(sessionId, undefined);
  }

  /** Resolves when no delivery is running; with `stop`, none starts another pass. */
  async idle(stop = false): Promise<void> {
    this.stopping ||= stop;
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((r) => r.done));
  }

  private start(sessionId: string, inHand: Session | undefined): Promise<void> {
    const current = this.running.get(sessionId);
    if (current !== undefined) {
      // The running pass sees the new state on its next write (which then fails and reads
      // again); a document in hand from before that write would be stale, so it is not kept.
      current.again = true;
      return current.done;
    }
    const run: Run = { again: true, inHand, done: Promise.resolve() };
    run.done = this.loop(sessionId, run);
    this.running.set(sessionId, run);
    return run.done;
  }

  private async loop(sessionId: string, run: Run): Promise<void> {
    await Promise.resolve(); // let start() register the run before the first pass
    try {
      while (run.again && !this.stopping) {
        run.again = false;
        const inHand = run.inHand;
        run.inHand = undefined;
        await this.options.limit.run(() => this.pass(sessionId, inHand));
      }
    } catch (error) {
      const log = this.options.log.child({ sessionId, queue: this.options.direction });
      if (error instanceof LeaseLostError) log.warn({ err: error }, 'queue taken over; stopped');
      else log.error({ err: error }, 'queue processing stopped; the sweep picks it up again');
    } finally {
      this.running.delete(sessionId);
    }
  }

  /** Delivers items under the lease until the queue is empty or an item has to wait. */
  private async pass(sessionId: string, inHand: Session | undefined): Promise<void> {
    let session = await this.leased(sessionId, inHand);
    while (session !== undefined) {
      const item = queueOf(session.value, this.options.direction).items[0];
      if (item === undefined) return; // the last removal gave the lease back
      if (this.stopping) {
        await this.release(session, {});
        return;
      }
      session = await this.process(await this.renewIfDue(session), item);
    }
  }

  /** The session with this instance holding the lease, or undefined when there is nothing to do. */
  private async leased(
    sessionId: string,
    inHand: Session | undefined,
  ): Promise<Session | undefined> {
    const { direction } = this.options;
    const session = inHand ?? (await this.options.sessions.get(sessionId));
    if (session === undefined) return undefined;
    const queue = queueOf(session.value, direction);
    if (queue.items.length === 0) return undefined;
    if (queue.lease?.owner === this.options.instanceId) return session;
    const taken = await this.write(sessionId, session, (s) => {
      const q = queueOf(s, direction);
      const holder = this.holder();
      if (q.items.length === 0 || !leaseAvailable(q, holder.owner, holder.now)) return undefined;
      return withQueue(s, direction, leased(q, holder));
    });
    return taken?.changed === true ? taken.document : undefined;
  }

  /** Delivers one item and removes it; the session to go on with, undefined to stop. */
  private async process(
    session: Session,
    item: QueueItem<QueuePayloads[D]>,
  ): Promise<Session | undefined> {
    const { direction } = this.options;
    const { id: sessionId } = session.value;
    const log = lazyChild(this.options.log, { sessionId, seq: item.seq, queue: direction });
    const payload = item.payload ?? (await this.spilledPayload(item));
    let result: EntryResult = {};
    if (payload === undefined) {
      log.error('a spilled payload is missing; skipped');
    } else {
      const entry = { sessionId, seq: item.seq, appendedAt: item.appendedAt, payload };
      const outcome = await this.attempt({ ...entry, dedupKey: item.dedupKey }, session, log);
      if (outcome === undefined) return undefined;
      result = outcome;
    }
    const keys = [
      ...(item.dedupKey === undefined ? [] : [item.dedupKey]),
      ...(result.remember ?? []),
    ];
    const removed = await this.write(sessionId, session, (s) => {
      const queue = withoutHead(
        queueOf(s, direction),
        { seq: item.seq, keys, notes: result.notes },
        this.holder(),
      );
      const next = withQueue(s, direction, queue);
      return result.change?.(next) ?? next;
    });
    if (item.spilled !== undefined) {
      await this.options.spill.remove(item.spilled).catch((err: unknown) => {
        log.warn({ err }, 'delivered payload not removed; it expires on its own');
      });
    }
    return removed?.document;
  }

  /** Runs the handler; undefined when the item stays for later (the lease is given back). */
  private async attempt(
    entry: QueueEntry<QueuePayloads[D]>,
    session: Session,
    log: Logger,
  ): Promise<EntryResult | undefined> {
    const queue = queueOf(session.value, this.options.direction);
    const context: EntryContext = {
      session: session.value,
      seen: (key) => deliveredRecently(queue, key),
      done: queue.partial?.seq === entry.seq ? queue.partial.done : 0,
      notes: queue.notes ?? {},
    };
    try {
      return await this.options.handler.handle(entry, context);
    } catch (error) {
      if (error instanceof LeaseLostError) throw error;
      // An outage (of Teams, ServiceNow or the store) never counts against the item.
      if (error instanceof DeliveryDeferredError || error instanceof StoreUnavailableError) {
        const deferred = error instanceof DeliveryDeferredError ? error : undefined;
        log.warn({ err: error }, 'delivery deferred; the item stays and is tried again later');
        await this.release(session, {
          partial: { seq: entry.seq, done: deferred?.done ?? context.done },
          notes: deferred?.notes ?? queue.notes,
        });
        return undefined;
      }
      const count = (queue.failures?.seq === entry.seq ? queue.failures.count : 0) + 1;
      if (count >= maxFailures) {
        log.error({ err: error, failures: count }, 'item failed repeatedly; given up');
        return {};
      }
      log.error({ err: error, failures: count }, 'item failed; it stays and is tried again');
      await this.release(session, { failures: { seq: entry.seq, count } });
      return undefined;
    }
  }

  private async release(
    session: Session,
    change: Partial<Pick<SessionQueue<QueuePayloads[D]>, 'partial' | 'failures' | 'notes'>>,
  ): Promise<void> {
    const { direction, instanceId } = this.options;
    await this.write(session.value.id, session, (s) =>
      withQueue(s, direction, released(queueOf(s, direction), instanceId, change)),
    );
  }

  /** Extends the lease when less than half of it is left, so a long delivery keeps it. */
  private async renewIfDue(session: Session): Promise<Session> {
    const { direction, leaseMs } = this.options;
    const until = queueOf(session.value, direction).lease?.until ?? 0;
    if (until - this.now() > leaseMs / 2) return session;
    const renewedSession = await this.write(session.value.id, session, (s) =>
      withQueue(s, direction, renewed(queueOf(s, direction), this.holder())),
    );
    if (renewedSession === undefined) throw new LeaseLostError('The session is gone');
    return renewedSession.document;
  }

  /** Large payloads, and any beyond the inline limit, go to a document of their own. */
  private async spillIfLarge(
    session: LiveChatSession,
    payload: QueuePayloads[D],
  ): Promise<string | undefined> {
    const { direction, spill } = this.options;
    const queued = queueOf(session, direction).items.length;
    const large = JSON.stringify(payload).length > (this.options.spillAboveChars ?? 16_384);
    if (!large && queued < (this.options.maxInlineItems ?? 50)) return undefined;
    const id = `${session.id}:${direction}:${randomUUID()}`;
    await spill.put({ id, sessionId: session.id, payload });
    return id;
  }

  private async spilledPayload(
    item: QueueItem<QueuePayloads[D]>,
  ): Promise<QueuePayloads[D] | undefined> {
    if (item.spilled === undefined) return undefined;
    return (await this.options.spill.get(item.spilled))?.payload;
  }

  private write(
    sessionId: string,
    known: Session | undefined,
    change: (session: LiveChatSession) => LiveChatSession | undefined,
  ): Promise<Swapped<LiveChatSession> | undefined> {
    return compareAndSwap(this.options.sessions, sessionId, change, known);
  }

  private holder(): Holder {
    return { owner: this.options.instanceId, now: this.now(), leaseMs: this.options.leaseMs };
  }
}
