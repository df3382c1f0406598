// The webhook's door: Basic auth with either key of a rotation, the extra shared header, an
// optional per-source cap with Retry-After, and throttling of sources that keep failing
// authentication; with no cap set, ServiceNow's authenticated callbacks are never throttled.
// Sources are told apart by X-Forwarded-For behind one trusted proxy, so each test is its own source.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startHarness, webhookCredentials, type Harness } from '../support/harness.js';
import { basic, post } from './support/activities.js';

const user = 'servicenow';
/** Above the 10 failed authentications a source may make, so that their throttling shows. */
const perMinute = 12;
const key = 'current-callback-key-0123456789';
const nextKey = 'next-callback-key-0123456789';
const header = {
  name: 'x-callback-secret',
  current: 'first-shared-secret-0123',
  next: 'second-shared-secret-0123',
};

describe('webhook guard', () => {
  let harness: Harness;
  let source = 0;
  before(async () => {
    harness = await startHarness({
      SERVICENOW_CALLBACK_USER: user,
      SERVICENOW_CALLBACK_API_KEY: key,
      SERVICENOW_CALLBACK_API_KEY_NEXT: nextKey,
      SERVICENOW_CALLBACK_HEADER: `X-Callback-Secret: ${header.current}`,
      SERVICENOW_CALLBACK_HEADER_NEXT: `X-Callback-Secret: ${header.next}`,
      WEBHOOK_RATE_LIMIT: String(perMinute),
      TRUSTED_PROXY_HOPS: '1',
    });
  });
  after(async () => {
    await harness.close();
  });

  /** A fresh caller address, as the trusted proxy reports it. */
  const newSource = () => `198.51.100.${(source += 1)}`;
  const callback = JSON.stringify({
    requestId: randomUUID(),
    clientSessionId: randomUUID(),
    userId: 'user-1',
    body: [{ uiType: 'OutputText', group: 'DefaultText', value: 'hi' }],
  });
  const call = (from: string, headers: Record<string, string>, body = callback) =>
    post(`${harness.url}/api/servicenow/messages`, body, {
      'x-forwarded-for': `203.0.113.9, ${from}`,
      ...headers,
    });
  const good = (password = key, shared = header.current) => ({
    authorization: basic(user, password),
    [header.name]: shared,
  });

  // An unknown session is answered 404: the request got through the door.
  const PASSED = 404;

  it('lets ServiceNow in with either key of a rotation and either shared header value', async () => {
    const from = newSource();
    assert.equal((await call(from, good(key, header.current))).status, PASSED);
    assert.equal((await call(from, good(nextKey, header.next))).status, PASSED);
    assert.equal((await call(from, good(nextKey, header.current))).status, PASSED);
  });

  it('refuses a wrong key, a wrong user or a missing or wrong shared header with 401', async () => {
    const from = newSource();
    const cases = {
      'wrong key': { ...good(), authorization: basic(user, 'not-the-key-0123456789') },
      'wrong user': { ...good(), authorization: basic('admin', key) },
      'no shared header': { authorization: basic(user, key) },
      'wrong shared header': good(key, 'not-the-shared-secret-0123'),
      'key in the shared header only': { [header.name]: header.current },
    };
    for (const [what, headers] of Object.entries(cases)) {
      const res = await call(from, headers);
      assert.equal(res.status, 401, what);
      assert.deepEqual(JSON.parse(res.text), { error: 'unauthorized' }, what);
      assert.match(res.headers.get('www-authenticate') ?? '', /^Basic/, what);
    }
  });

  it('refuses a stranger before reading the body', async () => {
    const res = await call(newSource(), {}, 'x'.repeat(400 * 1024));
    assert.equal(res.status, 401);
  });

  it('caps authenticated requests from each source when a cap is set, and says when to retry', async () => {
    const busy = newSource();
    for (let i = 0; i < perMinute; i += 1) {
      assert.equal((await call(busy, good())).status, PASSED);
    }
    const limited = await call(busy, good());
    assert.equal(limited.status, 429);
    assert.deepEqual(JSON.parse(limited.text), { error: 'too_many_requests' });
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.equal((await call(newSource(), good())).status, PASSED, 'another source is not limited');
  });

  it('throttles a source that keeps failing authentication, even once it has the key', async () => {
    const guesser = newSource();
    for (let i = 0; i < 10; i += 1) {
      const res = await call(guesser, { ...good(), authorization: basic(user, `guess-${i}`) });
      assert.equal(res.status, 401);
    }
    const res = await call(guesser, good());
    assert.equal(res.status, 429);
    assert.ok(Number(res.headers.get('retry-after')) >= 1);
  });

  it('ignores X-Forwarded-For entries the caller wrote itself', async () => {
    const from = newSource();
    for (let i = 0; i < perMinute; i += 1) {
      const spoofed = { 'x-forwarded-for': `10.0.0.${i}, ${from}` };
      assert.equal((await call(from, { ...good(), ...spoofed })).status, PASSED);
    }
    const res = await call(from, { ...good(), 'x-forwarded-for': `10.9.9.9, ${from}` });
    assert.equal(res.status, 429);
  });
});

describe('webhook guard without a cap', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ TRUSTED_PROXY_HOPS: '1' });
  });
  after(async () => {
    await harness.close();
  });

  const call = (authorization: string) =>
    post(`${harness.url}/api/servicenow/messages`, '{"requestId":"r","clientSessionId":"s"}', {
      'x-forwarded-for': '198.51.100.200',
      authorization,
    });

  it('never throttles ServiceNow, however busy, but still throttles a guesser', async () => {
    for (let i = 0; i < 100; i += 1) {
      assert.notEqual(
        (await call(basic(webhookCredentials.user, webhookCredentials.apiKey))).status,
        429,
        `request ${i}`,
      );
    }
    const guesser = (i: number) =>
      post(`${harness.url}/api/servicenow/messages`, '{}', {
        'x-forwarded-for': '198.51.100.201',
        authorization: basic(webhookCredentials.user, `guess-${i}`),
      });
    for (let i = 0; i < 10; i += 1) assert.equal((await guesser(i)).status, 401);
    assert.equal((await guesser(10)).status, 429);
    assert.notEqual(
      (await call(basic(webhookCredentials.user, webhookCredentials.apiKey))).status,
      429,
      'ServiceNow still gets in',
    );
  });
});
