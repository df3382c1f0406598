// Token buckets: a burst up to the capacity, then one token per 1/perSecond, per key, with
// memory bounded however many keys appear.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TokenBuckets } from '../../bot/security/index.js';

describe('TokenBuckets', () => {
  it('allows a burst, then refuses with the seconds until the next token', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 3, perSecond: 0.5 }, () => now);
    for (let i = 0; i < 3; i += 1) assert.deepEqual(buckets.take('a'), { allowed: true });
    assert.deepEqual(buckets.take('a'), { allowed: false, retryAfterSeconds: 2 });
    now += 1000;
    assert.deepEqual(buckets.take('a'), { allowed: false, retryAfterSeconds: 1 });
    now += 1000;
    assert.deepEqual(buckets.take('a'), { allowed: true });
  });

  it('keeps keys apart', () => {
    const buckets = new TokenBuckets({ capacity: 1, perSecond: 1 }, () => 0);
    assert.equal(buckets.take('a').allowed, true);
    assert.equal(buckets.take('a').allowed, false);
    assert.equal(buckets.take('b').allowed, true);
  });

  it('peeks without spending', () => {
    const buckets = new TokenBuckets({ capacity: 1, perSecond: 1 }, () => 0);
    assert.equal(buckets.peek('a').allowed, true);
    assert.equal(buckets.peek('a').allowed, true);
    assert.equal(buckets.take('a').allowed, true);
    assert.equal(buckets.peek('a').allowed, false);
  });

  it('never refills above the capacity', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 2, perSecond: 1 }, () => now);
    buckets.take('a');
    now += 3_600_000;
    assert.equal(buckets.take('a').allowed, true);
    assert.equal(buckets.take('a').allowed, true);
    assert.equal(buckets.take('a').allowed, false);
  });

  it('forgets idle keys first when it holds too many, and stays bounded', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 1, perSecond: 0.001 }, () => now, 3);
    buckets.take('busy');
    now += 1;
    for (const key of ['k1', 'k2', 'k3', 'k4', 'k5']) buckets.take(key);
    // The busiest key may be forgotten (it is the oldest) but never grows the map past 3.
    const stillLimited = ['k3', 'k4', 'k5'].filter((k) => !buckets.peek(k).allowed);
    assert.deepEqual(stillLimited, ['k3', 'k4', 'k5']);
    assert.equal(buckets.peek('k1').allowed, true, 'the oldest key was dropped');
  });
});
