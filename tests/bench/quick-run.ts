// Quick A/B modes, for comparing two builds or two sets of node flags in a minute or two; they
// print the full run's tables (with the bot's garbage collection) and write nothing to latest.json:
// - BENCH_ONLY=saturation npm run bench: only the saturation phases (bot and floor, both ways);
// - BENCH_ONLY=latency npm run bench: only the fixed-rate phases at 100 msg/s (the load the p99
//   target is set at), each 10 s long so that the periodic sweeps fall inside every phase.
// Both run with 1,000 open sessions, the full run's timed level.
import { checkRelay } from './checks.js';
import {
  Direction,
  fixedRatePhase,
  saturationPhase,
  type PhaseContext,
  type PhaseResult,
  type Target,
} from './phases.js';
import type { Plan } from './plan.js';
import { openedContext, warmUp } from './procedures.js';
import { gcTable, latencyTable, throughputTable } from './report.js';
import { directionResults, type BenchResults } from './results.js';
import { closeOnInterrupt, startBench } from './setup.js';
import { benchSession } from './traffic.js';

/** Open sessions during the timed phases (the full run's last level but one). */
export const TIMED_SESSIONS = 1_000;

const LATENCY_RATE = 100;
const LATENCY_PHASE_MS = 10_000;

interface Mode {
  readonly phase: (
    ctx: PhaseContext,
    direction: Direction,
    target: Target,
    plan: Plan,
  ) => Promise<PhaseResult>;
  /** The offered loads the phases ran at (none for saturation). */
  readonly loads: readonly number[];
  readonly table: (results: Pick<BenchResults, 'toServiceNow' | 'toTeams'>) => string[];
}

const MODES = {
  saturation: {
    phase: (ctx, direction, target, plan) =>
      saturationPhase(ctx, direction, target, plan.saturation),
    loads: [],
    table: (results) => [...throughputTable(results), '', ...gcTable(results)],
  },
  latency: {
    phase: (ctx, direction, target) =>
      fixedRatePhase(ctx, direction, target, LATENCY_RATE, LATENCY_PHASE_MS),
    loads: [LATENCY_RATE],
    table: (results) => [...latencyTable(results), '', ...gcTable(results)],
  },
} satisfies Record<string, Mode>;

export type QuickMode = keyof typeof MODES;

/** The quick mode BENCH_ONLY names, if it names one. */
export function quickModeOf(name: string | undefined): QuickMode | undefined {
  return Object.keys(MODES).find((m): m is QuickMode => m === name);
}

export async function quickRun(
  mode: QuickMode,
  root: string,
  resultsDir: string,
  plan: Plan,
  progress: (step: string) => void,
): Promise<void> {
  progress(`starting; then ${TIMED_SESSIONS} sessions, ${plan.repetitions} repetitions`);
  const bench = await startBench({ root, resultsDir, cpuProfile: false });
  const release = closeOnInterrupt(bench);
  const { phase, loads, table }: Mode = MODES[mode];
  const phases: PhaseResult[] = [];
  try {
    const sessions = Array.from({ length: TIMED_SESSIONS }, (_, i) => benchSession(i));
    const ctx = await openedContext(bench, sessions);
    await checkRelay(ctx, bench.bot);
    await warmUp(ctx, bench.bot, plan.warmupMs);
    await warmUp(ctx, bench.floor, plan.warmupMs);
    for (let rep = 0; rep < plan.repetitions; rep++) {
      for (const direction of Object.values(Direction)) {
        const order = rep % 2 === 0 ? [bench.bot, bench.floor] : [bench.floor, bench.bot];
        for (const target of order) {
          progress(`repetition ${rep + 1}/${plan.repetitions}: ${direction}, ${target.name}`);
          phases.push(await phase(ctx, direction, target, plan));
        }
      }
    }
  } finally {
    release();
    await bench.close();
  }
  const results = {
    toServiceNow: directionResults(phases, Direction.toServiceNow, loads),
    toTeams: directionResults(phases, Direction.toTeams, loads),
  };
  process.stdout.write(`${table(results).join('\n')}\n`);
}
