// The bot's garbage collection over one phase, from what gc-probe.mjs reports: bytes allocated on
// the JavaScript heap, bytes promoted into the old generation (what fills it until a Mark-Compact
// runs), and the main thread's GC pauses, minor and major apart.

/** Heap bytes in use, and of those in the young generation (new space, new large objects). */
export interface HeapSizes {
  readonly used: number;
  readonly young: number;
}

/** One collection, as gc-probe.mjs reports it. */
export interface Collection {
  /** V8's name: Scavenge, MinorMarkSweep, MarkSweepCompact, IncrementalMarking, ... */
  readonly type: string;
  readonly pauseUs: number;
  readonly before: HeapSizes;
  readonly after: HeapSizes;
}

/** The collections since the previous reading, and the heap's size at this one. */
export interface GcReading {
  readonly collections: readonly Collection[];
  readonly usedNow: number;
}

export interface GcTotals {
  readonly allocatedBytes: number;
  readonly promotedBytes: number;
  readonly minorCount: number;
  readonly minorPauseMs: number;
  /** Full collections (Mark-Compact), whose pauses include starting their incremental marking. */
  readonly majorCount: number;
  readonly majorPauseMs: number;
}

/** Figures per relayed message, and the collections in the phase (for how much they say). */
export interface GcPerMessage {
  readonly allocatedKb: number;
  readonly promotedKb: number;
  readonly pauseMs: number;
  readonly minorCount: number;
  readonly majorCount: number;
}

const MINOR = new Set(['Scavenge', 'MinorMarkSweep', 'MinorMarkCompact']);
/** A full collection's last pause; its start (IncrementalMarking) adds pause time, not a count. */
const MAJOR = 'MarkSweepCompact';

/**
 * What happened between two readings. Allocation is read from the heap's growth between
 * collections (each collection's "before" against the previous one's "after"), so no allocation
 * tracking runs in the bot; promotion is what a minor collection added outside the young generation.
 */
export function gcBetween(startUsed: number, reading: GcReading): GcTotals {
  let allocated = 0;
  let promoted = 0;
  let last = startUsed;
  const minor = { count: 0, us: 0 };
  const major = { count: 0, us: 0 };
  for (const gc of reading.collections) {
    allocated += Math.max(0, gc.before.used - last);
    last = gc.after.used;
    if (MINOR.has(gc.type)) {
      minor.count++;
      minor.us += gc.pauseUs;
      promoted += Math.max(0, gc.after.used - gc.after.young - (gc.before.used - gc.before.young));
    } else {
      if (gc.type === MAJOR) major.count++;
      major.us += gc.pauseUs;
    }
  }
  allocated += Math.max(0, reading.usedNow - last);
  return {
    allocatedBytes: allocated,
    promotedBytes: promoted,
    minorCount: minor.count,
    minorPauseMs: minor.us / 1000,
    majorCount: major.count,
    majorPauseMs: major.us / 1000,
  };
}

export function gcPerMessage(totals: GcTotals, messages: number): GcPerMessage {
  const per = (value: number): number => (messages > 0 ? value / messages : Number.NaN);
  return {
    allocatedKb: per(totals.allocatedBytes / 1024),
    promotedKb: per(totals.promotedBytes / 1024),
    pauseMs: per(totals.minorPauseMs + totals.majorPauseMs),
    minorCount: totals.minorCount,
    majorCount: totals.majorCount,
  };
}
