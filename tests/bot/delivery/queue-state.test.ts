// The dedup keys a queue remembers: kept short, recognised in either form.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  deliveredRecently,
  isRepeat,
  RECENT_KEYS,
  recentKey,
  withoutHead,
} from '../../../bot/delivery/queue-state.js';
import type { SessionQueue } from '../../../bot/store/types.js';

const holder = { owner: 'instance-a', now: 1_000, leaseMs: 30_000 };
const callbackKey = 'd:0123456789abcdef0123456789abcdef';

function queueWithHead(recent: readonly string[] = []): SessionQueue<string> {
  return {
    appended: 1,
    items: [
      { seq: 1, appendedAt: '2026-01-01T00:00:00.000Z', dedupKey: callbackKey, payload: 'x' },
    ],
    lease: { owner: holder.owner, until: 10_000 },
    recent,
  };
}

describe('queue dedup keys', () => {
  it('keeps long keys as short digests, and short ones as they are', () => {
    const kept = recentKey(callbackKey);
    assert.equal(kept.length, 13);
    assert.equal(kept, recentKey(callbackKey), 'the same key gives the same digest');
    assert.notEqual(kept, recentKey('m:another-message-id-0001'));
    assert.equal(recentKey('end'), 'end');
  });

  it('remembers what was delivered in short form and recognises its repeat', () => {
    const queue = withoutHead(
      queueWithHead(),
      { seq: 1, keys: [callbackKey, 'm:msg-1-of-the-agent'] },
      holder,
    );
    assert.deepEqual(queue.recent, [recentKey(callbackKey), recentKey('m:msg-1-of-the-agent')]);
    assert.ok(isRepeat(queue, callbackKey));
    assert.ok(deliveredRecently(queue, 'm:msg-1-of-the-agent'));
    assert.ok(!isRepeat(queue, 'd:ffffffffffffffffffffffffffffffff'));
  });

  it('recognises keys that earlier versions kept in full', () => {
    const queue = { ...queueWithHead([callbackKey]), items: [] };
    assert.ok(isRepeat(queue, callbackKey));
  });

  it('remembers a bounded number of keys, the newest', () => {
    const old = Array.from({ length: RECENT_KEYS }, (_, i) => recentKey(`m:old-message-${i}`));
    const queue = withoutHead(queueWithHead(old), { seq: 1, keys: [callbackKey] }, holder);
    assert.equal(queue.recent.length, RECENT_KEYS);
    assert.equal(queue.recent.at(-1), recentKey(callbackKey));
    assert.ok(!deliveredRecently(queue, 'm:old-message-0'));
  });
});
