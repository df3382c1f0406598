// The client against the simulator's injected faults: what is retried, what is not, and that a
// user message never reaches the agent twice.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { SnowRateLimitedError, SnowUnavailableError } from '../../../snow/src/errors.js';
import { chat, queued, startPair, type Pair } from './pair.js';

const say = (pair: Pair, text: string) =>
  pair.client.va.sendMessage({ ...chat, text, clientMessageId: `m-${text}` });

/** What the agent saw of the user's messages. */
async function agentSaw(pair: Pair, count: number): Promise<string[]> {
  return pair.sim.waitFor(
    () => {
      const c = pair.sim.conversation('chat-1');
      const seen = [...(c?.waitingForAgent ?? []), ...(c?.userMessages ?? [])].map((m) => m.text);
      return seen.length >= count ? seen : undefined;
    },
    { what: `${count} user messages` },
  );
}

describe('client and simulator: VA API faults', () => {
  let pair: Pair | undefined;
  afterEach(async () => {
    await pair?.close();
    pair = undefined;
  });

  it('rides out added latency within its timeouts', async () => {
    pair = await startPair();
    await queued(pair);
    pair.sim.injectFault('va', { delayMs: 150 });
    await say(pair, 'slow but fine');
    assert.deepEqual(await agentSaw(pair, 1), ['slow but fine']);
  });

  it('gives up on latency beyond its response timeout and does not send again', async () => {
    pair = await startPair({}, { timeouts: { responseMs: 100 } });
    await queued(pair);
    pair.sim.injectFault('va', { delayMs: 400 });
    await assert.rejects(
      say(pair, 'maybe delivered'),
      (err) => err instanceof SnowUnavailableError && !err.safeToRetry,
    );
    // ServiceNow got it and acts on it after all: one copy, never two.
    assert.deepEqual(await agentSaw(pair, 1), ['maybe delivered']);
    assert.equal(pair.sim.requests.filter((r) => r.body.message !== undefined).length, 2);
  });

  for (const [what, fault] of [
    ['429 with Retry-After', { status: 429, retryAfterSeconds: 0 }],
    ['429 without Retry-After', { status: 429, retryAfterSeconds: null }],
    ['503', { status: 503 }],
  ] as const) {
    it(`sends a message again after ${what}, and the agent sees it once`, async () => {
      pair = await startPair();
      await queued(pair);
      pair.sim.injectFault('va', fault);
      await say(pair, 'hello');
      assert.deepEqual(await agentSaw(pair, 1), ['hello']);
      const [refused, accepted] = pair.sim.requests.slice(-2);
      assert.equal(refused?.status, fault.status);
      assert.equal(accepted?.status, 200);
      assert.equal(refused.body.requestId, undefined, 'a refused request is not read');
      assert.equal(accepted.body.message !== undefined, true);
    });
  }

  it('reports a 429 whose Retry-After is longer than it waits', async () => {
    pair = await startPair();
    pair.sim.injectFault('va', { status: 429, retryAfterSeconds: 60 });
    await assert.rejects(
      pair.client.va.startLiveChat({ ...chat, text: 'x', clientMessageId: 'm' }),
      (err) => err instanceof SnowRateLimitedError && err.retryAfterMs === 60_000,
    );
  });

  it('does not send a message again after a 500, which may have been processed', async () => {
    pair = await startPair();
    await queued(pair);
    pair.sim.injectFault('va', { status: 500 });
    await assert.rejects(
      say(pair, 'once'),
      (err) => err instanceof SnowUnavailableError && err.status === 500 && !err.safeToRetry,
    );
    assert.equal(pair.sim.requests.at(-1)?.status, 500);
  });

  it('does not send a message again when the answer was lost, so the agent sees it once', async () => {
    pair = await startPair();
    await queued(pair);
    pair.sim.injectFault('va', { reset: true });
    await assert.rejects(say(pair, 'exactly once'), SnowUnavailableError);
    await say(pair, 'next');
    assert.deepEqual(await agentSaw(pair, 2), ['exactly once', 'next']);
  });
});

describe('client and simulator: Table API faults', () => {
  let pair: Pair | undefined;
  afterEach(async () => {
    await pair?.close();
    pair = undefined;
  });

  it('retries reads through 429s, 503s, a reset connection and latency', async () => {
    pair = await startPair();
    pair.sim.injectFault('table', { status: 429, retryAfterSeconds: null });
    pair.sim.injectFault('table', { status: 503 });
    assert.equal(await pair.client.presence.availableAgents(), 1);
    pair.sim.injectFault('table', { reset: true });
    pair.sim.injectFault('table', { delayMs: 100 });
    assert.equal((await pair.client.users.findByEmail('alexw@example.com'))?.name, 'Alex Wilber');
    assert.deepEqual(
      pair.sim.tableRequests.map((r) => r.status),
      [429, 503, 200, 'reset', 200],
    );
  });

  it('gives up after its retries and says ServiceNow is unavailable', async () => {
    pair = await startPair();
    pair.sim.injectFault('table', { status: 503, times: 3 });
    await assert.rejects(
      pair.client.ping(),
      (err) => err instanceof SnowUnavailableError && err.status === 503,
    );
    assert.equal(pair.sim.tableRequests.length, 3);
  });
});
