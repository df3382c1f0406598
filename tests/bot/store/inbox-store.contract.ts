// The behaviour every InboxStore must have; registered once per implementation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InboxStore } from '../../../bot/store/types.js';
import { sampleInboxItem } from './fixtures.js';

export function inboxStoreContract(name: string, open: () => InboxStore): void {
  describe(`${name} (InboxStore contract)`, () => {
    it('accepts a new item and reports a repeated id as a duplicate', async () => {
      const store = open();
      const item = sampleInboxItem();
      assert.equal(await store.add(item), true);
      assert.equal(await store.add({ ...item, receivedAt: '2025-01-01T10:00:05.000Z' }), false);
    });

    it('accepts the id again once the item was removed', async () => {
      const store = open();
      const item = sampleInboxItem();
      await store.add(item);
      await store.remove(item.id);
      assert.equal(await store.add(item), true);
    });

    it('removes an item that does not exist without an error', async () => {
      await open().remove('no-such-item:1');
    });

    it('keeps distinct ids of the same session apart', async () => {
      const store = open();
      const first = sampleInboxItem();
      const second = { ...first, id: `${first.sessionId}:2` };
      assert.equal(await store.add(first), true);
      assert.equal(await store.add(second), true);
      await store.remove(first.id);
      assert.equal(await store.add(second), false);
    });
  });
}
