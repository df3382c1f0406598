// The behaviour of botbuilder's Storage that the bot relies on; registered once per
// implementation (botbuilder's own MemoryStorage is the reference).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomUUID } from 'node:crypto';
import type { Storage } from 'botbuilder';

const awkwardKeys = (): string[] => {
  const tag = randomUUID();
  return [
    `msteams/conversations/a:1${tag}/`,
    `msteams/users/29:1${tag}/`,
    `odd?query#fragment\\back/slash*star%percent ${tag}`,
    `ünïcødé/键/${tag}`,
    `${tag}/${'x/'.repeat(400)}`,
    `${tag}${'?'.repeat(120)}`,
  ];
};

export function dialogStorageContract(name: string, open: () => Storage): void {
  describe(`${name} (Storage contract)`, () => {
    it('reads back what was written under awkward and very long keys', async () => {
      const storage = open();
      const keys = awkwardKeys();
      const changes = Object.fromEntries(keys.map((key, i) => [key, { n: i, nested: { key } }]));
      await storage.write(changes);
      const items = await storage.read(keys);
      assert.deepEqual(Object.keys(items).sort(), [...keys].sort());
      keys.forEach((key, i) => {
        const { eTag, ...state } = items[key] as { eTag?: unknown };
        assert.equal(typeof eTag, 'string');
        assert.deepEqual(state, { n: i, nested: { key } });
      });
    });

    it('leaves keys that were never written out of the result', async () => {
      const storage = open();
      const [written = '', missing = ''] = awkwardKeys();
      await storage.write({ [written]: { n: 1 } });
      assert.deepEqual(Object.keys(await storage.read([written, missing])), [written]);
    });

    it('keeps keys that differ only in escaped characters apart', async () => {
      const storage = open();
      const tag = randomUUID();
      const keys = [`${tag}/a`, `${tag}?a`, `${tag}*2fa`, `${tag}#a`, `${tag}\\a`];
      await storage.write(Object.fromEntries(keys.map((key) => [key, { key }])));
      const items = await storage.read(keys);
      for (const key of keys) assert.equal((items[key] as { key?: string }).key, key);
    });

    it('overwrites when the eTag is current, "*" or absent', async () => {
      const storage = open();
      const [key = ''] = awkwardKeys();
      await storage.write({ [key]: { step: 1 } });
      const first = (await storage.read([key]))[key] as { eTag: string };
      await storage.write({ [key]: { step: 2, eTag: first.eTag } });
      await storage.write({ [key]: { step: 3, eTag: '*' } });
      await storage.write({ [key]: { step: 4 } });
      const last = (await storage.read([key]))[key] as { step: number; eTag: string };
      assert.equal(last.step, 4);
      assert.notEqual(last.eTag, first.eTag);
    });

    it('rejects a write with a stale eTag and keeps the newer state', async () => {
      const storage = open();
      const [key = ''] = awkwardKeys();
      await storage.write({ [key]: { step: 1 } });
      const stale = (await storage.read([key]))[key] as { eTag: string };
      await storage.write({ [key]: { step: 2, eTag: stale.eTag } });
      await assert.rejects(storage.write({ [key]: { step: 3, eTag: stale.eTag } }));
      assert.equal(((await storage.read([key]))[key] as { step: number }).step, 2);
    });

    it('deletes items, and deleting a missing key is not an error', async () => {
      const storage = open();
      const [key = '', other = ''] = awkwardKeys();
      await storage.write({ [key]: { step: 1 } });
      await storage.delete([key, other]);
      assert.deepEqual(await storage.read([key]), {});
    });
  });
}
