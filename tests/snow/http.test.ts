import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Options } from 'got';
import {
  SnowAuthError,
  SnowConfigError,
  SnowRateLimitedError,
  SnowUnavailableError,
} from '../../snow/src/errors.js';
import { SnowHttp, dropCacheOptions, parseRetryAfter } from '../../snow/src/http.js';
import type { RetryPolicy } from '../../snow/src/retry.js';
import { TableApi } from '../../snow/src/table-api.js';
import { VirtualAgentApi } from '../../snow/src/va-api.js';
import {
  RecordingServer,
  reachableStrings,
  rows,
  vaAccepted,
  type CannedResponse,
} from './support/recording-server.js';

const credentials = { username: 'svc.teams', password: 's3cret-Pa55' };
const fastRetry: RetryPolicy = { limit: 2, baseDelayMs: 5, maxDelayMs: 5000 };
const servers: RecordingServer[] = [];

async function serve(
  responses: CannedResponse | readonly CannedResponse[],
): Promise<RecordingServer> {
  const server = await RecordingServer.start(responses);
  servers.push(server);
  return server;
}

function clients(url: string, extra: { timeoutMs?: number; retry?: RetryPolicy } = {}) {
  const http = new SnowHttp({ instanceUrl: url, ...credentials, retry: fastRetry, ...extra });
  return { tables: new TableApi(http), va: new VirtualAgentApi({ http }) };
}

const ref = { clientSessionId: 'conv-1', userId: 'aad-1' };
const listOptions = { fields: ['sys_id'], limit: 1 };

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('SnowHttp', () => {
  it('authenticates every request with Basic auth and asks for JSON', async () => {
    const server = await serve(rows());
    await clients(server.url).tables.list('sys_user', listOptions);
    const [request] = server.requests;
    const expected = Buffer.from('svc.teams:s3cret-Pa55').toString('base64');
    assert.equal(request?.headers.authorization, `Basic ${expected}`);
    assert.equal(request.headers.accept, 'application/json');
  });

  it('keeps no cookies between requests', async () => {
    const server = await serve({ ...rows(), headers: { 'set-cookie': 'JSESSIONID=abc; Path=/' } });
    const { tables } = clients(server.url);
    await tables.list('sys_user', listOptions);
    await tables.list('sys_user', listOptions);
    assert.equal(server.requests.length, 2);
    assert.equal(server.requests[1]?.headers.cookie, undefined);
  });

  it('does not follow redirects, which would carry the credentials elsewhere', async () => {
    const server = await serve({ status: 302, headers: { location: 'http://127.0.0.1:9/login' } });
    await assert.rejects(clients(server.url).tables.list('sys_user', listOptions), {
      code: 'SNOW_BAD_RESPONSE',
    });
    assert.equal(server.requests.length, 1);
  });

  it('serves an instance under a path prefix', async () => {
    const server = await serve(rows());
    await clients(`${server.url}/sn`).tables.list('sys_user', listOptions);
    assert.equal(server.requests[0]?.path, '/sn/api/now/table/sys_user');
  });

  it('maps 401 and 403 to SnowAuthError', async () => {
    const server = await serve([
      { status: 401, body: { error: { message: 'User Not Authenticated' }, status: 'failure' } },
      { status: 403, body: { error: { message: 'ACL' }, status: 'failure' } },
    ]);
    const { tables } = clients(server.url);
    await assert.rejects(
      tables.list('sys_user', listOptions),
      (err) => err instanceof SnowAuthError && err.status === 401,
    );
    await assert.rejects(
      tables.list('sys_user', listOptions),
      (err) => err instanceof SnowAuthError && err.status === 403,
    );
    assert.equal(server.requests.length, 2, 'auth failures are not retried');
  });

  it('gives up after the timeout with SnowUnavailableError', async () => {
    const server = await serve({ hang: true });
    const { va } = clients(server.url, { timeoutMs: 100 });
    await assert.rejects(
      va.endChat(ref),
      (err) => err instanceof SnowUnavailableError && err.status === undefined,
    );
    assert.equal(server.requests.length, 1);
  });

  it('retries a GET that timed out', async () => {
    const server = await serve([{ hang: true }, rows({ sys_id: 'a' })]);
    const result = await clients(server.url, { timeoutMs: 100 }).tables.list(
      'sys_user',
      listOptions,
    );
    assert.deepEqual(result, [{ sys_id: 'a' }]);
    assert.equal(server.requests.length, 2);
  });

  it('maps a refused connection to SnowUnavailableError', async () => {
    const server = await RecordingServer.start(rows());
    const { url } = server;
    await server.close();
    await assert.rejects(clients(url).va.endChat(ref), SnowUnavailableError);
    await assert.rejects(clients(url).tables.list('sys_user', listOptions), SnowUnavailableError);
  });

  it('retries a GET on 503 at most twice, then reports SnowUnavailableError', async () => {
    const server = await serve({ status: 503, body: 'busy' });
    await assert.rejects(
      clients(server.url).tables.list('sys_user', listOptions),
      (err) => err instanceof SnowUnavailableError && err.status === 503,
    );
    assert.equal(server.requests.length, 3);
  });

  it('retries a GET on 429 after the Retry-After delay', async () => {
    const server = await serve([
      { status: 429, headers: { 'retry-after': '1' }, body: { status: 'failure' } },
      rows({ sys_id: 'a' }),
    ]);
    const started = Date.now();
    const result = await clients(server.url).tables.list('sys_user', listOptions);
    assert.deepEqual(result, [{ sys_id: 'a' }]);
    assert.equal(server.requests.length, 2);
    assert.ok(Date.now() - started >= 900, 'waited for Retry-After');
  });

  it('does not wait for a Retry-After beyond the bound and reports it', async () => {
    const server = await serve({
      status: 429,
      headers: { 'retry-after': '60' },
      body: { status: 'failure' },
    });
    await assert.rejects(
      clients(server.url).tables.list('sys_user', listOptions),
      (err) => err instanceof SnowRateLimitedError && err.retryAfterMs === 60_000,
    );
    assert.equal(server.requests.length, 1);
  });

  it('never retries a VA API POST that ServiceNow may have acted on (500, 502, 504)', async () => {
    for (const status of [500, 502, 504]) {
      const server = await serve([{ status }, vaAccepted]);
      await assert.rejects(
        clients(server.url).va.sendMessage({ ...ref, text: 'hello', clientMessageId: 'm1' }),
        (err) => err instanceof SnowUnavailableError && !err.safeToRetry,
      );
      assert.equal(server.requests.length, 1, `status ${status}`);
    }
  });

  it('retries a VA API POST that ServiceNow refused with 429 or 503, sending the same bytes', async () => {
    for (const response of [
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 503 },
    ] satisfies CannedResponse[]) {
      const server = await serve([response, vaAccepted]);
      await clients(server.url).va.sendMessage({ ...ref, text: 'hello', clientMessageId: 'm1' });
      assert.equal(server.requests.length, 2, `status ${response.status}`);
      assert.equal(server.requests[0]?.body, server.requests[1]?.body);
    }
  });

  it('keeps the credentials out of errors, their causes and their messages', async () => {
    const server = await serve({ hang: true });
    const error: unknown = await clients(server.url, { timeoutMs: 50 })
      .va.endChat(ref)
      .catch((e: unknown) => e);
    assert.ok(error instanceof SnowUnavailableError);
    const encoded = Buffer.from('svc.teams:s3cret-Pa55').toString('base64');
    for (const text of reachableStrings(error)) {
      assert.ok(
        !text.includes('s3cret-Pa55') && !text.includes(encoded),
        'credential leaked into the error',
      );
    }
  });

  it('refuses an instance URL that is not http(s) or carries credentials', () => {
    for (const instanceUrl of [
      'not a url',
      'ftp://example.com',
      'https://u:p@example.com',
      'https://x.com/?a=b',
    ]) {
      assert.throws(
        () => new SnowHttp({ instanceUrl, ...credentials }),
        SnowConfigError,
        instanceUrl,
      );
    }
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('2'), 2000);
    assert.equal(parseRetryAfter(undefined), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const ms = parseRetryAfter(inTenSeconds);
    assert.ok(ms !== undefined && ms > 8000 && ms <= 10_000);
  });
});

describe('dropCacheOptions', () => {
  it("leaves got's unused cache options out of the options Node's http.request receives", () => {
    const cacheKeys = ['shared', 'cacheHeuristic', 'immutableMinTimeToLive', 'ignoreCargoCult'];
    const options = new Options('http://127.0.0.1:1/api/x', { method: 'POST', body: '{}' });
    const before = options.createNativeRequestOptions();
    assert.deepEqual(
      cacheKeys.filter((key) => key in before),
      cacheKeys,
      'got no longer copies its cache options: the hook has nothing to do and can go',
    );
    dropCacheOptions(options);
    const after = options.createNativeRequestOptions();
    assert.deepEqual(
      cacheKeys.filter((key) => key in after),
      [],
    );
    assert.equal(after.method, 'POST');
  });
});
