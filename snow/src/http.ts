// The one HTTP client a ServiceNow client uses: fixed base URL, Basic or OAuth authentication,
// explicit connect, response and overall timeouts, no cookies, no redirects, and retries that
// never repeat a request ServiceNow may have acted on (see retry.ts). Status codes come back as
// values so each API decides what they mean (a v1 Table API 404 is "no rows", not an error).
// JSON calls go through exchange.ts (got's stream API), uploads and downloads through got's own.
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import got, { RequestError, type Got, type NormalizedOptions } from 'got';
import { BasicAuthorizer, OAuthClientCredentialsAuthorizer, type Authorizer } from './auth.js';
import {
  SnowAuthError,
  SnowBadResponseError,
  SnowConfigError,
  SnowRateLimitedError,
  SnowRejectedError,
  SnowUnavailableError,
  type SnowError,
} from './errors.js';
import { exchange, type RawResponse } from './exchange.js';
import { parseInstanceUrl } from './instance-url.js';
import { ServiceNowTokenSource, type OAuthClient } from './oauth.js';
import {
  defaultRetryPolicy,
  neverSent,
  parseRetryAfter,
  retriesFailure,
  retriesStatus,
  retryDelay,
  type RetryMode,
  type RetryPolicy,
} from './retry.js';

/**
 * Empties got's cache options (unused: no request here is cached) just before each request.
 * got copies them into the options it hands to Node's `http.request`, as the first spread of an
 * object literal with some forty more properties, and on Node 20 a literal that starts with a
 * non-empty spread builds fresh hidden classes on every call. Measured on a loopback POST loop at
 * 200 requests a second through got's stream API (see exchange.ts), a request allocated 92 KB and
 * promoted 11.8 KB to the old generation with the cache options, 70 KB and 0.3 KB without. The
 * bot's old-generation collections are what delay a few messages at a time at low load.
 */
export function dropCacheOptions(options: Pick<NormalizedOptions, 'cacheOptions'>): void {
  options.cacheOptions = {};
}

/** Basic auth with a ServiceNow user, or an OAuth client (client-credentials grant). */
export type SnowCredentials =
  | { readonly username: string; readonly password: string; readonly oauth?: undefined }
  | { readonly oauth: OAuthClient; readonly username?: undefined; readonly password?: undefined };

export interface SnowTimeouts {
  /** DNS lookup, TCP connect and TLS handshake, each; default 5 000 ms. */
  readonly connectMs?: number;
  /** From the request fully sent to the response headers; default 10 000 ms. */
  readonly responseMs?: number;
  /** One whole attempt, first byte to last; default 15 000 ms. */
  readonly requestMs?: number;
}

export const defaultTimeouts: Required<SnowTimeouts> = {
  connectMs: 5000,
  responseMs: 10_000,
  requestMs: 15_000,
};

export type SnowHttpOptions = SnowCredentials & {
  readonly instanceUrl: string;
  readonly timeouts?: SnowTimeouts;
  /** Shorthand for `timeouts.requestMs`. */
  readonly timeoutMs?: number;
  readonly retry?: RetryPolicy;
  /** Jitter source; tests make backoff predictable with it. */
  readonly random?: () => number;
  /** How a backoff is waited out; tests observe retries with it. */
  readonly wait?: (ms: number) => Promise<void>;
  readonly now?: () => number;
};

export interface HttpResult {
  readonly status: number;
  /** The parsed JSON body; undefined when the body is empty or not JSON. */
  readonly body: unknown;
  /** From `Retry-After` (seconds or an HTTP date), when present. */
  readonly retryAfterMs: number | undefined;
}

export type StreamHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** A streamed answer: the caller reads (or destroys) `body`. */
export interface StreamResult {
  readonly status: number;
  readonly headers: StreamHeaders;
  readonly body: Readable;
}

interface Call {
  readonly operation: string;
  readonly mode: RetryMode;
  readonly send: (authorization: string) => Promise<RawResponse>;
}

export class SnowHttp {
  /** The instance's base URL, always ending with `/`. */
  readonly instanceUrl: URL;
  private readonly client: Got;
  private readonly auth: Authorizer;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  private readonly wait: (ms: number) => Promise<void>;

  constructor(options: SnowHttpOptions) {
    this.instanceUrl = parseInstanceUrl(options.instanceUrl);
    this.retry = options.retry ?? defaultRetryPolicy;
    this.random = options.random ?? Math.random;
    this.wait = options.wait ?? ((ms) => sleep(ms));
    const t = { ...defaultTimeouts, ...options.timeouts };
    const requestMs = options.timeoutMs ?? t.requestMs;
    this.client = got.extend({
      prefixUrl: this.instanceUrl.href,
      timeout: {
        lookup: t.connectMs,
        connect: t.connectMs,
        secureConnect: t.connectMs,
        response: t.responseMs,
        request: requestMs,
      },
      headers: { accept: 'application/json' },
      // Status codes are mapped by the caller; redirects would carry credentials elsewhere.
      throwHttpErrors: false,
      followRedirect: false,
      responseType: 'text',
      // Retries are decided here, per kind of call, not by got.
      retry: { limit: 0 },
      hooks: { beforeRequest: [dropCacheOptions] },
    });
    this.auth = authorizerFor(options, this.client);
  }

  /** GET `path` (relative to the instance URL), retried on anything transient. */
  get(operation: string, path: string, searchParams: Record<string, string>): Promise<HttpResult> {
    return this.call({
      operation,
      mode: 'idempotent',
      send: (authorization) =>
        exchange(this.client, path, { method: 'GET', searchParams, headers: { authorization } }),
    });
  }

  /**
   * GET `path` once, bounded by `timeoutMs` overall and never retried: for calls that must not
   * hold anything up (the knowledge search before a chat). A refused OAuth token still gets one
   * fresh token, as with every call.
   */
  getOnce(
    operation: string,
    path: string,
    searchParams: Record<string, string>,
    timeoutMs: number,
  ): Promise<HttpResult> {
    const bound = Math.max(1, Math.round(timeoutMs));
    return this.call({
      operation,
      mode: 'once',
      send: (authorization) =>
        exchange(this.client, path, {
          method: 'GET',
          searchParams,
          headers: { authorization },
          timeout: { lookup: bound, connect: bound, secureConnect: bound, request: bound },
        }),
    });
  }

  /**
   * POST the exact bytes of `body` (JSON) to `path`. Repeated only when ServiceNow provably did
   * not act on it; a repeat sends the very same bytes, so ids and signatures stay the same.
   */
  post(
    operation: string,
    path: string,
    body: string,
    headers: Record<string, string> = {},
  ): Promise<HttpResult> {
    return this.call({
      operation,
      mode: 'notDelivered',
      send: (authorization) =>
        exchange(this.client, path, {
          method: 'POST',
          body,
          headers: { ...headers, 'content-type': 'application/json', authorization },
        }),
    });
  }

  /** PATCH `path` with the JSON `body`; repeated only when ServiceNow provably did not act on it. */
  patch(operation: string, path: string, body: string): Promise<HttpResult> {
    return this.call({
      operation,
      mode: 'notDelivered',
      send: (authorization) =>
        exchange(this.client, path, {
          method: 'PATCH',
          body,
          headers: { 'content-type': 'application/json', authorization },
        }),
    });
  }

  /**
   * POST a streamed body (a file upload) to `path`, once: a stream cannot be replayed, so the
   * caller decides whether to start again from the source. The JSON answer comes back as a value.
   */
  async postStream(
    operation: string,
    path: string,
    body: Readable,
    headers: Record<string, string>,
  ): Promise<HttpResult> {
    const authorization = await this.auth.header();
    const outcome = await this.attempt(() =>
      this.client.post(path, {
        body,
        headers: { ...headers, authorization },
        // A large file takes longer than a JSON call: only the idle bounds apply.
        timeout: { request: undefined },
      }),
    );
    if (outcome instanceof RequestError) throw unreachable(operation, outcome);
    return outcome;
  }

  /**
   * GET a file from the instance as a stream, with the client's credentials. Only paths on the
   * instance: a URL elsewhere must never get ServiceNow's credentials.
   */
  async getStream(operation: string, path: string): Promise<StreamResult> {
    const authorization = await this.auth.header();
    const stream = this.client.stream.get(path, {
      headers: { authorization, accept: '*/*' },
      timeout: { request: undefined },
    });
    return new Promise<StreamResult>((resolve, reject) => {
      stream.once('response', (response: { statusCode: number; headers: StreamHeaders }) => {
        resolve({ status: response.statusCode, headers: response.headers, body: stream });
      });
      stream.once('error', (err: Error) => {
        reject(err instanceof RequestError ? unreachable(operation, err) : err);
      });
    });
  }

  private async call(call: Call): Promise<HttpResult> {
    let retries = 0;
    let refreshedAuth = false;
    for (;;) {
      const authorization = await this.auth.header();
      const outcome = await this.attempt(() => call.send(authorization));
      if (!(outcome instanceof RequestError)) {
        // A refused token was not acted on: one fresh token, one more try, whatever the mode.
        if (outcome.status === 401 && !refreshedAuth && this.auth.refused(authorization)) {
          refreshedAuth = true;
          continue;
        }
        if (!retriesStatus(call.mode, outcome.status) || retries >= this.retry.limit) {
          return outcome;
        }
        const delay = retryDelay(this.retry, retries + 1, outcome.retryAfterMs, this.random);
        if (delay === undefined) return outcome;
        await this.wait(delay);
      } else {
        if (!retriesFailure(call.mode, outcome) || retries >= this.retry.limit) {
          throw unreachable(call.operation, outcome);
        }
        await this.wait(retryDelay(this.retry, retries + 1, undefined, this.random) ?? 0);
      }
      retries++;
    }
  }

  private async attempt(send: () => Promise<RawResponse>): Promise<HttpResult | RequestError> {
    try {
      const response = await send();
      const retryAfter = response.headers['retry-after'];
      return {
        status: response.statusCode,
        body: parseJson(response.body),
        retryAfterMs: parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : undefined),
      };
    } catch (err) {
      if (err instanceof RequestError) return err;
      throw err;
    }
  }
}

function authorizerFor(options: SnowHttpOptions, client: Got): Authorizer {
  if (options.oauth !== undefined) {
    const { clientId, clientSecret } = options.oauth;
    // Checked at run time too: configuration is not always type-checked.
    const alsoBasic = (options as { username?: unknown }).username !== undefined;
    if (clientId === '' || clientSecret === '' || alsoBasic) {
      throw new SnowConfigError('Configure either an OAuth client or a user name and password');
    }
    return new OAuthClientCredentialsAuthorizer(
      new ServiceNowTokenSource(client, options.oauth),
      options.now,
    );
  }
  if (typeof options.username !== 'string' || typeof options.password !== 'string') {
    throw new SnowConfigError('ServiceNow credentials are missing');
  }
  return new BasicAuthorizer(options.username, options.password);
}

/** got's error carries the request options (headers with credentials): keep only the cause. */
function unreachable(operation: string, err: RequestError): SnowUnavailableError {
  const cause = err.cause instanceof Error ? err.cause : new Error(err.code);
  const message = `${operation}: ServiceNow could not be reached (${err.code})`;
  return new SnowUnavailableError(message, undefined, { cause, safeToRetry: neverSent(err) });
}

/** The error for a response the caller did not expect, by status. */
export function errorForStatus(operation: string, result: HttpResult): SnowError {
  const { status } = result;
  const message = `${operation}: ServiceNow answered HTTP ${status}`;
  if (status === 401 || status === 403) return new SnowAuthError(message, status);
  if (status === 429) return new SnowRateLimitedError(message, result.retryAfterMs);
  if (status === 400) return new SnowRejectedError(message, status);
  if (status >= 500) {
    // 503 is ServiceNow refusing work; after a 500, 502 or 504 it may have acted.
    return new SnowUnavailableError(message, status, { safeToRetry: status === 503 });
  }
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

export { parseRetryAfter } from './retry.js';
