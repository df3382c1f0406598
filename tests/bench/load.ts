// The two ways load is offered. Open loop: a fixed schedule that does not slow down when the
// system does, with latency measured from each message's scheduled time (no coordinated
// omission). Closed loop: a fixed number of messages in flight, to find throughput at saturation.
import type { Arrivals } from './arrivals.js';
import { monotonicMs, sleep } from './clock.js';

/** One message: its key (id or marker) and how to send it; resolves to the HTTP status. */
export interface Exchange {
  readonly key: string;
  send(): Promise<number>;
}

export interface Shot {
  readonly key: string;
  readonly scheduledAt: number;
  readonly ackAt: number;
  readonly status: number;
}

export interface OpenLoopOptions {
  readonly rate: number;
  readonly durationMs: number;
  readonly exchange: (seq: number) => Exchange;
}

/** Sends `rate` messages per second for `durationMs`, on schedule; resolves once all were answered. */
export async function openLoop(options: OpenLoopOptions): Promise<Shot[]> {
  const count = Math.max(1, Math.round((options.rate * options.durationMs) / 1000));
  const interval = 1000 / options.rate;
  const start = monotonicMs() + 5;
  const shots: Promise<Shot>[] = [];
  for (let seq = 0; seq < count;) {
    const now = monotonicMs();
    for (; seq < count && start + seq * interval <= now; seq++) {
      shots.push(fire(options.exchange(seq), start + seq * interval));
    }
    if (seq < count) await sleep(start + seq * interval - monotonicMs());
  }
  return Promise.all(shots);
}

async function fire(exchange: Exchange, scheduledAt: number): Promise<Shot> {
  const status = await exchange.send();
  return { key: exchange.key, scheduledAt, ackAt: monotonicMs(), status };
}

export interface ClosedLoopOptions {
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly exchange: (seq: number) => Exchange;
  /** A message is complete when acknowledged and arrived; waits for arrival are bounded by this. */
  readonly arrivals: Arrivals;
  readonly arrivalTimeoutMs: number;
  /** Stop after this many messages even if time remains. */
  readonly limit?: number;
}

export interface ClosedLoopResult {
  readonly sent: number;
  /** Answered with a non-2xx status, or not at all. */
  readonly errors: number;
  /** Keys of the messages acknowledged with a 2xx. */
  readonly okKeys: readonly string[];
  /** Completed (acknowledged and arrived) within the measured window, after the warm-up. */
  readonly completedInWindow: number;
  readonly windowMs: number;
}

/** Keeps `concurrency` messages in flight, each one complete only once it arrived on the far side. */
export async function closedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const windowStart = monotonicMs() + options.warmupMs;
  const end = windowStart + options.durationMs;
  const okKeys: string[] = [];
  let errors = 0;
  let completedInWindow = 0;
  let seq = 0;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const worker = async (): Promise<void> => {
    while (seq < limit && monotonicMs() < end) {
      const exchange = options.exchange(seq++);
      const status = await exchange.send();
      if (status < 200 || status >= 300) {
        errors++;
        continue;
      }
      okKeys.push(exchange.key);
      const arrived = await options.arrivals.wait(exchange.key, options.arrivalTimeoutMs);
      const done = monotonicMs();
      if (arrived && done >= windowStart && done <= end) completedInWindow++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { sent: seq, errors, okKeys, completedInWindow, windowMs: options.durationMs };
}
