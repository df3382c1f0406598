// Capped exponential backoff with jitter, within a time budget: how long to wait before the next
// attempt, and whether one more attempt still fits. A Retry-After from the other side wins over
// the computed wait, as long as it fits in the budget.

export interface BackoffPolicy {
  /** Wait before the first retry (before jitter); doubles on each retry. */
  readonly baseMs: number;
  /** Upper bound of the computed wait (a Retry-After may ask for more, within the budget). */
  readonly maxMs: number;
  /** Total time one item may take, attempts and waits together; beyond it the item is deferred. */
  readonly budgetMs: number;
  /** ± fraction of randomness, e.g. 0.2 for ±20 % (Microsoft's recommendation for Teams). */
  readonly jitter: number;
}

/** For Teams sends: Microsoft recommends exponential backoff with ±20 % jitter. */
export const teamsBackoff: BackoffPolicy = {
  baseMs: 500,
  maxMs: 8_000,
  budgetMs: 12_000,
  jitter: 0.2,
};

/** For VA API posts: the ServiceNow client retries a little itself; this is the outer loop. */
export const serviceNowBackoff: BackoffPolicy = {
  baseMs: 500,
  maxMs: 4_000,
  budgetMs: 10_000,
  jitter: 0.2,
};

export class Backoff {
  private retries = 0;
  private readonly started: number;

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
    /** When the budget started; by default now (several items may share one budget). */
    started?: number,
  ) {
    this.started = started ?? now();
  }

  /** The wait before the next attempt, or undefined when the budget does not allow one. */
  next(retryAfterMs?: number): number | undefined {
    this.retries += 1;
    const { baseMs, maxMs, jitter } = this.policy;
    const exponential = Math.min(baseMs * 2 ** (this.retries - 1), maxMs);
    const jittered = exponential * (1 - jitter + 2 * jitter * this.random());
    const wait = Math.round(retryAfterMs ?? jittered);
    const elapsed = this.now() - this.started;
    return elapsed + wait > this.policy.budgetMs ? undefined : wait;
  }
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
