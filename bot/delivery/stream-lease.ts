// The lease on a stream's cursor: only the instance holding it processes the stream, so two
// instances never deliver the same entry. Taking, renewing, advancing and giving back the lease
// are all compare-and-swap writes of the cursor document; losing one of those races means another
// instance took over (after the lease expired), and this one stops.
import { StoreConflictError } from '../store/errors.js';
import type { StreamCursor, StreamStore, Versioned } from '../store/types.js';
import { LeaseLostError } from './errors.js';

/** How many dedup keys a cursor remembers (repeats arrive soon after the original). */
export const RECENT_KEYS = 200;

export type Cursor = Versioned<StreamCursor>;

export class StreamLease {
  constructor(
    private readonly store: StreamStore<unknown>,
    private readonly owner: string,
    private readonly leaseMs: number,
    private readonly now: () => number,
  ) {}

  /** Takes the lease when it is free, expired or already ours; undefined when another holds it. */
  async acquire(sessionId: string): Promise<Cursor | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await this.store.getCursor(sessionId);
      const lease = current?.value.lease;
      if (lease !== undefined && lease.owner !== this.owner && lease.until > this.now()) {
        return undefined;
      }
      const base = current?.value ?? { sessionId, delivered: 0, recent: [], updatedAt: '' };
      try {
        return await this.put(base, current?.etag);
      } catch (error) {
        if (!(error instanceof StoreConflictError)) throw error;
      }
    }
    return undefined;
  }

  /** Extends the lease when less than half of it is left, so a long delivery keeps it. */
  renewIfDue(cursor: Cursor): Promise<Cursor> {
    const until = cursor.value.lease?.until ?? 0;
    if (until - this.now() > this.leaseMs / 2) return Promise.resolve(cursor);
    return this.update(cursor, {});
  }

  /** Records entry `seq` as processed, remembering its dedup keys, and extends the lease. */
  advance(
    cursor: Cursor,
    seq: number,
    keys: readonly string[],
    notes: StreamCursor['notes'],
  ): Promise<Cursor> {
    const recent = [...cursor.value.recent, ...keys].slice(-RECENT_KEYS);
    const next: StreamCursor = {
      ...cursor.value,
      delivered: seq,
      recent,
      notes,
      gap: undefined,
      partial: undefined,
      failures: undefined,
    };
    return this.update({ ...cursor, value: next }, {});
  }

  /** Changes fields of the cursor under the lease (which is extended). */
  async update(cursor: Cursor, change: Partial<StreamCursor>): Promise<Cursor> {
    try {
      return await this.put({ ...cursor.value, ...change }, cursor.etag);
    } catch (error) {
      if (error instanceof StoreConflictError) throw lost(cursor, error);
      throw error;
    }
  }

  /** Gives the lease back, keeping `change` (e.g. how far an interrupted entry got). */
  async release(cursor: Cursor, change: Partial<StreamCursor> = {}): Promise<void> {
    try {
      await this.store.putCursor(
        { ...cursor.value, ...change, lease: undefined, updatedAt: this.timestamp() },
        cursor.etag,
      );
    } catch (error) {
      if (error instanceof StoreConflictError) throw lost(cursor, error);
      throw error;
    }
  }

  /** Compare-and-swap (or create) with the lease set to this instance; conflicts propagate. */
  private put(value: StreamCursor, etag: string | undefined): Promise<Cursor> {
    const next: StreamCursor = {
      ...value,
      lease: { owner: this.owner, until: this.now() + this.leaseMs },
      updatedAt: this.timestamp(),
    };
    return this.store.putCursor(next, etag);
  }

  private timestamp(): string {
    return new Date(this.now()).toISOString();
  }
}

function lost(cursor: Cursor, cause: unknown): LeaseLostError {
  return new LeaseLostError(
    `Another instance took over the stream of session ${cursor.value.sessionId}`,
    { cause },
  );
}
