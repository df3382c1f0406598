// BENCH_ONLY=saturation npm run bench: only the saturation phases (bot and floor, both ways, with
// 1,000 open sessions), for comparing two builds or two sets of node flags in about a minute.
// The figures are the same as the full run's first table; nothing is written to latest.json.
import { checkRelay } from './checks.js';
import { Direction, saturationPhase, type PhaseContext, type PhaseResult } from './phases.js';
import type { Plan } from './plan.js';
import { seedTargets, warmUp } from './procedures.js';
import { seedSessions } from './seed.js';
import { closeOnInterrupt, startBench } from './setup.js';
import { median, round } from './stats.js';
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
    await seedSessions(seedTargets(bench), sessions);
    const ctx: PhaseContext = {
      client: bench.client,
      arrivals: bench.arrivals,
      sessions,
      serviceUrl: bench.serviceUrl,
      webhookAuthorization: bench.webhookAuthorization,
      storePid: bench.storeProcess.pid,
      cursor: { phase: 0, session: 0 },
    };
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
  process.stdout.write(`${saturationTable(phases)}\n`);
}

export function saturationTable(phases: readonly PhaseResult[]): string {
  const lines = [
    '| Direction | Bot (msg/s) | Floor (msg/s) | Bot / floor | Bot CPU (ms/msg) | Store CPU (ms/msg) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const direction of Object.values(Direction)) {
    const of = (target: string, pick: (p: PhaseResult) => number) =>
      median(phases.filter((p) => p.direction === direction && p.target === target).map(pick));
    const bot = of('bot', (p) => p.throughput);
    const floor = of('floor', (p) => p.throughput);
    const share = floor > 0 ? `${Math.round((100 * bot) / floor)}%` : '–';
    lines.push(
      `| ${direction} | ${round(bot)} | ${round(floor)} | ${share} | ${round(of('bot', (p) => p.cpuMsPerMessage))} | ${round(of('bot', (p) => p.storeCpuMsPerMessage))} |`,
    );
  }
  return lines.join('\n');
}
