// When a failed call may be sent again, and after how long. Reads (GET) are idempotent and are
// retried on anything transient. A Virtual Agent API post is not: a repeat would show the user's
// message to the agent twice, so it is repeated only when ServiceNow provably did not act on it.
import { TimeoutError, type RequestError } from 'got';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly limit: number;
  /** First backoff when ServiceNow sends no Retry-After; doubles on each retry, with jitter. */
  readonly baseDelayMs: number;
  /** Upper bound for any wait, Retry-After included: a longer Retry-After is not waited for. */
  readonly maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { limit: 2, baseDelayMs: 500, maxDelayMs: 5000 };

/**
 * `idempotent`: a read, safe to repeat. `notDelivered`: repeat only what ServiceNow did not act
 * on (the connection never opened, or it answered 429 or 503). `once`: never repeat.
 */
export type RetryMode = 'idempotent' | 'notDelivered' | 'once';

const retriedStatuses: Record<RetryMode, ReadonlySet<number>> = {
  idempotent: new Set([429, 502, 503, 504]),
  // 502 and 504 come from a proxy that may have passed the request on; 500 may be half done.
  notDelivered: new Set([429, 503]),
  // A call with a tight deadline of its own (the knowledge search): one attempt, whatever happens.
  once: new Set(),
};

// Before any byte of the request was written: no socket, no address, or no connection.
const notSentCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);
const notSentTimeouts = new Set(['lookup', 'connect', 'secureConnect']);

export function retriesStatus(mode: RetryMode, status: number): boolean {
  return retriedStatuses[mode].has(status);
}

/** Whether the request provably never reached ServiceNow (so sending it again is no duplicate). */
export function neverSent(error: RequestError): boolean {
  if (error instanceof TimeoutError) return notSentTimeouts.has(error.event);
  return notSentCodes.has(error.code);
}

export function retriesFailure(mode: RetryMode, error: RequestError): boolean {
  if (mode === 'once') return false;
  return mode === 'idempotent' || neverSent(error);
}

/**
 * The wait before retry number `retry` (1-based): ServiceNow's Retry-After when it sent one,
 * otherwise capped exponential backoff with "equal jitter" (half fixed, half random), so that
 * many clients refused at once do not come back at once. Undefined: do not retry, the wait
 * ServiceNow asks for is longer than the policy allows.
 */
export function retryDelay(
  policy: RetryPolicy,
  retry: number,
  retryAfterMs: number | undefined,
  random: () => number,
): number | undefined {
  if (retryAfterMs !== undefined) {
    return retryAfterMs > policy.maxDelayMs ? undefined : retryAfterMs;
  }
  const cap = Math.min(policy.baseDelayMs * 2 ** (retry - 1), policy.maxDelayMs);
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/** Retry-After is seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
