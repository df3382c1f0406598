// botbuilder's Storage (conversation and dialog state) over a Cosmos DB container partitioned
// on /id. Documents are `{ id, key, state }`; the item's eTag is the document's ETag, and a
// write with a stale eTag is rejected so two instances cannot silently overwrite each other.
import type { Container } from '@azure/cosmos';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { statusOf, storeFailure } from './cosmos-documents.js';
import { keyToId } from './dialog-keys.js';

interface DialogDocument {
  readonly id: string;
  readonly key: string;
  readonly state: Record<string, unknown>;
  readonly _etag?: string;
}

export class CosmosDialogStorage implements Storage {
  constructor(private readonly container: Container) {}

  async read(keys: string[]): Promise<StoreItems> {
    const found = await settleAll(keys.map(async (key) => [key, await this.readOne(key)] as const));
    const items: StoreItems = {};
    for (const [key, item] of found) if (item !== undefined) items[key] = item;
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await settleAll(
      Object.entries(changes).map(([key, item]) => this.writeOne(key, item as StoreItem)),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await settleAll(keys.map((key) => this.deleteOne(key)));
  }

  private async readOne(key: string): Promise<StoreItem | undefined> {
    const id = keyToId(key);
    try {
      const { resource, statusCode } = await this.container.item(id, id).read<DialogDocument>();
      // A hashed id can only belong to this key, but checking costs nothing.
      if (statusCode === 404 || resource?.key !== key) return undefined;
      return { ...resource.state, eTag: resource._etag };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw storeFailure('Reading dialog state', error);
    }
  }

  private async writeOne(key: string, item: StoreItem): Promise<void> {
    const { eTag, ...state } = item;
    const document: DialogDocument = { id: keyToId(key), key, state };
    const conditional = typeof eTag === 'string' && eTag !== '*' && eTag !== '';
    try {
      await this.container.items.upsert(
        document,
        conditional ? { accessCondition: { type: 'IfMatch', condition: eTag } } : {},
      );
    } catch (error) {
      throw storeFailure('Writing dialog state', error);
    }
  }

  private async deleteOne(key: string): Promise<void> {
    const id = keyToId(key);
    try {
      await this.container.item(id, id).delete();
    } catch (error) {
      if (statusOf(error) !== 404) throw storeFailure('Deleting dialog state', error);
    }
  }
}

/** Like Promise.all, but waits for every operation before reporting the first failure. */
async function settleAll<T>(operations: readonly Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(operations);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}
