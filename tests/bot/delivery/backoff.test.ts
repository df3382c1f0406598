// Backoff: exponential growth with jitter inside its bounds, capped, within a total budget; a
// Retry-After from the other side wins over the computed wait.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Backoff, parseRetryAfter } from '../../../bot/delivery/backoff.js';

const policy = { baseMs: 100, maxMs: 800, budgetMs: 10_000, jitter: 0.2 };

describe('Backoff', () => {
  it('doubles the wait on each retry up to the cap, with ±20 % jitter', () => {
    const low = new Backoff(policy, () => 0);
    const high = new Backoff(policy, () => 1);
    const lows = [1, 2, 3, 4, 5].map(() => low.next());
    const highs = [1, 2, 3, 4, 5].map(() => high.next());
    assert.deepEqual(lows, [80, 160, 320, 640, 640]);
    assert.deepEqual(highs, [120, 240, 480, 960, 960]);
  });

  it('waits as long as Retry-After asks', () => {
    assert.equal(new Backoff(policy, () => 0.5).next(3000), 3000);
  });

  it('refuses a retry that would end beyond the budget, counting the attempts too', () => {
    let now = 0;
    const backoff = new Backoff(
      { ...policy, budgetMs: 500 },
      () => 0.5,
      () => now,
    );
    assert.equal(backoff.next(), 100);
    now += 100 + 50; // the wait, then a slow attempt
    assert.equal(backoff.next(), 200);
    now += 200 + 100;
    assert.equal(backoff.next(), undefined);
    assert.equal(new Backoff({ ...policy, budgetMs: 500 }).next(1000), undefined);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(parseRetryAfter('2'), 2000);
    assert.equal(parseRetryAfter('0.5'), 500);
    const now = Date.parse('2025-01-01T10:00:00Z');
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 10:00:03 GMT', now), 3000);
    assert.equal(parseRetryAfter(undefined), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
  });
});
