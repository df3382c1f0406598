// The cache of session versions this instance saw last: the store contract holds through it, a
// version it keeps saves the read of the next compare-and-swap, and a stale one never wins.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareAndSwapFrom } from '../../../bot/store/compare-and-swap.js';
import { InMemorySessionStore } from '../../../bot/store/in-memory.js';
import { CachedSessionStore } from '../../../bot/store/session-cache.js';
import type { LiveChatSession, SessionStore } from '../../../bot/store/types.js';
import { sampleSession } from './fixtures.js';
import { sessionStoreContract } from './session-store.contract.js';

sessionStoreContract(
  'CachedSessionStore',
  () => new CachedSessionStore(new InMemorySessionStore()),
);

/** Counts the inner store's reads and writes. */
function counted(inner: SessionStore): { store: SessionStore; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    store: {
      get: (id) => (calls.push('get'), inner.get(id)),
      create: (s) => (calls.push('create'), inner.create(s)),
      replace: (s, etag) => (calls.push('replace'), inner.replace(s, etag)),
      listStale: (...a) => inner.listStale(...a),
      listPending: (...a) => inner.listPending(...a),
      count: (state) => inner.count(state),
    },
  };
}

const rename = (agentName: string) => (s: LiveChatSession) => ({ ...s, agentName });

describe('CachedSessionStore', () => {
  it('keeps what this instance created, read and wrote, and nothing it did not see', async () => {
    const inner = new InMemorySessionStore();
    const cache = new CachedSessionStore(inner);
    const created = await cache.create(sampleSession());
    assert.equal(cache.lastSeen(created.value.id), created);
    const written = await cache.replace(rename('Jordan')(created.value), created.etag);
    assert.equal(cache.lastSeen(created.value.id)?.etag, written.etag);
    const elsewhere = await inner.create(sampleSession());
    assert.equal(cache.lastSeen(elsewhere.value.id), undefined);
    await cache.get(elsewhere.value.id);
    assert.equal(cache.lastSeen(elsewhere.value.id)?.etag, elsewhere.etag);
  });

  it('forgets a version another writer replaced, and one that is gone', async () => {
    const inner = new InMemorySessionStore();
    const cache = new CachedSessionStore(inner);
    const created = await cache.create(sampleSession());
    await inner.replace(rename('Other instance')(created.value), created.etag);
    await assert.rejects(cache.replace(rename('Jordan')(created.value), created.etag));
    assert.equal(cache.lastSeen(created.value.id), undefined);
    assert.equal(await cache.get('no-such-session'), undefined);
    assert.equal(cache.lastSeen('no-such-session'), undefined);
  });

  it('keeps at most its capacity, forgetting the least recently used first', async () => {
    const cache = new CachedSessionStore(new InMemorySessionStore(), 2);
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => cache.create(sampleSession())));
    assert.ok(a && b && c);
    assert.equal(cache.lastSeen(a.value.id), undefined);
    assert.ok(cache.lastSeen(b.value.id));
    assert.ok(cache.lastSeen(c.value.id));
  });
});

describe('compareAndSwapFrom', () => {
  it('writes from a current version without reading', async () => {
    const { store, calls } = counted(new InMemorySessionStore());
    const cache = new CachedSessionStore(store);
    const created = await cache.create(sampleSession());
    calls.length = 0;
    const swapped = await compareAndSwapFrom(cache, created.value.id, rename('Jordan'), created);
    assert.equal(swapped?.document.value.agentName, 'Jordan');
    assert.deepEqual(calls, ['replace']);
  });

  it('puts the change on top of what another instance wrote meanwhile', async () => {
    const inner = new InMemorySessionStore();
    const { store, calls } = counted(inner);
    const cache = new CachedSessionStore(store);
    const created = await cache.create(sampleSession());
    await inner.replace({ ...created.value, interactionId: 'IMS0001' }, created.etag);
    calls.length = 0;
    const swapped = await compareAndSwapFrom(cache, created.value.id, rename('Jordan'), created);
    assert.ok(swapped);
    assert.equal(swapped.document.value.agentName, 'Jordan');
    assert.equal(swapped.document.value.interactionId, 'IMS0001');
    assert.deepEqual(calls, ['replace', 'get', 'replace']);
  });

  it('lets only a version read now decide that nothing is to be written', async () => {
    const inner = new InMemorySessionStore();
    const cache = new CachedSessionStore(inner);
    const created = await cache.create(sampleSession({ reminderAt: undefined }));
    // Another instance reminded the user meanwhile; the old version says there is no reminder.
    await inner.replace({ ...created.value, reminderAt: '2025-01-01T10:05:00.000Z' }, created.etag);
    const clearReminder = (s: LiveChatSession) =>
      s.reminderAt === undefined ? undefined : { ...s, reminderAt: undefined };
    const swapped = await compareAndSwapFrom(cache, created.value.id, clearReminder, created);
    assert.equal(swapped?.changed, true);
    assert.equal((await inner.get(created.value.id))?.value.reminderAt, undefined);
  });
});
