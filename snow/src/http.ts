// The one HTTP client a ServiceNow client uses: fixed base URL, Basic auth, explicit timeout, JSON,
// no cookies, and a retry policy that only ever repeats idempotent reads. Status codes come back
// as values so each API decides what they mean (a v1 Table API 404 is "no rows", not an error).
import got, { RequestError, type Got } from 'got';
import {
  SnowAuthError,
  SnowBadResponseError,
  SnowRateLimitedError,
  SnowRejectedError,
  SnowUnavailableError,
  type SnowError,
} from './errors.js';
import { parseInstanceUrl } from './instance-url.js';

export interface RetryPolicy {
  /** Retries after the first attempt (GET only). */
  readonly limit: number;
  /** First backoff when ServiceNow sends no Retry-After; doubles on each retry. */
  readonly baseDelayMs: number;
  /** Upper bound for any wait, Retry-After included: a longer Retry-After is not waited for. */
  readonly maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { limit: 2, baseDelayMs: 500, maxDelayMs: 5000 };

export const defaultTimeoutMs = 10_000;

export interface SnowHttpOptions {
  readonly instanceUrl: string;
  readonly username: string;
  readonly password: string;
  readonly timeoutMs?: number;
  readonly retry?: RetryPolicy;
}

export interface HttpResult {
  readonly status: number;
  /** The parsed JSON body; undefined when the body is empty or not JSON. */
  readonly body: unknown;
  /** From `Retry-After` (seconds or an HTTP date), when present. */
  readonly retryAfterMs: number | undefined;
}

export class SnowHttp {
  /** The instance's base URL, always ending with `/`. */
  readonly instanceUrl: URL;
  private readonly client: Got;

  constructor(options: SnowHttpOptions) {
    this.instanceUrl = parseInstanceUrl(options.instanceUrl);
    const retry = options.retry ?? defaultRetryPolicy;
    const credentials = Buffer.from(`${options.username}:${options.password}`).toString('base64');
    this.client = got.extend({
      prefixUrl: this.instanceUrl.href,
      timeout: { request: options.timeoutMs ?? defaultTimeoutMs },
      headers: { accept: 'application/json', authorization: `Basic ${credentials}` },
      // Status codes are mapped by the caller; redirects would carry credentials elsewhere.
      throwHttpErrors: false,
      followRedirect: false,
      responseType: 'text',
      retry: {
        limit: retry.limit,
        // VA API posts are not idempotent: a repeat would send the user's message twice.
        methods: ['GET'],
        statusCodes: [429, 502, 503, 504],
        maxRetryAfter: retry.maxDelayMs,
        calculateDelay: ({ attemptCount, retryAfter, computedValue }) => {
          // computedValue 0 means got's own rules (limit, method, status, bound) say no retry.
          if (computedValue === 0) return 0;
          if (retryAfter !== undefined && retryAfter > 0) return retryAfter;
          return Math.min(retry.baseDelayMs * 2 ** (attemptCount - 1), retry.maxDelayMs);
        },
      },
    });
  }

  /** GET `path` (relative to the instance URL); `operation` names the call in error messages. */
  get(operation: string, path: string, searchParams: Record<string, string>): Promise<HttpResult> {
    return this.send(operation, () => this.client.get(path, { searchParams }));
  }

  /** POST `json` to `path`; never retried. */
  post(
    operation: string,
    path: string,
    json: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<HttpResult> {
    return this.send(operation, () => this.client.post(path, { json, headers }));
  }

  private async send(
    operation: string,
    request: () => Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }>,
  ): Promise<HttpResult> {
    try {
      const response = await request();
      const retryAfter = response.headers['retry-after'];
      return {
        status: response.statusCode,
        body: parseJson(response.body),
        retryAfterMs: parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : undefined),
      };
    } catch (err) {
      if (!(err instanceof RequestError)) throw err;
      // got's error carries the request options (headers with credentials): keep only the
      // underlying network error as the cause.
      const cause = err.cause instanceof Error ? err.cause : new Error(err.code);
      const message = `${operation}: ServiceNow could not be reached (${err.code})`;
      throw new SnowUnavailableError(message, undefined, { cause });
    }
  }
}

/** The error for a response the caller did not expect, by status. */
export function errorForStatus(operation: string, result: HttpResult): SnowError {
  const { status } = result;
  const message = `${operation}: ServiceNow answered HTTP ${status}`;
  if (status === 401 || status === 403) return new SnowAuthError(message, status);
  if (status === 429) return new SnowRateLimitedError(message, result.retryAfterMs);
  if (status === 400) return new SnowRejectedError(message, status);
  if (status >= 500) return new SnowUnavailableError(message, status);
  return new SnowBadResponseError(message, status);
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON (e.g. a login page or a hibernating instance): the caller reports a bad response.
    return undefined;
  }
}

/** Retry-After is seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
