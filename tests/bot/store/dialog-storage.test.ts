// CosmosDialogStorage behaves like botbuilder's MemoryStorage, including for keys Cosmos DB
// ids cannot hold; and its documents keep the key and state apart.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MemoryStorage } from 'botbuilder';
import { createLogger } from '../../../bot/logging.js';
import { connectStore, type Store } from '../../../bot/store/connect.js';
import { StoreConflictError } from '../../../bot/store/errors.js';
import { dialogStorageContract } from './dialog-storage.contract.js';

dialogStorageContract('botbuilder MemoryStorage', () => new MemoryStorage());

describe('CosmosDialogStorage on the embedded server', () => {
  let store: Store;
  before(async () => {
    store = await connectStore(
      { mode: 'embedded', database: 'dialogs' },
      createLogger({ level: 'silent' }),
    );
  });
  after(() => store.close());

  dialogStorageContract('CosmosDialogStorage', () => store.dialogStorage);

  it('rejects a stale eTag with a StoreConflictError', async () => {
    const key = 'msteams/conversations/a:stale/';
    await store.dialogStorage.write({ [key]: { step: 1 } });
    const { eTag } = (await store.dialogStorage.read([key]))[key] as { eTag: string };
    await store.dialogStorage.write({ [key]: { step: 2, eTag } });
    await assert.rejects(
      store.dialogStorage.write({ [key]: { step: 3, eTag } }),
      StoreConflictError,
    );
  });

  it('works as the storage of botbuilder conversation state across turns', async () => {
    const key = 'msteams/conversations/a:state-roundtrip/';
    await store.dialogStorage.write({
      [key]: { DialogState: { dialogStack: [{ id: 'main', state: { n: 1 } }] }, eTag: '*' },
    });
    const item = (await store.dialogStorage.read([key]))[key] as { DialogState: unknown };
    assert.deepEqual(item.DialogState, { dialogStack: [{ id: 'main', state: { n: 1 } }] });
  });
});
