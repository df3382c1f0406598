// Appends to a session stream: allocates the next sequence number with a compare-and-swap on the
// stream's head, then writes the entry under that number. Concurrent appends for one session, on
// one instance or several, get distinct, increasing numbers in the order their allocations
// succeeded. A writer that dies between the two steps leaves a gap that the stream's processor
// later fills with a tombstone; a writer that finds its number tombstoned allocates another.
import type { Logger } from 'pino';
import { StoreConflictError } from '../store/errors.js';
import type { StreamStore } from '../store/types.js';
import { sleep } from './backoff.js';
import { StreamContendedError } from './errors.js';

const maxAttempts = 12;

export class StreamWriter<P> {
  constructor(
    private readonly store: StreamStore<P>,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Stores `payload` as the session's next entry and returns its sequence number. Throws
   * StoreUnavailableError when the store fails, StreamContendedError when the head kept changing.
   */
  async append(sessionId: string, payload: P, dedupKey?: string): Promise<number> {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const head = await this.store.getHead(sessionId);
      const seq = (head?.value.appended ?? 0) + 1;
      const appendedAt = new Date(this.now()).toISOString();
      try {
        await this.store.putHead({ sessionId, appended: seq, updatedAt: appendedAt }, head?.etag);
      } catch (error) {
        if (!(error instanceof StoreConflictError)) throw error;
        // Another append won this number; spread the retries so they do not collide again.
        await sleep(Math.random() * 5 * attempt);
        continue;
      }
      if (await this.store.addEntry({ sessionId, seq, appendedAt, dedupKey, payload })) return seq;
      this.log.warn({ sessionId, seq }, 'sequence number was given up as lost; taking the next');
    }
    throw new StreamContendedError(`No sequence number for session ${sessionId}`);
  }
}
