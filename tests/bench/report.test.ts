import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Baseline } from './baseline.js';
import { latencyChart } from './chart.js';
import type { PhaseResult } from './phases.js';
import { markdownReport } from './report.js';
import { directionResults, type BenchResults } from './results.js';
import { summarize } from './stats.js';
import { checkTargets, type TargetInputs } from './targets.js';

function phase(
  direction: PhaseResult['direction'],
  target: PhaseResult['target'],
  offered: number | undefined,
  latencyMs: number,
  throughput: number,
): PhaseResult {
  const latency = summarize([latencyMs, latencyMs * 1.5, latencyMs * 2]);
  return {
    direction,
    target,
    ...(offered === undefined ? {} : { offered, ack: latency, delivery: latency }),
    sent: 100,
    errors: 0,
    lost: 0,
    throughput,
    cpuMsPerMessage: target === 'bot' ? 1.5 : 0.2,
    storeCpuMsPerMessage: target === 'bot' ? 0.3 : 0,
    ...(target === 'bot'
      ? { gc: { allocatedKb: 200, promotedKb: 20, pauseMs: 0.1, minorCount: 10, majorCount: 1 } }
      : {}),
  };
}

function inputs(botThroughput: number): TargetInputs {
  const loads = [100, 500];
  const phases = (['toServiceNow', 'toTeams'] as const).flatMap((direction) =>
    [1, 2, 3].flatMap((rep) => [
      phase(direction, 'bot', undefined, 0, botThroughput + rep),
      phase(direction, 'floor', undefined, 0, 1000 + rep),
      ...loads.flatMap((rate) => [
        phase(direction, 'bot', rate, rate / 20, rate),
        phase(direction, 'floor', rate, 1, rate),
      ]),
    ]),
  );
  const ops = { messages: 10, point: 2, queries: 0, other: 0, byKind: { 'sessions.read': 1 } };
  return {
    toServiceNow: directionResults(phases, 'toServiceNow', loads),
    toTeams: directionResults(phases, 'toTeams', loads),
    memory: [
      { sessions: 100, exercised: 100, rssMb: 200, heapMb: 50 },
      { sessions: 10_000, exercised: 9_900, rssMb: 230, rssAfterSnapshotMb: 410, heapMb: 52 },
    ],
    storeOps: {
      toServiceNow: ops,
      toTeams: { ...ops, point: 5 },
      idlePerSecond: {},
      queriesPerSecond: { 'sessions.query': 0.4 },
    },
    availability: { checks: 5, answered: 5, presenceReads: 1 },
  };
}

function results(botThroughput: number): BenchResults {
  const measured = inputs(botThroughput);
  return {
    machine: { cpu: 'Test <CPU> & co', cores: 2, memoryGb: 8, os: 'Linux', node: 'v20' },
    startedAt: '2026-01-01T00:00:00.000Z',
    durationSeconds: 300,
    plan: { repetitions: 3 },
    ...measured,
    background: { otherCpuShare: 0.1, loadAverage: [1, 2] },
    timedWithSessions: 1_000,
    targets: checkTargets(measured),
  };
}

describe('benchmark report', () => {
  it('reports medians across repetitions, per target and load', () => {
    const { toServiceNow } = inputs(400);
    assert.equal(toServiceNow.saturation.bot.throughput, 402);
    assert.equal(toServiceNow.saturation.floor.throughput, 1002);
    assert.equal(toServiceNow.loads[1]?.bot.delivery?.p50, 37.5);
    assert.equal(toServiceNow.saturation.bot.repetitions, 3);
  });

  it('checks each target against the figures, and says which are not met', () => {
    const met = (name: string, throughput: number, baseline?: Baseline): boolean | undefined =>
      checkTargets(inputs(throughput), baseline).find((t) => t.name.startsWith(name))?.met;
    assert.equal(met('Teams → ServiceNow throughput', 400), true);
    assert.equal(met('Teams → ServiceNow throughput', 100), false);
    assert.equal(met('Store ops per callback', 400), false);
    assert.equal(met('Store ops per Teams → ServiceNow message', 400), false);
    assert.equal(met('ServiceNow → Teams bot CPU per callback', 400), true);
    assert.equal(met('Teams → ServiceNow bot CPU per message', 400), true);
    assert.equal(met('RSS with 10000 open sessions', 400), true);
    assert.equal(met('Availability checks cached', 400), true);
    // The speed-up needs an earlier run to compare with.
    const speedUp = 'ServiceNow → Teams throughput at saturation';
    assert.equal(met(speedUp, 400), false);
    assert.equal(met(speedUp, 400, inputs(200)), true);
    assert.equal(met(speedUp, 400, inputs(300)), false);
  });

  it('prints an earlier run beside this one, with the ratio', () => {
    const markdown = markdownReport(
      { ...results(400), commit: 'abc1234' },
      { ...inputs(200), commit: '0ff1ce0', startedAt: '2025-12-01T00:00:00.000Z' },
    );
    assert.match(markdown, /Beside an earlier run\*\* \(`0ff1ce0` of 2025-12-01/);
    assert.match(markdown, /\| ServiceNow → Teams msg\/s \| 202 \| 402 \| ×1\.99 \|/);
    assert.match(
      markdown,
      /\| Teams → ServiceNow bot heap allocated KB\/msg \| 200 \| 200 \| ×1 \|/,
    );
    assert.match(markdown, /Benchmark of `abc1234` /);
  });

  it("names the bot's Node beside the benchmark's when they differ", () => {
    const base = results(400);
    const markdown = markdownReport({ ...base, machine: { ...base.machine, botNode: 'v22.23.5' } });
    assert.match(
      markdown,
      /Linux, the bot and the floor on Node v22\.23\.5 \(the benchmark on v20\); /,
    );
  });

  it('prints bot and floor side by side, with the machine and every target', () => {
    const markdown = markdownReport(results(400));
    assert.match(
      markdown,
      /\| Teams → ServiceNow \| 402 \| 1,002 \| 40\.1% \| 1\.5 \| 0\.3 \| 0\.2 \| 7\.5 \|/,
    );
    // Garbage collection: medians per message, collections counted over the three repetitions.
    assert.match(
      markdown,
      /\| ServiceNow → Teams \| saturation \| 200 \| 20 \| 0\.1 \| 30 \/ 3 \|/,
    );
    assert.match(
      markdown,
      /\| Teams → ServiceNow \| 100 msg\/s \| 200 \| 20 \| 0\.1 \| 30 \/ 3 \|/,
    );
    assert.match(markdown, /Test <CPU> & co \(2 cores/);
    assert.match(markdown, /, Linux, Node v20; 300 s\./);
    assert.match(markdown, /open loop, with 1,000 open sessions/);
    assert.match(markdown, /whole run \(per second\) \| – \| – \| sessions\.query 0\.4 \|/);
    assert.match(markdown, /\| 10,000 \| 9,900 \| 230 \| 410 \| 52 \|/);
    assert.equal(markdown.match(/\| (yes|no) \|$/gm)?.length, 12);
    assert.match(
      markdown,
      /\| Teams → ServiceNow bot CPU per message \| ≤ 1\.5 ms \| 1\.5 ms \(7\.5 floor CPUs\) \|/,
    );
  });

  it('draws bot and floor latency against offered load as an SVG, escaping text', () => {
    const svg = latencyChart(results(400));
    assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
    assert.ok(svg.trimEnd().endsWith('</svg>'));
    assert.equal(svg.match(/<polyline /g)?.length, 8);
    assert.ok(svg.includes('Test &#60;CPU&#62; &#38; co'));
    assert.ok(!svg.includes('NaN'));
  });
});
