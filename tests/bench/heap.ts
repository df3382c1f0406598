// The bot's live heap, from a heap snapshot it writes when signalled (`--heapsnapshot-signal`):
// writing one starts with a full garbage collection, so the figure (and the resident memory read
// right after it) does not depend on when V8 last collected. Resident memory alone does: the same
// live heap can sit in 350 or 600 MB of RSS, depending on the GC's schedule.
import { readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pollUntil } from './clock.js';
import { rssMb } from './procstat.js';

export const HEAP_SNAPSHOT_SIGNAL = 'SIGUSR2';
const SNAPSHOT_TIMEOUT_MS = 60_000;

export class HeapSnapshotError extends Error {
  readonly code = 'BENCH_HEAP_SNAPSHOT_FAILED';
}

interface HeapSnapshot {
  readonly snapshot: { readonly meta: { readonly node_fields: readonly string[] } };
  readonly nodes: readonly number[];
}

/** Total self size of every object in a heap snapshot, in bytes. */
export function liveBytes(snapshot: HeapSnapshot): number {
  const fields = snapshot.snapshot.meta.node_fields;
  const selfSize = fields.indexOf('self_size');
  if (selfSize < 0) throw new HeapSnapshotError('The heap snapshot has no self_size field');
  let total = 0;
  for (let i = selfSize; i < snapshot.nodes.length; i += fields.length) {
    total += snapshot.nodes[i] ?? 0;
  }
  return total;
}

export interface MemoryReading {
  /** Resident memory as the container sees it, read before the snapshot is asked for. */
  readonly rssMb: number;
  /**
   * Resident memory right after the snapshot (and its full collection): includes what writing
   * the snapshot itself took, which the process keeps (and every later reading with it), so it
   * overstates the bot's own needs. Runs before this figure existed reported it as `rssMb`.
   */
  readonly rssAfterSnapshotMb?: number;
  /** Live objects on the JavaScript heap (only where a snapshot was taken). */
  readonly heapMb?: number;
}

/** Resident memory alone: no snapshot, so that nothing of one stays in later readings. */
export function readRss(pid: number): MemoryReading {
  return { rssMb: rssMb(pid) };
}

/** Signals the process to write a heap snapshot into `dir` (its working directory), reads it, deletes it. */
export async function readMemory(pid: number, dir: string): Promise<MemoryReading> {
  const before = new Set(readdirSync(dir));
  const steady = rssMb(pid);
  process.kill(pid, HEAP_SNAPSHOT_SIGNAL);
  let file: string | undefined;
  let lastSize = -1;
  const written = await pollUntil(
    () => {
      file ??= readdirSync(dir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
      if (file === undefined) return false;
      const size = statSync(join(dir, file)).size;
      const stable = size > 0 && size === lastSize;
      lastSize = size;
      return stable;
    },
    SNAPSHOT_TIMEOUT_MS,
    500,
  );
  if (!written || file === undefined) throw new HeapSnapshotError('The bot wrote no heap snapshot');
  const rss = rssMb(pid);
  const path = join(dir, file);
  try {
    const snapshot = JSON.parse(readFileSync(path, 'utf8')) as HeapSnapshot;
    return { rssMb: steady, rssAfterSnapshotMb: rss, heapMb: liveBytes(snapshot) / 2 ** 20 };
  } finally {
    unlinkSync(path);
  }
}
