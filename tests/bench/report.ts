// The results as markdown: the tables the benchmark prints and writes next to its JSON.
import { floorCpus, type Aggregate, type BenchResults, type DirectionResults } from './results.js';
import { comparisonTable, type Baseline } from './baseline.js';
import { round } from './stats.js';
import type { StoreOpsResult } from './procedures.js';

const DIRECTIONS = [
  ['toServiceNow', 'Teams → ServiceNow'],
  ['toTeams', 'ServiceNow → Teams'],
] as const;

function num(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return round(value).toLocaleString('en-US');
}

function triple(aggregate: Aggregate, which: 'ack' | 'delivery'): string {
  const s = aggregate[which];
  return s === undefined ? '–' : `${num(s.p50)} / ${num(s.p95)} / ${num(s.p99)}`;
}

function flag(aggregate: Aggregate): string {
  const problems = aggregate.errors + aggregate.lost;
  return problems === 0 ? '' : ` ⚠ ${aggregate.errors} errors, ${aggregate.lost} lost`;
}

/** The first table: throughput at saturation and CPU per message (also in floor CPUs), both ways. */
export function throughputTable(results: Pick<BenchResults, 'toServiceNow' | 'toTeams'>): string[] {
  const rows = DIRECTIONS.map(([key, label]) => {
    const pair = results[key].saturation;
    const { bot, floor } = pair;
    return `| ${label} | ${num(bot.throughput)}${flag(bot)} | ${num(floor.throughput)}${flag(floor)} | ${num((bot.throughput / floor.throughput) * 100)}% | ${num(bot.cpuMsPerMessage)} | ${num(bot.storeCpuMsPerMessage)} | ${num(floor.cpuMsPerMessage)} | ${num(floorCpus(pair))} |`;
  });
  return [
    '| Direction | Bot (msg/s) | Floor (msg/s) | Bot / floor | Bot CPU (ms/msg) | Store CPU (ms/msg) | Floor CPU (ms/msg) | Bot CPU / floor CPU |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ];
}

function latencyRows(label: string, results: DirectionResults): string[] {
  return results.loads.map(
    (l) =>
      `| ${label} | ${num(l.offered)} | ${triple(l.bot, 'ack')}${flag(l.bot)} | ${triple(l.floor, 'ack')} | ${triple(l.bot, 'delivery')} | ${triple(l.floor, 'delivery')} | ${num(l.bot.throughput)} |`,
  );
}

export function latencyTable(results: Pick<BenchResults, 'toServiceNow' | 'toTeams'>): string[] {
  return [
    '| Direction | Offered (msg/s) | Bot ack | Floor ack | Bot delivery | Floor delivery | Bot achieved (msg/s) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...DIRECTIONS.flatMap(([key, label]) => latencyRows(label, results[key])),
  ];
}

/** Garbage collection in the bot per relayed message, at saturation and at each offered load. */
export function gcTable(results: Pick<BenchResults, 'toServiceNow' | 'toTeams'>): string[] {
  const row = (label: string, load: string, a: Aggregate): string[] =>
    a.gc === undefined
      ? []
      : [
          `| ${label} | ${load} | ${num(a.gc.allocatedKb)} | ${num(a.gc.promotedKb)} | ${num(a.gc.pauseMs)} | ${num(a.gc.minorCount)} / ${num(a.gc.majorCount)} |`,
        ];
  return [
    '| Direction | Load | Allocated (KB/msg) | Promoted to the old generation (KB/msg) | GC pauses (ms/msg) | Minor / major collections |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...DIRECTIONS.flatMap(([key, label]) => [
      ...row(label, 'saturation', results[key].saturation.bot),
      ...results[key].loads.flatMap((l) => row(label, `${num(l.offered)} msg/s`, l.bot)),
    ]),
  ];
}

function kindsText(byKind: Readonly<Record<string, number>>): string {
  return Object.entries(byKind)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, n]) => `${kind} ${num(n)}`)
    .join(', ');
}

function opsText(ops: StoreOpsResult): string {
  return `| ${num(ops.point)} | ${num(ops.queries)} | ${kindsText(ops.byKind)} |`;
}

export function markdownReport(results: BenchResults, baseline?: Baseline): string {
  const { machine } = results;
  const lines = [
    `Benchmark of ${results.commit === undefined ? '' : `\`${results.commit}\` `}${results.startedAt} on ${machine.cpu} (${machine.cores} cores, ${num(machine.memoryGb)} GB), ${machine.os}, ${nodeOf(machine)}; ${num(results.durationSeconds)} s. Medians of ${String(results.plan.repetitions)} repetitions.`,
    `Other processes used ${num(results.background.otherCpuShare * 100)}% of the machine's CPU meanwhile (load average ${num(results.background.loadAverage[0])} → ${num(results.background.loadAverage[1])}).`,
    '',
    '**Throughput at saturation and CPU per message**',
    '',
    ...throughputTable(results),
    '',
    `**Latency in ms (p50 / p95 / p99) at fixed offered loads, open loop, with ${num(results.timedWithSessions)} open sessions.** Ack: the HTTP answer to the sender (for Teams → ServiceNow it comes after ServiceNow acknowledged). Delivery: arrival on the far side (ServiceNow VA API, or the Bot Connector).`,
    '',
    ...latencyTable(results),
    '',
    "**Garbage collection in the bot** (medians per relayed message; the collections are counted over all repetitions): bytes allocated on the JavaScript heap, bytes that survived a minor collection into the old generation (what a Mark-Compact must then mark), and the main thread's GC pauses",
    '',
    ...gcTable(results),
    '',
    '**Memory of the bot by open sessions**: resident memory as a container sees it; at the last level also the live heap, from a heap snapshot (which starts with a full garbage collection; writing it takes memory of its own, which the process keeps: the column after it)',
    '',
    '| Open sessions | Of the new ones, messaged each way | RSS (MB) | RSS after the heap snapshot (MB) | Live JS heap (MB) |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...results.memory.map(
      (m) =>
        `| ${num(m.sessions)} | ${num(m.exercised)} | ${num(m.rssMb)} | ${num(m.rssAfterSnapshotMb)} | ${num(m.heapMb)} |`,
    ),
    '',
    '**Store operations per relayed message**',
    '',
    '| Direction | Point ops | Queries | By container and kind |',
    '| --- | ---: | ---: | --- |',
    `| Teams → ServiceNow ${opsText(results.storeOps.toServiceNow)}`,
    `| ServiceNow → Teams ${opsText(results.storeOps.toTeams)}`,
    `| No traffic (per second) | – | – | ${kindsText(results.storeOps.idlePerSecond) || 'none'} |`,
    `| Queries over the whole run (per second) | – | – | ${kindsText(results.storeOps.queriesPerSecond) || 'none'} |`,
    '',
    '**Targets**',
    '',
    '| Target | Goal | Result | Met |',
    '| --- | --- | --- | :---: |',
    ...results.targets.map(
      (t) => `| ${t.name} | ${t.goal} | ${t.value} | ${t.met ? 'yes' : 'no'} |`,
    ),
    ...(baseline === undefined ? [] : ['', ...comparisonTable(results, baseline)]),
  ];
  return `${lines.join('\n')}\n`;
}

/** "Node v22.23.5", or with the bot and the floor on another Node than the benchmark's, both. */
function nodeOf(machine: BenchResults['machine']): string {
  const bot = machine.botNode ?? machine.node;
  return bot === machine.node
    ? `Node ${machine.node}`
    : `the bot and the floor on Node ${bot} (the benchmark on ${machine.node})`;
}
