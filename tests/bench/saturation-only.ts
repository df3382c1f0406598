// BENCH_ONLY=saturation npm run bench: only the saturation phases (bot and floor, both ways, with
// 1,000 open sessions), for comparing two builds or two sets of node flags in about a minute.
// It prints the full run's first table; nothing is written to latest.json.
import { checkRelay } from './checks.js';
import { Direction, saturationPhase, type PhaseResult } from './phases.js';
import type { Plan } from './plan.js';
import { openedContext, warmUp } from './procedures.js';
import { throughputTable } from './report.js';
import { directionResults } from './results.js';
import { closeOnInterrupt, startBench } from './setup.js';
import { benchSession } from './traffic.js';

/** Open sessions during the timed phases (the full run's last level but one). */
export const TIMED_SESSIONS = 1_000;

export async function saturationOnly(
  root: string,
  resultsDir: string,
  plan: Plan,
  progress: (step: string) => void,
): Promise<void> {
  progress(`starting; then ${TIMED_SESSIONS} sessions, ${plan.repetitions} repetitions`);
  const bench = await startBench({ root, resultsDir, cpuProfile: false });
  const release = closeOnInterrupt(bench);
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
          phases.push(await saturationPhase(ctx, direction, target, plan.saturation));
        }
      }
    }
  } finally {
    release();
    await bench.close();
  }
  const results = {
    toServiceNow: directionResults(phases, Direction.toServiceNow, []),
    toTeams: directionResults(phases, Direction.toTeams, []),
  };
  process.stdout.write(`${throughputTable(results).join('\n')}\n`);
}
