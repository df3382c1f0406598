// The performance targets, checked against the results (reported, never asserted).
import type { AvailabilityResult, MemoryPoint, StoreOpsResult } from './procedures.js';
import type { DirectionResults, StoreOps, TargetCheck } from './results.js';
import { round } from './stats.js';

export interface TargetInputs {
  readonly toServiceNow: DirectionResults;
  readonly toTeams: DirectionResults;
  readonly memory: readonly MemoryPoint[];
  readonly storeOps: StoreOps;
  readonly availability: AvailabilityResult;
}

const ms = (value: number | undefined): string => `${round(value ?? Number.NaN)} ms`;

function atLoad(results: DirectionResults, offered: number) {
  return results.loads.find((l) => l.offered === offered);
}

export function checkTargets(inputs: TargetInputs): TargetCheck[] {
  const { toServiceNow, toTeams, memory, storeOps, availability } = inputs;
  const ratio = toServiceNow.saturation.bot.throughput / toServiceNow.saturation.floor.throughput;
  const up100 = atLoad(toServiceNow, 100);
  const p99Gap =
    (up100?.bot.delivery?.p99 ?? Number.NaN) - (up100?.floor.delivery?.p99 ?? Number.NaN);
  const down100 = atLoad(toTeams, 100);
  const first = memory[0];
  const last = memory.at(-1);
  const growth = (last?.rssMb ?? Number.NaN) - (first?.rssMb ?? Number.NaN);
  const heapGrowth = (last?.heapMb ?? Number.NaN) - (first?.heapMb ?? Number.NaN);
  return [
    check(
      'Teams → ServiceNow throughput',
      '≥ 40% of the floor',
      `${round(ratio * 100)}%`,
      ratio >= 0.4,
    ),
    check(
      'Teams → ServiceNow p99 at 100 msg/s',
      '≤ floor + 10 ms',
      `floor ${p99Gap >= 0 ? '+' : ''}${ms(p99Gap)}`,
      p99Gap <= 10,
    ),
    check(
      'ServiceNow → Teams ack p99 at 100/s',
      '< 50 ms',
      ms(down100?.bot.ack?.p99),
      (down100?.bot.ack?.p99 ?? Infinity) < 50,
    ),
    check(
      'ServiceNow → Teams delivery p99 at 100/s',
      '< 100 ms',
      ms(down100?.bot.delivery?.p99),
      (down100?.bot.delivery?.p99 ?? Infinity) < 100,
    ),
    check(
      `RSS growth, ${first?.sessions ?? '?'} → ${last?.sessions ?? '?'} open sessions`,
      '< 50 MB',
      `${round(growth)} MB (live heap ${round(heapGrowth)} MB)`,
      growth < 50,
    ),
    check(
      'Store ops per Teams → ServiceNow message',
      '≤ 2 point, 0 queries',
      opsText(storeOps.toServiceNow),
      storeOps.toServiceNow.point <= 2 && storeOps.toServiceNow.queries === 0,
    ),
    check(
      'Store ops per callback',
      '≤ 3 point, 0 queries',
      opsText(storeOps.toTeams),
      storeOps.toTeams.point <= 3 && storeOps.toTeams.queries === 0,
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
