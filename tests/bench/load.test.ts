import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Arrivals } from './arrivals.js';
import { monotonicMs } from './clock.js';
import { LoadClient } from './http-client.js';
import { closedLoop, openLoop, type Exchange } from './load.js';

describe('offering load', () => {
  let inFlight = 0;
  let maxInFlight = 0;
  const arrivals = new Arrivals();
  const client = new LoadClient();
  // Answers after a short delay and reports each message as arrived, like the far side would.
  const server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const key = req.headers['x-key'] as string;
    req.resume();
    setTimeout(() => {
      inFlight--;
      arrivals.add([[key, monotonicMs()]]);
      res.end();
    }, 5);
  });
  let url = '';

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const exchange = (seq: number): Exchange => {
    const key = `k${seq}`;
    return { key, send: async () => (await client.post(url, {}, { 'x-key': key })).status };
  };

  it('sends on a fixed schedule and measures from the scheduled time', async () => {
    const shots = await openLoop({ rate: 200, durationMs: 250, exchange });
    assert.equal(shots.length, 50);
    assert.ok(shots.every((s) => s.status === 200));
    const first = shots[0]?.scheduledAt ?? 0;
    shots.forEach((s, i) => {
      assert.ok(Math.abs(s.scheduledAt - (first + i * 5)) < 1e-6);
      assert.ok(s.ackAt - s.scheduledAt >= 4);
    });
  });

  it('keeps a fixed number of messages in flight and stops at the limit', async () => {
    maxInFlight = 0;
    const result = await closedLoop({
      concurrency: 4,
      warmupMs: 0,
      durationMs: 5_000,
      limit: 40,
      exchange: (seq) => exchange(1000 + seq),
      arrivals,
      arrivalTimeoutMs: 1_000,
    });
    assert.equal(result.sent, 40);
    assert.equal(result.okKeys.length, 40);
    assert.equal(result.completedInWindow, 40);
    assert.equal(maxInFlight, 4);
  });

  it('counts messages that never arrive as not completed', async () => {
    const lost: Exchange = { key: 'never', send: () => Promise.resolve(200) };
    const result = await closedLoop({
      concurrency: 1,
      warmupMs: 0,
      durationMs: 1_000,
      limit: 1,
      exchange: () => lost,
      arrivals,
      arrivalTimeoutMs: 50,
    });
    assert.equal(result.completedInWindow, 0);
    assert.deepEqual(result.okKeys, ['never']);
  });
});
