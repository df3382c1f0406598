// `npm run bench`: measures the relay in both directions against the floor (a bare restify server
// doing only the physically necessary work), under identical load, everything on loopback; writes
// bench-results/latest.json, latest.md and latency.svg, and prints the tables.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { latencyChart } from './chart.js';
import { knowledgeBench, knowledgeMarkdown } from './knowledge.js';
import { checkRelay } from './checks.js';
import {
  Direction,
  fixedRatePhase,
  saturationPhase,
  type PhaseContext,
  type PhaseResult,
} from './phases.js';
import { planFrom, type Plan } from './plan.js';
import { profileRun } from './profile-run.js';
import { quickModeOf, quickRun } from './quick-run.js';
import {
  checkAvailabilityCache,
  countStoreOps,
  idleStoreOps,
  memoryLadder,
  openedContext,
  warmUp,
} from './procedures.js';
import { cpuMs, machineBusyMs } from './procstat.js';
import { diffCounts, type OpCounts } from './store-ops.js';
import { currentCommit, loadBaseline } from './baseline.js';
import { markdownReport } from './report.js';
import { directionResults, type Background, type BenchResults, type Machine } from './results.js';
import { closeOnInterrupt, startBench, type Bench } from './setup.js';
import { checkTargets } from './targets.js';
import { benchSession, type BenchSession } from './traffic.js';
import { fileFigures, fileMarkdown } from './files.js';
import { benchNode } from './bench-node.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const resultsDir = join(root, 'bench-results');
const startMs = Date.now();
/** How long the store is watched with no traffic, to tell periodic sweeps from per-message work. */
const IDLE_WINDOW_MS = 3_000;

function progress(step: string): void {
  process.stderr.write(`[bench ${Math.round((Date.now() - startMs) / 1000)}s] ${step}\n`);
}

function machine(): Machine {
  const cores = cpus();
  return {
    cpu: cores[0]?.model.trim() ?? 'unknown CPU',
    cores: cores.length,
    memoryGb: totalmem() / 2 ** 30,
    os: `${type()} ${release()}`,
    node: process.version,
    botNode: benchNode(root).version,
  };
}

/** Measures how much CPU other processes took while the benchmark ran. */
function watchBackground() {
  const busy = machineBusyMs();
  const own = process.cpuUsage();
  const load = loadavg()[0] ?? 0;
  const started = Date.now();
  return {
    stop(pids: readonly number[]): Background {
      const ownUsage = process.cpuUsage(own);
      const benchMs = pids.reduce(
        (sum, pid) => sum + cpuMs(pid),
        (ownUsage.user + ownUsage.system) / 1000,
      );
      const capacity = (Date.now() - started) * cpus().length;
      const other = Math.max(0, machineBusyMs() - busy - benchMs);
      return { otherCpuShare: other / capacity, loadAverage: [load, loadavg()[0] ?? 0] };
    },
  };
}

/** Repetitions interleave bot and floor (in alternating order) so that drift affects both alike. */
async function timedPhases(
  ctx: PhaseContext,
  bench: Bench,
  plan: Plan,
): Promise<{ phases: PhaseResult[]; repetitions: number }> {
  const phases: PhaseResult[] = [];
  let rep = 0;
  for (let lastMs = 0; rep < plan.repetitions; rep++) {
    // A slow bot makes every repetition slower: stop early rather than overrun the time budget.
    if (rep > 0 && Date.now() + lastMs > startMs + plan.budgetMs) {
      progress(`time budget reached: ${rep} of ${plan.repetitions} repetitions`);
      break;
    }
    const repStart = Date.now();
    for (const direction of Object.values(Direction)) {
      const order = rep % 2 === 0 ? [bench.bot, bench.floor] : [bench.floor, bench.bot];
      for (const target of order) {
        progress(
          `repetition ${rep + 1}/${plan.repetitions}: ${direction} through the ${target.name}`,
        );
        phases.push(await saturationPhase(ctx, direction, target, plan.saturation));
        for (const rate of plan.loads) {
          phases.push(await fixedRatePhase(ctx, direction, target, rate, plan.fixedMs));
        }
      }
    }
    lastMs = Date.now() - repStart;
  }
  return { phases, repetitions: rep };
}

async function measure(bench: Bench, plan: Plan) {
  const open: BenchSession[] = Array.from({ length: plan.ladder[0] ?? 100 }, (_, i) =>
    benchSession(i),
  );
  progress(`opening ${open.length} sessions`);
  const ctx = await openedContext(bench, open);
  await checkRelay(ctx, bench.bot);
  await checkRelay(ctx, bench.floor);
  progress('warming up');
  await warmUp(ctx, bench.bot, plan.warmupMs);
  await warmUp(ctx, bench.floor, plan.warmupMs);
  progress('counting store operations');
  const storeOps = {
    toServiceNow: await countStoreOps(ctx, bench, Direction.toServiceNow, plan.countMessages),
    toTeams: await countStoreOps(ctx, bench, Direction.toTeams, plan.countMessages),
  };
  const idlePerSecond = await idleStoreOps(bench, IDLE_WINDOW_MS);
  const availability = await checkAvailabilityCache(bench, plan.availabilityUsers);
  const queriesFrom = await storeQueries(bench);
  // The timed phases run with the last but one level of open sessions; the largest level comes
  // last, so that the store's size (queries scan it in the emulator) does not skew the timings.
  progress(`memory with ${plan.ladder.join(', ')} open sessions, timed phases in between`);
  // Only the last level takes a heap snapshot: its memory would stay in every later reading.
  const memory = await memoryLadder(ctx, bench, plan.ladder.slice(0, -1), open, progress, false);
  const { phases, repetitions } = await timedPhases({ ...ctx, sessions: [...open] }, bench, plan);
  memory.push(...(await memoryLadder(ctx, bench, plan.ladder.slice(-1), open, progress, true)));
  return {
    repetitions,
    toServiceNow: directionResults(phases, Direction.toServiceNow, plan.loads),
    toTeams: directionResults(phases, Direction.toTeams, plan.loads),
    memory,
    storeOps: { ...storeOps, idlePerSecond, queriesPerSecond: await queriesFrom() },
    availability,
    timedWithSessions: plan.ladder.at(-2) ?? open.length,
  };
}

/** Starts counting the store's queries; the function returned gives them per second since. */
async function storeQueries(bench: Bench): Promise<() => Promise<Record<string, number>>> {
  const counts = (): Promise<OpCounts> => bench.storeProcess.call<OpCounts>('counts');
  const before = await counts();
  const from = Date.now();
  return async () => {
    const diff = diffCounts(before, await counts());
    const seconds = (Date.now() - from) / 1000;
    const perSecond: Record<string, number> = {};
    for (const [key, n] of Object.entries(diff)) {
      if (/\.(query|feed)$/.test(key)) perSecond[key] = n / seconds;
    }
    return perSecond;
  };
}

async function main(): Promise<void> {
  const node = benchNode(root);
  const why = {
    image: "the image's major",
    machine: "this machine's, BENCH_NODE=machine",
    BENCH_NODE: 'BENCH_NODE',
  }[node.source];
  progress(`the bot and the floor run on Node ${node.version} (${why})`);
  const profiled = process.env.BENCH_CPU_PROF;
  if (profiled !== undefined && profiled !== '') {
    await profileRun(profiled, root, resultsDir);
    return;
  }
  if (process.env.BENCH_ONLY === 'knowledge') {
    await knowledgeOnly();
    return;
  }
  const quick = quickModeOf(process.env.BENCH_ONLY);
  if (quick !== undefined) {
    await quickRun(quick, root, resultsDir, planFrom(process.env), progress);
    return;
  }
  if (process.env.BENCH_FILES_ONLY === '1') {
    await benchFiles();
    return;
  }
  const plan = planFrom(process.env);
  const startedAt = new Date(startMs).toISOString();
  mkdirSync(resultsDir, { recursive: true });
  progress('starting the store, ServiceNow simulator, Bot Connector, floor and bot');
  const bench = await startBench({ root, resultsDir, cpuProfile: false });
  const release = closeOnInterrupt(bench);
  const watch = watchBackground();
  let measured: Awaited<ReturnType<typeof measure>>;
  let background: Background;
  try {
    measured = await measure(bench, plan);
    background = watch.stop(bench.pids);
  } finally {
    progress('stopping');
    release();
    await bench.close();
  }
  const { repetitions, ...figures } = measured;
  const baseline = loadBaseline(process.env, resultsDir);
  const results: BenchResults = {
    machine: machine(),
    commit: currentCommit(root),
    startedAt,
    durationSeconds: (Date.now() - startMs) / 1000,
    plan: { ...plan, repetitions },
    ...figures,
    background,
    targets: checkTargets(measured, baseline),
  };
  const markdown = markdownReport(results, baseline);
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(resultsDir, 'latest.md'), markdown);
  writeFileSync(join(resultsDir, 'latency.svg'), latencyChart(results));
  process.stdout.write(
    `\n${markdown}\nWritten to bench-results/latest.json, latest.md and latency.svg\n`,
  );
  await knowledgeOnly();
  await benchFiles();
}

/** The knowledge step's figures (also alone: BENCH_ONLY=knowledge npm run bench). */
async function knowledgeOnly(): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  const knowledge = await knowledgeBench(progress);
  const markdown = knowledgeMarkdown(knowledge);
  writeFileSync(join(resultsDir, 'knowledge.json'), `${JSON.stringify(knowledge, null, 2)}\n`);
  writeFileSync(join(resultsDir, 'knowledge.md'), markdown);
  process.stdout.write(`\n${markdown}\nWritten to bench-results/knowledge.json and knowledge.md\n`);
}

/** The file figures (a run of their own, after the text figures): bench-results/files.*. */
async function benchFiles(): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  progress('files: 1 × 10 MB, then 10 × 5 MB at once');
  const files = await fileFigures(root, join(resultsDir, 'files-bot.log'), benchNode(root).path);
  const markdown = fileMarkdown(files);
  writeFileSync(join(resultsDir, 'files.json'), `${JSON.stringify(files, null, 2)}\n`);
  writeFileSync(join(resultsDir, 'files.md'), markdown);
  process.stdout.write(`\n${markdown}\nWritten to bench-results/files.json and files.md\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
