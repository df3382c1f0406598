// Processes a session stream in order: takes the cursor's lease, hands each entry to the handler,
// advances the cursor, removes the entry. Entries whose dedup key was processed recently are
// skipped (a callback redelivered, a Teams activity retried). An entry the handler cannot deliver
// now stays where it is, with the lease given back, and is tried again on the next kick or sweep.
// Within one instance, kicks for a session that is being drained coalesce into one more pass.
import type { Logger } from 'pino';
import type { StreamEntry, StreamStore } from '../store/types.js';
import { StoreUnavailableError } from '../store/errors.js';
import { DeliveryDeferredError, LeaseLostError } from './errors.js';
import type { ConcurrencyLimit } from './limiter.js';
import { StreamLease, type Cursor } from './stream-lease.js';

/** How an entry is delivered; implemented once per direction. */
export interface EntryHandler<P> {
  handle(entry: DeliverableEntry<P>, context: EntryContext): Promise<EntryResult>;
}

export type DeliverableEntry<P> = StreamEntry<P> & { readonly payload: P };

export interface EntryContext {
  /** Whether something with this dedup key was processed recently (so this is a repeat). */
  seen(key: string): boolean;
  /** How many parts of this entry an interrupted earlier attempt delivered already. */
  readonly done: number;
  readonly notes: Readonly<Record<string, boolean>>;
}

export interface EntryResult {
  /** Dedup keys to remember besides the entry's own (e.g. message ids inside a callback). */
  readonly remember?: readonly string[];
  /** Replaces the stream's notes when given. */
  readonly notes?: Readonly<Record<string, boolean>>;
}

export interface DrainTiming {
  /** How long a lease lasts without renewal. */
  readonly leaseMs: number;
  /** How long an allocated entry may stay missing before it is tombstoned. */
  readonly gapTimeoutMs: number;
}

export interface StreamDrainerOptions<P> {
  readonly name: string;
  readonly store: StreamStore<P>;
  readonly handler: EntryHandler<P>;
  readonly instanceId: string;
  readonly timing: DrainTiming;
  /** Shared by the drainers of an instance: how many passes may run at once. */
  readonly limit: ConcurrencyLimit;
  readonly log: Logger;
  readonly now?: () => number;
}

/** Unexpected failures of one entry before it is given up (deferrals never count). */
const maxFailures = 5;

export class StreamDrainer<P> {
  private readonly running = new Map<string, { again: boolean; done: Promise<void> }>();
  private readonly lease: StreamLease;
  private readonly now: () => number;
  private stopping = false;

  constructor(private readonly options: StreamDrainerOptions<P>) {
    this.now = options.now ?? Date.now;
    this.lease = new StreamLease(
      options.store,
      options.instanceId,
      options.timing.leaseMs,
      this.now,
    );
  }

  /** Starts draining the session's stream in the background (failures are logged). */
  kick(sessionId: string): void {
    void this.drain(sessionId);
  }

  /** Drains until caught up, deferred, or another instance holds the lease. Never rejects. */
  drain(sessionId: string): Promise<void> {
    const current = this.running.get(sessionId);
    if (current !== undefined) {
      current.again = true;
      return current.done;
    }
    const run = { again: true, done: Promise.resolve() };
    run.done = this.loop(sessionId, run);
    this.running.set(sessionId, run);
    return run.done;
  }

  /** Resolves when no drain is running; with `stop`, none starts another pass. */
  async idle(stop = false): Promise<void> {
    this.stopping ||= stop;
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((r) => r.done));
  }

  private async loop(sessionId: string, run: { again: boolean }): Promise<void> {
    await Promise.resolve(); // let drain() register the run before the first pass
    try {
      while (run.again && !this.stopping) {
        run.again = false;
        if (await this.options.limit.run(() => this.pass(sessionId))) run.again = true;
      }
    } catch (error) {
      this.logFailure(sessionId, error);
    } finally {
      this.running.delete(sessionId);
    }
  }

  /** One pass under the lease; returns whether more work appeared after the lease was given back. */
  private async pass(sessionId: string): Promise<boolean> {
    let cursor = await this.lease.acquire(sessionId);
    if (cursor === undefined) return false;
    for (;;) {
      if (this.stopping) {
        await this.lease.release(cursor);
        return false;
      }
      const seq = cursor.value.delivered + 1;
      const entry = await this.options.store.getEntry(sessionId, seq);
      if (entry === undefined) {
        const next = await this.missing(sessionId, seq, cursor);
        if (next !== undefined) {
          cursor = next;
          continue;
        }
        // Caught up (or waiting for a writer): a writer that found the lease taken counts on the
        // holder to see its entry, so look once more after giving the lease back.
        return (await this.options.store.getEntry(sessionId, seq)) !== undefined;
      }
      const advanced = await this.process(entry, cursor);
      if (advanced === undefined) return false;
      cursor = advanced;
    }
  }

  /**
   * Entry `seq` is not there. Past the head: caught up, the lease is given back (undefined). Else
   * a writer allocated it and has not written it yet: wait for it (lease given back, undefined),
   * or tombstone it once it has been missing too long (the cursor to continue with).
   */
  private async missing(
    sessionId: string,
    seq: number,
    cursor: Cursor,
  ): Promise<Cursor | undefined> {
    const head = await this.options.store.getHead(sessionId);
    if ((head?.value.appended ?? 0) < seq) {
      await this.lease.release(cursor, { gap: undefined });
      return undefined;
    }
    const gap = cursor.value.gap;
    const now = this.now();
    if (gap?.seq !== seq) {
      await this.lease.release(cursor, { gap: { seq, since: now } });
      return undefined;
    }
    if (now - gap.since < this.options.timing.gapTimeoutMs) {
      await this.lease.release(cursor);
      return undefined;
    }
    const appendedAt = new Date(now).toISOString();
    if (await this.options.store.addEntry({ sessionId, seq, appendedAt })) {
      this.options.log.warn(
        { sessionId, seq, stream: this.options.name },
        'an accepted entry was never written (its writer failed); skipped',
      );
    }
    return cursor;
  }

  /** Hands one entry to the handler; returns the advanced cursor, or undefined when deferred. */
  private async process(entry: StreamEntry<P>, held: Cursor): Promise<Cursor | undefined> {
    const { sessionId, seq, dedupKey, payload } = entry;
    const log = this.options.log.child({ sessionId, seq, stream: this.options.name });
    const cursor = await this.lease.renewIfDue(held);
    const state = cursor.value;
    let result: { remember?: readonly string[]; notes?: Readonly<Record<string, boolean>> } = {};
    if (payload === undefined) {
      log.debug('tombstone skipped');
    } else if (dedupKey !== undefined && state.recent.includes(dedupKey)) {
      log.info('repeat of an entry already delivered; skipped');
    } else {
      const outcome = await this.attempt({ ...entry, payload }, cursor, log);
      if (outcome === undefined) return undefined;
      result = outcome;
    }
    const keys = [...(dedupKey === undefined ? [] : [dedupKey]), ...(result.remember ?? [])];
    const advanced = await this.lease.advance(cursor, seq, keys, result.notes ?? state.notes);
    await this.options.store.removeEntry(sessionId, seq).catch((err: unknown) => {
      log.warn({ err }, 'delivered entry not removed; the next pass removes it');
    });
    return advanced;
  }

  /** Runs the handler; undefined when the entry stays for later (the lease is given back). */
  private async attempt(
    entry: DeliverableEntry<P>,
    cursor: Cursor,
    log: Logger,
  ): Promise<EntryResult | undefined> {
    const state = cursor.value;
    const context: EntryContext = {
      seen: (key) => state.recent.includes(key),
      done: state.partial?.seq === entry.seq ? state.partial.done : 0,
      notes: state.notes ?? {},
    };
    try {
      return await this.options.handler.handle(entry, context);
    } catch (error) {
      if (error instanceof LeaseLostError) throw error;
      // An outage (of Teams, ServiceNow or the store) never counts against the entry.
      if (error instanceof DeliveryDeferredError || error instanceof StoreUnavailableError) {
        const done = error instanceof DeliveryDeferredError ? error.done : context.done;
        const notes = error instanceof DeliveryDeferredError ? error.notes : undefined;
        log.warn({ err: error }, 'delivery deferred; the entry stays and is tried again later');
        await this.lease.release(cursor, {
          partial: { seq: entry.seq, done },
          notes: notes ?? state.notes,
        });
        return undefined;
      }
      const count = (state.failures?.seq === entry.seq ? state.failures.count : 0) + 1;
      if (count >= maxFailures) {
        log.error({ err: error, failures: count }, 'entry failed repeatedly; given up');
        return {};
      }
      log.error({ err: error, failures: count }, 'entry failed; it stays and is tried again');
      await this.lease.release(cursor, { failures: { seq: entry.seq, count } });
      return undefined;
    }
  }

  private logFailure(sessionId: string, error: unknown): void {
    const log = this.options.log.child({ sessionId, stream: this.options.name });
    if (error instanceof LeaseLostError) log.warn({ err: error }, 'stream taken over; stopped');
    else log.error({ err: error }, 'stream processing stopped; the sweep picks it up again');
  }
}
