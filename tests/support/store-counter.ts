// Counts the bot's store operations by kind while a test runs, by wrapping the methods of the
// store object the app was built with (the operations themselves still reach the real store).
import type { Store } from '../../bot/store/index.js';

export interface StoreCounts {
  reads: number;
  writes: number;
  /** `sessions.replace`, `users.get`…, in the order they happened. */
  readonly calls: string[];
}

const reads = new Set(['get']);
const counted: Record<'sessions' | 'users' | 'inbox' | 'outbox', readonly string[]> = {
  sessions: ['get', 'create', 'replace'],
  users: ['get', 'upsert', 'replace'],
  inbox: ['get', 'put', 'remove'],
  outbox: ['get', 'put', 'remove'],
};

/** Starts counting the store operations of the app; `stop` ends it. */
export function countStoreOperations(store: Store): StoreCounts & { stop(): void } {
  const counts = { reads: 0, writes: 0, calls: [] as string[] };
  const restore: (() => void)[] = [];
  for (const [part, methods] of Object.entries(counted)) {
    const target = store[part as keyof typeof counted] as unknown as Record<string, unknown>;
    for (const method of methods) {
      const original = target[method] as (...args: unknown[]) => unknown;
      target[method] = (...args: unknown[]) => {
        counts.calls.push(`${part}.${method}`);
        if (reads.has(method)) counts.reads += 1;
        else counts.writes += 1;
        return original.apply(target, args);
      };
      restore.push(() => {
        // Own property removed: the prototype's method shows through again.
        Reflect.deleteProperty(target, method);
      });
    }
  }
  return Object.assign(counts, {
    stop() {
      for (const undo of restore.splice(0)) undo();
    },
  });
}
