// User records in Cosmos DB (conversation reference, open session): point reads and writes by id.
import type { Container } from '@azure/cosmos';
import { readById, replaceIfMatch, storeFailure, versioned } from './cosmos-documents.js';
import type { CosmosDocument } from './cosmos-documents.js';
import type { UserRecord, UserStore, Versioned } from './types.js';

export class CosmosUserStore implements UserStore {
  constructor(private readonly container: Container) {}

  get(id: string): Promise<Versioned<UserRecord> | undefined> {
    return readById<UserRecord>(this.container, id, 'Reading a user');
  }

  async upsert(user: UserRecord): Promise<Versioned<UserRecord>> {
    try {
      const response = await this.container.items.upsert<CosmosDocument>({ ...user });
      return versioned<UserRecord>(response.resource, response.etag, 'Writing a user');
    } catch (error) {
      throw storeFailure('Writing a user', error);
    }
  }

  replace(user: UserRecord, etag: string): Promise<Versioned<UserRecord>> {
    return replaceIfMatch<UserRecord>(this.container, { ...user }, etag, 'Updating a user');
  }
}
