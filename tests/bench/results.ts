// The benchmark's results: medians across repetitions per direction, target and load, and the
// issue's targets evaluated against them.
import type { GcPerMessage } from './gc.js';
import type { Direction, PhaseResult, Target } from './phases.js';
import type { AvailabilityResult, MemoryPoint, StoreOpsResult } from './procedures.js';
import { median, medianSummary, type LatencySummary } from './stats.js';

/** Medians across repetitions of one phase kind. */
export interface Aggregate {
  readonly repetitions: number;
  readonly throughput: number;
  readonly ack?: LatencySummary;
  readonly delivery?: LatencySummary;
  readonly cpuMsPerMessage: number;
  readonly storeCpuMsPerMessage: number;
  /** Medians per message; the collection counts are totals across repetitions. */
  readonly gc?: GcPerMessage;
  /** Totals across repetitions: any non-zero value means a figure is suspect. */
  readonly errors: number;
  readonly lost: number;
}

export interface TargetPair {
  readonly bot: Aggregate;
  readonly floor: Aggregate;
}

/**
 * The bot's CPU per message in units of the floor's, from the same run: on a shared VM the CPU
 * time of the same work drifts with the host, the ratio much less.
 */
export function floorCpus(pair: TargetPair): number {
  return pair.bot.cpuMsPerMessage / pair.floor.cpuMsPerMessage;
}

export interface DirectionResults {
  readonly saturation: TargetPair;
  readonly loads: readonly ({ readonly offered: number } & TargetPair)[];
}

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly os: string;
  /** The benchmark's own Node. */
  readonly node: string;
  /** The Node the bot and the floor ran on (absent in runs before it was recorded: `node`). */
  readonly botNode?: string;
}

export interface TargetCheck {
  readonly name: string;
  readonly goal: string;
  readonly value: string;
  readonly met: boolean;
}

/** How busy the machine was with other work while the benchmark ran (the figures suffer). */
export interface Background {
  /** Share of the machine's CPU (all cores) used by processes other than the benchmark's. */
  readonly otherCpuShare: number;
  /** 1-minute load average at the start and at the end. */
  readonly loadAverage: readonly [number, number];
}

export interface BenchResults {
  readonly machine: Machine;
  /** The commit measured (`+changes`: with uncommitted changes). */
  readonly commit?: string;
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly plan: Readonly<Record<string, unknown>>;
  readonly toServiceNow: DirectionResults;
  readonly toTeams: DirectionResults;
  readonly memory: readonly MemoryPoint[];
  readonly storeOps: StoreOps;
  readonly availability: AvailabilityResult;
  readonly background: Background;
  /** Open sessions during the timed phases. */
  readonly timedWithSessions: number;
  readonly targets: readonly TargetCheck[];
}

export interface StoreOps {
  readonly toServiceNow: StoreOpsResult;
  readonly toTeams: StoreOpsResult;
  /** Requests per second the store served with no traffic (periodic sweeps), by kind. */
  readonly idlePerSecond: Readonly<Record<string, number>>;
  /** Queries and feeds per second over the whole measurement, by container. */
  readonly queriesPerSecond: Readonly<Record<string, number>>;
}

export function aggregate(runs: readonly PhaseResult[]): Aggregate {
  const of = (pick: (r: PhaseResult) => number): number => median(runs.map(pick));
  const acks = runs.flatMap((r) => (r.ack === undefined ? [] : [r.ack]));
  const deliveries = runs.flatMap((r) => (r.delivery === undefined ? [] : [r.delivery]));
  const gcs = runs.flatMap((r) => (r.gc === undefined ? [] : [r.gc]));
  return {
    repetitions: runs.length,
    throughput: of((r) => r.throughput),
    ...(acks.length > 0 ? { ack: medianSummary(acks) } : {}),
    ...(deliveries.length > 0 ? { delivery: medianSummary(deliveries) } : {}),
    cpuMsPerMessage: of((r) => r.cpuMsPerMessage),
    storeCpuMsPerMessage: of((r) => r.storeCpuMsPerMessage),
    ...(gcs.length > 0 ? { gc: gcAggregate(gcs) } : {}),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    lost: runs.reduce((sum, r) => sum + r.lost, 0),
  };
}

function gcAggregate(gcs: readonly GcPerMessage[]): GcPerMessage {
  const total = (pick: (g: GcPerMessage) => number): number =>
    gcs.reduce((sum, g) => sum + pick(g), 0);
  return {
    allocatedKb: median(gcs.map((g) => g.allocatedKb)),
    promotedKb: median(gcs.map((g) => g.promotedKb)),
    pauseMs: median(gcs.map((g) => g.pauseMs)),
    minorCount: total((g) => g.minorCount),
    majorCount: total((g) => g.majorCount),
  };
}

/** Groups phase results of one direction by load and target, and aggregates each group. */
export function directionResults(
  phases: readonly PhaseResult[],
  direction: Direction,
  loads: readonly number[],
): DirectionResults {
  const pick = (target: Target['name'], offered: number | undefined): Aggregate =>
    aggregate(
      phases.filter(
        (p) => p.direction === direction && p.target === target && p.offered === offered,
      ),
    );
  return {
    saturation: { bot: pick('bot', undefined), floor: pick('floor', undefined) },
    loads: loads.map((offered) => ({
      offered,
      bot: pick('bot', offered),
      floor: pick('floor', offered),
    })),
  };
}
