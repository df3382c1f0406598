// The performance targets, checked against the results (reported, never asserted).
import type { AvailabilityResult, MemoryPoint, StoreOpsResult } from './procedures.js';
import {
  floorCpus,
  type DirectionResults,
  type StoreOps,
  type TargetCheck,
  type TargetPair,
} from './results.js';
import type { Baseline } from './baseline.js';
import { round } from './stats.js';

export interface TargetInputs {
  readonly toServiceNow: DirectionResults;
  readonly toTeams: DirectionResults;
  readonly memory: readonly MemoryPoint[];
  readonly storeOps: StoreOps;
  readonly availability: AvailabilityResult;
}

const ms = (value: number | undefined): string => `${round(value ?? Number.NaN)} ms`;

/** CPU per message, and in floor CPUs. */
const cpu = (pair: TargetPair): string =>
  `${ms(pair.bot.cpuMsPerMessage)} (${round(floorCpus(pair))} floor CPUs)`;

function atLoad(results: DirectionResults, offered: number) {
  return results.loads.find((l) => l.offered === offered);
}

export function checkTargets(inputs: TargetInputs, baseline?: Baseline): TargetCheck[] {
  const { toServiceNow, toTeams, memory, storeOps, availability } = inputs;
  const down = toTeams.saturation.bot;
  const up = toServiceNow.saturation.bot;
  const before = baseline?.toTeams.saturation.bot.throughput;
  const speedUp = before === undefined ? Number.NaN : down.throughput / before;
  const most = memory.at(-1);
  return [
    check(
      'ServiceNow → Teams bot CPU per callback',
      '≤ 2.0 ms',
      cpu(toTeams.saturation),
      down.cpuMsPerMessage <= 2,
    ),
    check(
      'ServiceNow → Teams throughput at saturation',
      '≥ 1.5 × the earlier run',
      before === undefined
        ? 'no earlier run (BENCH_BASELINE)'
        : `${round(down.throughput)} msg/s, ×${round(speedUp)} of ${round(before)}`,
      speedUp >= 1.5,
    ),
    check(
      'Store ops per callback',
      '≤ 2 point, 0 queries',
      opsText(storeOps.toTeams),
      storeOps.toTeams.point <= 2 && storeOps.toTeams.queries === 0,
    ),
    check(
      'Teams → ServiceNow bot CPU per message',
      '≤ 1.5 ms',
      cpu(toServiceNow.saturation),
      up.cpuMsPerMessage <= 1.5,
    ),
    check(
      'Store ops per Teams → ServiceNow message',
      '1 read, 0 queries',
      opsText(storeOps.toServiceNow),
      storeOps.toServiceNow.point <= 1 && storeOps.toServiceNow.queries === 0,
    ),
    ...(['toServiceNow', 'toTeams'] as const).flatMap((key) => {
      const results = inputs[key];
      const label = key === 'toTeams' ? 'ServiceNow → Teams' : 'Teams → ServiceNow';
      const ratio = results.saturation.bot.throughput / results.saturation.floor.throughput;
      const at100 = atLoad(results, 100);
      const gap =
        (at100?.bot.delivery?.p99 ?? Number.NaN) - (at100?.floor.delivery?.p99 ?? Number.NaN);
      return [
        check(`${label} throughput`, '≥ 20% of the floor', `${round(ratio * 100)}%`, ratio >= 0.2),
        check(
          `${label} delivery p99 at 100 msg/s`,
          '≤ floor + 15 ms',
          `floor ${gap >= 0 ? '+' : ''}${ms(gap)}`,
          gap <= 15,
        ),
      ];
    }),
    check(
      `RSS with ${most?.sessions ?? '?'} open sessions`,
      '≤ 250 MB',
      `${round(most?.rssMb ?? Number.NaN)} MB (live heap ${round(most?.heapMb ?? Number.NaN)} MB)`,
      (most?.rssMb ?? Infinity) <= 250 && (most?.sessions ?? 0) >= 10_000,
    ),
    check(
      'ServiceNow → Teams ack p99 at 100/s',
      '< 50 ms',
      ms(atLoad(toTeams, 100)?.bot.ack?.p99),
      (atLoad(toTeams, 100)?.bot.ack?.p99 ?? Infinity) < 50,
    ),
    check(
      'Availability checks cached',
      '≤ 1 ServiceNow read per cache period',
      `${availability.presenceReads} reads for ${availability.answered}/${availability.checks} checks`,
      availability.answered === availability.checks && availability.presenceReads <= 1,
    ),
  ];
}

function opsText(ops: StoreOpsResult): string {
  return `${round(ops.point)} point, ${round(ops.queries)} queries`;
}

function check(name: string, goal: string, value: string, met: boolean): TargetCheck {
  return { name, goal, value, met };
}
