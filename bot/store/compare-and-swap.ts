// The read-change-write loop every ETag-guarded update goes through: apply a change to the current
// version of a document and write it back only if nobody wrote in between, else read again and
// re-apply. Changes are pure functions of the document, so re-applying them is always right.
import { StoreConflictError } from './errors.js';
import type { Versioned } from './types.js';

export interface VersionedStore<T> {
  get(id: string): Promise<Versioned<T> | undefined>;
  /** Throws StoreConflictError when `etag` is no longer current. */
  replace(value: T, etag: string): Promise<Versioned<T>>;
}

export interface Swapped<T> {
  /** The document as stored now. */
  readonly document: Versioned<T>;
  /** False when the change declined (returned undefined) and nothing was written. */
  readonly changed: boolean;
}

/** Enough for a burst of writers on one document; the waits between them are spread at random. */
const maxAttempts = 20;

/**
 * Applies `change` to document `id` (starting from `known` when the caller holds a version, which
 * saves a read) until a write succeeds. Undefined when the document does not exist. `change` may
 * throw to give up (e.g. when it finds that another instance took over).
 */
export async function compareAndSwap<T>(
  store: VersionedStore<T>,
  id: string,
  change: (current: T) => T | undefined,
  known?: Versioned<T>,
  onConflict?: (attempt: number) => void,
): Promise<Swapped<T> | undefined> {
  let current = known ?? (await store.get(id));
  for (let attempt = 1; current !== undefined; attempt++) {
    const next = change(current.value);
    if (next === undefined) return { document: current, changed: false };
    try {
      return { document: await store.replace(next, current.etag), changed: true };
    } catch (error) {
      if (!(error instanceof StoreConflictError) || attempt >= maxAttempts) throw error;
      onConflict?.(attempt);
      // The writers that lost this round should not all collide again in the next.
      if (attempt > 1) await spread(attempt);
    }
    current = await store.get(id);
  }
  return undefined;
}

function spread(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * Math.min(attempt, 10)));
}

/**
 * compareAndSwap starting from `hint`, a version that may be stale (one this instance saw last):
 * a write from it is checked by its ETag like any other, and a change that declines on it is
 * applied once more to a version read now, since only the current document may decide that
 * nothing needs writing.
 */
export async function compareAndSwapFrom<T>(
  store: VersionedStore<T>,
  id: string,
  change: (current: T) => T | undefined,
  hint: Versioned<T> | undefined,
  onConflict?: (attempt: number) => void,
): Promise<Swapped<T> | undefined> {
  const swapped = await compareAndSwap(store, id, change, hint, onConflict);
  if (hint === undefined || swapped?.changed !== false || swapped.document !== hint) return swapped;
  return compareAndSwap(store, id, change, undefined, onConflict);
}
