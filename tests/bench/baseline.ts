// The figures of an earlier run to print beside this one's: `BENCH_BASELINE=<latest.json of that
// run>` (default bench-results/baseline.json when it exists). Run the benchmark on the commit
// before, keep its latest.json, then run it on the change: the report shows both, and the
// throughput target is checked against the earlier run.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Aggregate, BenchResults, DirectionResults } from './results.js';
import { round } from './stats.js';

/** The parts of an earlier run's results that the comparison reads (older files lack some). */
export type Baseline = Pick<BenchResults, 'toServiceNow' | 'toTeams' | 'memory' | 'storeOps'> &
  Partial<Pick<BenchResults, 'commit' | 'startedAt'>>;

export class BaselineError extends Error {
  readonly code = 'BENCH_BASELINE_UNREADABLE';
}

export function loadBaseline(env: NodeJS.ProcessEnv, resultsDir: string): Baseline | undefined {
  const file = env.BENCH_BASELINE ?? join(resultsDir, 'baseline.json');
  if (!existsSync(file)) {
    if (env.BENCH_BASELINE !== undefined) throw new BaselineError(`No such file: ${file}`);
    return undefined;
  }
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Baseline;
    if (parsed.toTeams.saturation.bot.throughput > 0) return parsed;
  } catch (error) {
    throw new BaselineError(`${file} is not the latest.json of a benchmark run`, { cause: error });
  }
  throw new BaselineError(`${file} holds no throughput figures`);
}

/** The commit the benchmark measures (`+changes` when the work tree differs from it). */
export function currentCommit(root: string): string | undefined {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    return git('status', '--porcelain', '--untracked-files=no') === ''
      ? commit
      : `${commit}+changes`;
  } catch {
    return undefined;
  }
}

const num = (value: number | undefined): string =>
  value === undefined || !Number.isFinite(value) ? '–' : round(value).toLocaleString('en-US');

const p99At = (results: DirectionResults, offered: number): number | undefined =>
  results.loads.find((l) => l.offered === offered)?.bot.delivery?.p99;

const change = (now: number | undefined, before: number | undefined): string =>
  now === undefined || before === undefined || before === 0 ? '–' : `×${num(now / before)}`;

interface Row {
  readonly label: string;
  readonly pick: (r: Baseline) => number | undefined;
}

const saturation = (key: 'toServiceNow' | 'toTeams', pick: (a: Aggregate) => number) => {
  return (r: Baseline) => pick(r[key].saturation.bot);
};

const rows: readonly Row[] = [
  { label: 'Teams → ServiceNow msg/s', pick: saturation('toServiceNow', (a) => a.throughput) },
  { label: 'ServiceNow → Teams msg/s', pick: saturation('toTeams', (a) => a.throughput) },
  {
    label: 'Teams → ServiceNow bot CPU ms/msg',
    pick: saturation('toServiceNow', (a) => a.cpuMsPerMessage),
  },
  {
    label: 'ServiceNow → Teams bot CPU ms/msg',
    pick: saturation('toTeams', (a) => a.cpuMsPerMessage),
  },
  {
    label: 'Teams → ServiceNow bot heap allocated KB/msg',
    pick: saturation('toServiceNow', (a) => a.gc?.allocatedKb ?? Number.NaN),
  },
  {
    label: 'ServiceNow → Teams bot heap allocated KB/msg',
    pick: saturation('toTeams', (a) => a.gc?.allocatedKb ?? Number.NaN),
  },
  {
    label: 'Teams → ServiceNow promoted to old generation KB/msg',
    pick: saturation('toServiceNow', (a) => a.gc?.promotedKb ?? Number.NaN),
  },
  {
    label: 'ServiceNow → Teams promoted to old generation KB/msg',
    pick: saturation('toTeams', (a) => a.gc?.promotedKb ?? Number.NaN),
  },
  { label: 'Teams → ServiceNow store ops/msg', pick: (r) => r.storeOps.toServiceNow.point },
  { label: 'ServiceNow → Teams store ops/msg', pick: (r) => r.storeOps.toTeams.point },
  {
    label: 'Teams → ServiceNow delivery p99 at 100/s (ms)',
    pick: (r) => p99At(r.toServiceNow, 100),
  },
  { label: 'ServiceNow → Teams delivery p99 at 100/s (ms)', pick: (r) => p99At(r.toTeams, 100) },
  {
    label: 'RSS with the most open sessions (MB)',
    // Older runs read it only after the heap snapshot: not the same figure.
    pick: (r) =>
      r.memory.at(-1)?.rssAfterSnapshotMb === undefined ? undefined : r.memory.at(-1)?.rssMb,
  },
  {
    label: 'RSS after the heap snapshot (MB)',
    pick: (r) => r.memory.at(-1)?.rssAfterSnapshotMb ?? r.memory.at(-1)?.rssMb,
  },
  { label: 'Live heap with the most open sessions (MB)', pick: (r) => r.memory.at(-1)?.heapMb },
];

/** Markdown lines: this run beside the baseline, with the ratio. */
export function comparisonTable(now: Baseline, before: Baseline): string[] {
  const name = (r: Baseline, fallback: string) =>
    r.commit === undefined ? fallback : `\`${r.commit}\``;
  return [
    `**Beside an earlier run** (${name(before, 'baseline')} of ${before.startedAt ?? 'an unknown date'}; medians)`,
    '',
    `| Measure | ${name(before, 'Before')} | ${name(now, 'Now')} | Now / before |`,
    '| --- | ---: | ---: | ---: |',
    ...rows.map((row) => {
      const [b, n] = [row.pick(before), row.pick(now)];
      return `| ${row.label} | ${num(b)} | ${num(n)} | ${change(n, b)} |`;
    }),
  ];
}
