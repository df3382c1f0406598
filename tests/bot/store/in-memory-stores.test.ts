// The in-memory fakes keep the same contracts as the Cosmos DB stores.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InMemorySpillStore } from '../../../bot/store/in-memory-spill-store.js';
import { InMemorySessionStore, InMemoryUserStore } from '../../../bot/store/in-memory.js';
import type { InboxPayload } from '../../../bot/store/types.js';
import { sampleSession } from './fixtures.js';
import { sessionStoreContract } from './session-store.contract.js';
import { spillStoreContract } from './spill-store.contract.js';
import { userStoreContract } from './user-store.contract.js';

sessionStoreContract('InMemorySessionStore', () => new InMemorySessionStore());
userStoreContract('InMemoryUserStore', () => new InMemoryUserStore());
spillStoreContract('InMemorySpillStore', () => new InMemorySpillStore<InboxPayload>());

describe('InMemorySessionStore', () => {
  it('is not changed by mutating a value it returned', async () => {
    const store = new InMemorySessionStore();
    const created = await store.create(sampleSession());
    (created.value as { state: string }).state = 'ended';
    assert.equal((await store.get(created.value.id))?.value.state, 'requested');
  });
});
