// The benchmark's procedures beyond single phases: warm-up, counting store operations per relayed
// message, the availability cache, and memory as the number of open sessions grows.
import { pollUntil, sleep } from './clock.js';
import { Direction, saturationPhase, type PhaseContext, type Target } from './phases.js';
import { readMemory, readRss, type MemoryReading } from './heap.js';
import { seedSessions, type SeedTargets } from './seed.js';
import { diffCounts, perMessage, type OpCounts, type OpsPerMessage } from './store-ops.js';
import { benchSession, userActivity, type BenchSession } from './traffic.js';
import type { Bench } from './setup.js';

const SETTLE_TIMEOUT_MS = 5_000;
/** Bound on sending one message each way for every new session of a memory level (per direction). */
const EXERCISE_LIMIT_MS = 60_000;

export function seedTargets(bench: Bench): SeedTargets {
  return {
    store: bench.store,
    client: bench.client,
    simulatorUrl: bench.simulatorUrl,
    snowAuthorization: bench.snowAuthorization,
    serviceUrl: bench.serviceUrl,
  };
}

/**
 * Opens `sessions` through the bot's store module and the VA API (as the bot would), and returns
 * the context the phases run in, with those sessions.
 */
export async function openedContext(bench: Bench, sessions: BenchSession[]): Promise<PhaseContext> {
  await seedSessions(seedTargets(bench), sessions);
  return {
    client: bench.client,
    arrivals: bench.arrivals,
    sessions,
    serviceUrl: bench.serviceUrl,
    webhookAuthorization: bench.webhookAuthorization,
    storePid: bench.storeProcess.pid,
    cursor: { phase: 0, session: 0 },
  };
}

/** Runs each direction through `target` for a while so that JIT and connection pools settle. */
export async function warmUp(ctx: PhaseContext, target: Target, durationMs: number): Promise<void> {
  for (const direction of Object.values(Direction)) {
    await saturationPhase(ctx, direction, target, { concurrency: 16, warmupMs: 0, durationMs });
  }
}

export interface StoreOpsResult extends OpsPerMessage {
  readonly messages: number;
}

/** The store's request counts once they stopped changing (deletes may follow a delivery). */
async function settledCounts(bench: Bench): Promise<OpCounts> {
  const counts = (): Promise<OpCounts> => bench.storeProcess.call<OpCounts>('counts');
  let last = await counts();
  await pollUntil(
    async () => {
      await sleep(250);
      const now = await counts();
      const settled = JSON.stringify(now) === JSON.stringify(last);
      last = now;
      return settled;
    },
    SETTLE_TIMEOUT_MS,
    0,
  );
  return last;
}

/** Sends `messages` messages one direction through the bot, a few at a time, and counts what the store served. */
export async function countStoreOps(
  ctx: PhaseContext,
  bench: Bench,
  direction: Direction,
  messages: number,
): Promise<StoreOpsResult> {
  const before = await settledCounts(bench);
  const load = { concurrency: 4, warmupMs: 0, durationMs: 60_000, limit: messages };
  const phase = await saturationPhase(ctx, direction, bench.bot, load);
  const after = await settledCounts(bench);
  const delivered = phase.sent - phase.errors - phase.lost;
  return { messages: delivered, ...perMessage(diffCounts(before, after), delivered) };
}

/** What the store serves per second with no traffic at all (periodic sweeps, if any). */
export async function idleStoreOps(bench: Bench, durationMs: number): Promise<OpCounts> {
  const before = await settledCounts(bench);
  await sleep(durationMs);
  const after = await bench.storeProcess.call<OpCounts>('counts');
  const diff = diffCounts(before, after);
  for (const key of Object.keys(diff)) diff[key] = ((diff[key] ?? 0) * 1000) / durationMs;
  return diff;
}

export interface AvailabilityResult {
  /** Users who clicked Get Help (each one triggers an availability check in the dialog). */
  readonly checks: number;
  /** Of those, how many got the dialog's answer within the wait. */
  readonly answered: number;
  /** Reads of awa_agent_presence_capacity that ServiceNow served meanwhile. */
  readonly presenceReads: number;
}

/** `users` new users write to the bot and click Get Help, one after another. */
export async function checkAvailabilityCache(
  bench: Bench,
  users: number,
): Promise<AvailabilityResult> {
  const reads = async (): Promise<number> =>
    (await bench.simulator.call<Record<string, number>>('tableReads'))
      .awa_agent_presence_capacity ?? 0;
  const before = await reads();
  let answered = 0;
  for (let i = 0; i < users; i++) {
    const user = benchSession(100_000 + i);
    const replies = (): Promise<number> =>
      bench.connector.call<number>('unmarked', user.conversationId);
    const post = (text: string, value?: unknown): Promise<unknown> =>
      bench.client.post(`${bench.bot.url}/api/messages`, {
        ...userActivity(user, bench.serviceUrl, `avail-${i}-${text}`, text),
        ...(value === undefined ? {} : { value }),
      });
    await post('My VPN keeps disconnecting');
    const carded = await pollUntil(async () => (await replies()) >= 1, SETTLE_TIMEOUT_MS);
    const seen = await replies();
    await post('', { action: 'getHelp' });
    if (carded && (await pollUntil(async () => (await replies()) > seen, SETTLE_TIMEOUT_MS)))
      answered++;
  }
  return { checks: users, answered, presenceReads: (await reads()) - before };
}

export interface MemoryPoint extends MemoryReading {
  readonly sessions: number;
  /** Of the sessions opened for this level, how many got a message each way within the bound. */
  readonly exercised: number;
}

/** The load each memory level is exercised with. */
const EXERCISE_CONCURRENCY = 64;

/**
 * Opens sessions up to each level, sends one message each way for every new session, then reads
 * the bot's resident memory and, with `snapshot`, its live heap (from a heap snapshot, whose own
 * memory stays in the process: later levels then read too high). Returns the readings; `open`
 * ends with all sessions.
 */
export async function memoryLadder(
  ctx: PhaseContext,
  bench: Bench,
  levels: readonly number[],
  open: BenchSession[],
  progress: (step: string) => void,
  snapshot: boolean,
): Promise<MemoryPoint[]> {
  const points: MemoryPoint[] = [];
  for (const level of levels) {
    const added = Array.from({ length: Math.max(0, level - open.length) }, (_, i) =>
      benchSession(open.length + i),
    );
    progress(`opening ${added.length} more sessions, then one message each way for each`);
    await seedSessions(seedTargets(bench), added);
    open.push(...added);
    const fresh = { ...ctx, sessions: added.length > 0 ? added : open };
    ctx.cursor.session = 0;
    const limit = fresh.sessions.length;
    let exercised = limit;
    for (const direction of Object.values(Direction)) {
      const load = {
        concurrency: EXERCISE_CONCURRENCY,
        warmupMs: 0,
        durationMs: EXERCISE_LIMIT_MS,
        limit,
      };
      const phase = await saturationPhase(fresh, direction, bench.bot, load);
      exercised = Math.min(exercised, phase.sent - phase.errors - phase.lost);
    }
    const memory = snapshot
      ? await readMemory(bench.bot.pid, bench.botWorkDir)
      : readRss(bench.bot.pid);
    points.push({ sessions: open.length, exercised, ...memory });
  }
  return points;
}
