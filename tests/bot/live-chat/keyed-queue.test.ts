import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeyedQueue } from '../../../bot/live-chat/keyed-queue.js';

/** A promise with its resolve function, to control when a task finishes. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('KeyedQueue', () => {
  it('runs the tasks of one key one at a time, in the order they were queued', async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    const first = gate();
    const a = queue.run('s1', async () => {
      await first.promise;
      order.push('a');
    });
    const b = queue.run('s1', () => {
      order.push('b');
      return Promise.resolve();
    });
    await Promise.resolve();
    assert.deepEqual(order, [], 'b waits for a');
    first.open();
    await Promise.all([a, b]);
    assert.deepEqual(order, ['a', 'b']);
  });

  it('lets different keys proceed independently', async () => {
    const queue = new KeyedQueue();
    const blocked = gate();
    const slow = queue.run('s1', () => blocked.promise);
    await queue.run('s2', () => Promise.resolve());
    blocked.open();
    await slow;
  });

  it('keeps going after a failed task and reports the failure to its caller only', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('s1', () => Promise.reject(new Error('boom')));
    const next = queue.run('s1', () => Promise.resolve(42));
    await assert.rejects(failed, /boom/);
    assert.equal(await next, 42);
  });

  it('forgets idle keys and drains outstanding work', async () => {
    const queue = new KeyedQueue();
    const blocked = gate();
    void queue.run('s1', () => blocked.promise);
    assert.equal(queue.size, 1);
    const drained = queue.drain();
    blocked.open();
    await drained;
    assert.equal(queue.size, 0);
  });
});
