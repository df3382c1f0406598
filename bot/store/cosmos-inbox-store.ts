// Callbacks acknowledged to ServiceNow but not yet delivered, in Cosmos DB. Creating by id makes
// a repeated callback (same id) visible as a duplicate instead of a second delivery.
import type { Container } from '@azure/cosmos';
import { createDocument, statusOf, storeFailure } from './cosmos-documents.js';
import { StoreConflictError } from './errors.js';
import type { InboxItem, InboxStore } from './types.js';

export class CosmosInboxStore implements InboxStore {
  constructor(private readonly container: Container) {}

  async add(item: InboxItem): Promise<boolean> {
    try {
      await createDocument<InboxItem>(this.container, { ...item }, 'Adding an inbox item');
      return true;
    } catch (error) {
      if (error instanceof StoreConflictError) return false;
      throw error;
    }
  }

  /** Removing an item that is already gone is not an error (another instance delivered it). */
  async remove(id: string): Promise<void> {
    try {
      await this.container.item(id, id).delete();
    } catch (error) {
      if (statusOf(error) === 404) return;
      throw storeFailure('Removing an inbox item', error);
    }
  }
}
