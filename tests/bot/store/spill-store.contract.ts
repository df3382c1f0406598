// The behaviour every SpillStore must have; registered once per implementation.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { InboxPayload, SpilledPayload, SpillStore } from '../../../bot/store/types.js';
import { assertNoSystemFields, sampleSpill } from './fixtures.js';

type Store = SpillStore<InboxPayload>;

export function spillStoreContract(name: string, open: () => Store): void {
  describe(`${name} (SpillStore contract)`, () => {
    it('returns a stored payload exactly as written', async () => {
      const store = open();
      const spilled = sampleSpill();
      await store.put(spilled);
      const read = await store.get(spilled.id);
      assert.deepEqual(read, spilled);
      assert.ok(read);
      assertNoSystemFields(read);
    });

    it('is not changed by mutating what was written or what it returned', async () => {
      const store = open();
      const body = { text: 'Hello, I am Jordan' };
      const spilled = sampleSpill({ payload: { kind: 'callback', body } });
      const expected = structuredClone(spilled);
      await store.put(spilled);
      body.text = 'changed after put';
      const read = await store.get(spilled.id);
      assert.deepEqual(read, expected);
      assert.ok(read.payload.kind === 'callback');
      (read.payload.body as { text: string }).text = 'changed after get';
      assert.deepEqual(await store.get(spilled.id), expected);
    });

    it('replaces the payload when the same id is written again', async () => {
      const store = open();
      const first = sampleSpill();
      await store.put(first);
      const second: SpilledPayload<InboxPayload> = {
        ...first,
        payload: { kind: 'notice', text: 'The chat was closed.', afterEnd: true },
      };
      await store.put(second);
      assert.deepEqual(await store.get(first.id), second);
    });

    it('returns undefined for a payload that was never stored', async () => {
      assert.equal(await open().get(`${randomUUID()}:inbox:1`), undefined);
    });

    it('removes a payload, and removing it again is not an error', async () => {
      const store = open();
      const kept = sampleSpill();
      const removed = sampleSpill();
      await store.put(kept);
      await store.put(removed);
      await store.remove(removed.id);
      assert.equal(await store.get(removed.id), undefined);
      await store.remove(removed.id);
      await store.remove(`${randomUUID()}:inbox:1`);
      assert.deepEqual(await store.get(kept.id), kept);
    });
  });
}
