// One measured phase: a direction (Teams → ServiceNow or ServiceNow → Teams), a target (the bot or
// the floor) and a load (fixed rate, or saturation), summarised as latency, throughput and CPU.
import type { Arrivals } from './arrivals.js';
import { pollUntil } from './clock.js';
import { gcBetween, gcPerMessage, type GcPerMessage, type GcReading } from './gc.js';
import type { LoadClient } from './http-client.js';
import { closedLoop, openLoop, type Exchange, type Shot } from './load.js';
import { marker } from './markers.js';
import { cpuMs } from './procstat.js';
import { summarize, type LatencySummary } from './stats.js';
import { agentMessage, userActivity, type BenchSession } from './traffic.js';

export const Direction = { toServiceNow: 'toServiceNow', toTeams: 'toTeams' } as const;
export type Direction = (typeof Direction)[keyof typeof Direction];

export interface Target {
  readonly name: 'bot' | 'floor';
  readonly url: string;
  readonly pid: number;
  /** Its garbage collections since the last call (the bot only: see gc-probe.mjs). */
  readonly gcReading?: () => Promise<GcReading>;
}

/** What every phase needs; `cursor` hands out phase numbers and sessions in rotation. */
export interface PhaseContext {
  readonly client: LoadClient;
  readonly arrivals: Arrivals;
  readonly sessions: readonly BenchSession[];
  readonly serviceUrl: string;
  readonly webhookAuthorization: string;
  readonly storePid: number;
  readonly cursor: { phase: number; session: number };
}

/** Longest wait for messages still on their way after the load stopped. */
const DRAIN_TIMEOUT_MS = 20_000;

/** Messages of a new phase: one per sequence number, each to the next session in rotation. */
export function exchangeFor(ctx: PhaseContext, direction: Direction, target: Target) {
  const phase = ++ctx.cursor.phase;
  return (seq: number): Exchange => {
    const session = ctx.sessions[ctx.cursor.session++ % ctx.sessions.length];
    if (session === undefined) throw new Error('no sessions to send to');
    const key = marker(phase, seq);
    if (direction === Direction.toServiceNow) {
      const activity = userActivity(session, ctx.serviceUrl, key, `VPN drops again (${key})`);
      return {
        key,
        send: async () => (await ctx.client.post(`${target.url}/api/messages`, activity)).status,
      };
    }
    const callback = agentMessage(session, `Please restart the VPN client (${key}).`);
    const headers = { authorization: ctx.webhookAuthorization };
    return {
      key,
      send: async () =>
        (await ctx.client.post(`${target.url}/api/servicenow/messages`, callback, headers)).status,
    };
  };
}

export interface PhaseResult {
  readonly direction: Direction;
  readonly target: Target['name'];
  /** Offered messages per second; undefined at saturation (closed loop). */
  readonly offered?: number;
  readonly sent: number;
  /** Answered with a non-2xx status, or not at all. */
  readonly errors: number;
  /** Acknowledged but never seen on the far side within the drain time. */
  readonly lost: number;
  /** Messages per second that arrived on the far side. */
  readonly throughput: number;
  readonly ack?: LatencySummary;
  readonly delivery?: LatencySummary;
  /** CPU time of the target process per delivered message. */
  readonly cpuMsPerMessage: number;
  /** CPU time of the store process per delivered message. */
  readonly storeCpuMsPerMessage: number;
  /** The target's garbage collection per delivered message (where it reports it). */
  readonly gc?: GcPerMessage;
}

/** What a phase's figures are counted from: CPU times so far (ms) of the target and the store. */
interface PhaseStart {
  readonly target: number;
  readonly store: number;
  /** The target's heap in use when the phase started. */
  readonly heapUsed?: number;
}

async function phaseStart(ctx: PhaseContext, target: Target): Promise<PhaseStart> {
  // The reading goes first: what the bot spends answering it falls outside the phase.
  const heapUsed = (await target.gcReading?.())?.usedNow;
  return {
    target: cpuMs(target.pid),
    store: cpuMs(ctx.storePid),
    ...(heapUsed === undefined ? {} : { heapUsed }),
  };
}

async function perMessageSince(
  ctx: PhaseContext,
  target: Target,
  from: PhaseStart,
  delivered: number,
): Promise<Pick<PhaseResult, 'cpuMsPerMessage' | 'storeCpuMsPerMessage' | 'gc'>> {
  const to = { target: cpuMs(target.pid), store: cpuMs(ctx.storePid) };
  const reading = await target.gcReading?.();
  const per = (a: number, b: number): number => (delivered > 0 ? (b - a) / delivered : Number.NaN);
  return {
    cpuMsPerMessage: per(from.target, to.target),
    storeCpuMsPerMessage: per(from.store, to.store),
    ...(reading === undefined || from.heapUsed === undefined
      ? {}
      : { gc: gcPerMessage(gcBetween(from.heapUsed, reading), delivered) }),
  };
}

/** Waits (bounded) until every acknowledged message arrived; returns how many did not. */
async function drain(ctx: PhaseContext, keys: readonly string[]): Promise<number> {
  const missing = (): number => keys.filter((k) => ctx.arrivals.at(k) === undefined).length;
  await pollUntil(() => missing() === 0, DRAIN_TIMEOUT_MS);
  return missing();
}

/** Open loop at `rate` messages per second for `durationMs`. */
export async function fixedRatePhase(
  ctx: PhaseContext,
  direction: Direction,
  target: Target,
  rate: number,
  durationMs: number,
): Promise<PhaseResult> {
  const mark = await phaseStart(ctx, target);
  const shots = await openLoop({ rate, durationMs, exchange: exchangeFor(ctx, direction, target) });
  const ok = shots.filter((s) => s.status >= 200 && s.status < 300);
  const lost = await drain(
    ctx,
    ok.map((s) => s.key),
  );
  const result = summariseShots(ctx, shots, ok);
  ctx.arrivals.forget(shots.map((s) => s.key));
  return {
    direction,
    target: target.name,
    offered: rate,
    sent: shots.length,
    errors: shots.length - ok.length,
    lost,
    ...result,
    ...(await perMessageSince(ctx, target, mark, ok.length - lost)),
  };
}

function summariseShots(ctx: PhaseContext, shots: readonly Shot[], ok: readonly Shot[]) {
  const delivery: number[] = [];
  let lastArrival = Number.NEGATIVE_INFINITY;
  for (const shot of ok) {
    const at = ctx.arrivals.at(shot.key);
    if (at === undefined) continue;
    delivery.push(at - shot.scheduledAt);
    lastArrival = Math.max(lastArrival, at);
  }
  const first = shots[0]?.scheduledAt ?? 0;
  const seconds = (lastArrival - first) / 1000;
  return {
    throughput: seconds > 0 ? delivery.length / seconds : 0,
    ack: summarize(ok.map((s) => s.ackAt - s.scheduledAt)),
    delivery: summarize(delivery),
  };
}

export interface ClosedLoad {
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly limit?: number;
}

/** Closed loop with `concurrency` messages in flight: throughput at saturation and CPU per message. */
export async function saturationPhase(
  ctx: PhaseContext,
  direction: Direction,
  target: Target,
  load: ClosedLoad,
): Promise<PhaseResult> {
  const mark = await phaseStart(ctx, target);
  const run = await closedLoop({
    ...load,
    exchange: exchangeFor(ctx, direction, target),
    arrivals: ctx.arrivals,
    arrivalTimeoutMs: DRAIN_TIMEOUT_MS,
  });
  const lost = await drain(ctx, run.okKeys);
  ctx.arrivals.forget(run.okKeys);
  return {
    direction,
    target: target.name,
    sent: run.sent,
    errors: run.errors,
    lost,
    throughput: (run.completedInWindow * 1000) / run.windowMs,
    ...(await perMessageSince(ctx, target, mark, run.okKeys.length - lost)),
  };
}
