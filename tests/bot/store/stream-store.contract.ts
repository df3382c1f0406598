// The behaviour every StreamStore must have; registered once per implementation.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { StoreConflictError } from '../../../bot/store/errors.js';
import type { StreamCursor, StreamStore } from '../../../bot/store/types.js';
import { assertNoSystemFields, sampleEntry } from './fixtures.js';

type Store = StreamStore<{ text: string }>;

export function streamStoreContract(name: string, open: () => Store): void {
  describe(`${name} (StreamStore contract)`, () => {
    it('creates a head once and then only replaces it with the current etag', async () => {
      const store = open();
      const sessionId = randomUUID();
      assert.equal(await store.getHead(sessionId), undefined);
      const head = { sessionId, appended: 1, updatedAt: '2025-01-01T10:00:00.000Z' };
      const created = await store.putHead(head, undefined);
      assert.deepEqual(created.value, head);
      assertNoSystemFields(created.value);
      await assert.rejects(store.putHead({ ...head, appended: 5 }, undefined), StoreConflictError);
      const next = await store.putHead({ ...head, appended: 2 }, created.etag);
      assert.equal(next.value.appended, 2);
      await assert.rejects(
        store.putHead({ ...head, appended: 3 }, created.etag),
        StoreConflictError,
      );
      assert.equal((await store.getHead(sessionId))?.value.appended, 2);
    });

    it('takes each sequence number once, by entry or tombstone, until it is removed', async () => {
      const store = open();
      const entry = sampleEntry();
      assert.equal(await store.addEntry(entry), true);
      assert.equal(await store.addEntry({ ...entry, payload: { text: 'other' } }), false);
      const read = await store.getEntry(entry.sessionId, 1);
      assert.deepEqual(read, entry);
      assertNoSystemFields(read);
      const tombstone = { sessionId: entry.sessionId, seq: 2, appendedAt: entry.appendedAt };
      assert.equal(await store.addEntry(tombstone), true);
      assert.equal(await store.addEntry({ ...entry, seq: 2 }), false);
      assert.equal((await store.getEntry(entry.sessionId, 2))?.payload, undefined);
      await store.removeEntry(entry.sessionId, 1);
      await store.removeEntry(entry.sessionId, 1);
      assert.equal(await store.getEntry(entry.sessionId, 1), undefined);
    });

    it('keeps cursors per session with compare-and-swap', async () => {
      const store = open();
      const cursor: StreamCursor = {
        sessionId: randomUUID(),
        delivered: 0,
        recent: [],
        lease: { owner: 'a', until: 1000 },
        updatedAt: '2025-01-01T10:00:00.000Z',
      };
      const created = await store.putCursor(cursor, undefined);
      assert.deepEqual(created.value, cursor);
      const moved = await store.putCursor(
        { ...cursor, delivered: 1, recent: ['d:1'] },
        created.etag,
      );
      await assert.rejects(
        store.putCursor({ ...cursor, lease: { owner: 'b', until: 2000 } }, created.etag),
        StoreConflictError,
      );
      assert.deepEqual((await store.getCursor(cursor.sessionId))?.value, moved.value);
      assert.equal(await store.getCursor(randomUUID()), undefined);
    });

    it('finds the sessions whose entries have waited since before a time', async () => {
      const store = open();
      const old = sampleEntry({ appendedAt: '2025-01-01T09:00:00.000Z' });
      const older = { ...old, seq: 2 };
      const fresh = sampleEntry({ appendedAt: '2025-01-01T11:00:00.000Z' });
      for (const e of [old, older, fresh]) await store.addEntry(e);
      const stalled = await store.stalled('2025-01-01T10:00:00.000Z', 50);
      assert.ok(stalled.includes(old.sessionId));
      assert.equal(stalled.filter((id) => id === old.sessionId).length, 1);
      assert.ok(!stalled.includes(fresh.sessionId));
      await store.removeEntry(old.sessionId, 1);
      await store.removeEntry(old.sessionId, 2);
      assert.ok(!(await store.stalled('2025-01-01T10:00:00.000Z', 50)).includes(old.sessionId));
    });
  });
}
