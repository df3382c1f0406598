// The behaviour every UserStore must have; registered once per implementation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StoreConflictError } from '../../../bot/store/errors.js';
import type { UserStore } from '../../../bot/store/types.js';
import { assertNoSystemFields, sampleUser } from './fixtures.js';

export function userStoreContract(name: string, open: () => UserStore): void {
  describe(`${name} (UserStore contract)`, () => {
    it('creates a user on upsert and returns it exactly as written', async () => {
      const store = open();
      const user = sampleUser();
      const written = await store.upsert(user);
      assert.deepEqual(written.value, user);
      assertNoSystemFields(written.value);
      assert.deepEqual(await store.get(user.id), written);
    });

    it('returns undefined for a user that does not exist', async () => {
      assert.equal(await open().get('no-such-user'), undefined);
    });

    it('overwrites unconditionally on upsert, whatever the current etag', async () => {
      const store = open();
      const first = await store.upsert(sampleUser());
      await store.upsert({ ...first.value, locale: 'de-DE' });
      const third = await store.upsert({ ...first.value, locale: 'fr-FR' });
      assert.equal((await store.get(first.value.id))?.value.locale, 'fr-FR');
      assert.equal((await store.get(first.value.id))?.etag, third.etag);
    });

    it('replaces a user when the etag is current', async () => {
      const store = open();
      const written = await store.upsert(sampleUser());
      const next = { ...written.value, openSessionId: 'session-1' };
      const replaced = await store.replace(next, written.etag);
      assert.notEqual(replaced.etag, written.etag);
      assert.deepEqual((await store.get(next.id))?.value, next);
    });

    it('rejects a replace with a stale etag', async () => {
      const store = open();
      const written = await store.upsert(sampleUser());
      await store.upsert({ ...written.value, locale: 'de-DE' });
      await assert.rejects(
        store.replace({ ...written.value, openSessionId: 'session-1' }, written.etag),
        StoreConflictError,
      );
      const current = await store.get(written.value.id);
      assert.equal(current?.value.openSessionId, undefined);
      assert.equal(current?.value.locale, 'de-DE');
    });

    it('treats a replace of a user that does not exist as a conflict', async () => {
      await assert.rejects(open().replace(sampleUser(), 'some-etag'), StoreConflictError);
    });
  });
}
