// The Cosmos DB stores, on the embedded Cosmos-compatible server, keep the store contracts;
// plus what only Cosmos does: system fields, and TTL on ended sessions and spilled payloads.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CosmosClient } from '@azure/cosmos';
import { createHttpServer } from '@vercel/cosmosdb-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Container } from '@azure/cosmos';
import { createLogger } from '../../../bot/logging.js';
import { connectStore, type Store } from '../../../bot/store/connect.js';
import {
  CosmosSessionStore,
  ENDED_SESSION_TTL_SECONDS,
} from '../../../bot/store/cosmos-session-store.js';
import { CosmosSpillStore, SPILL_TTL_SECONDS } from '../../../bot/store/cosmos-spill-store.js';
import { StoreUnavailableError, StoreErrorCodes } from '../../../bot/store/errors.js';
import type { InboxPayload } from '../../../bot/store/types.js';
import { sampleSession, sampleSpill } from './fixtures.js';
import { sessionStoreContract } from './session-store.contract.js';
import { spillStoreContract } from './spill-store.contract.js';
import { userStoreContract } from './user-store.contract.js';

describe('Cosmos DB stores on the embedded server', () => {
  let store: Store;
  before(async () => {
    store = await connectStore(
      { mode: 'embedded', database: 'contract' },
      createLogger({ level: 'silent' }),
    );
  });
  after(() => store.close());

  sessionStoreContract('CosmosSessionStore', () => store.sessions);
  userStoreContract('CosmosUserStore', () => store.users);
  spillStoreContract('CosmosSpillStore (inbox)', () => store.inbox);
});

describe('Cosmos DB documents', () => {
  let server: Server;
  let client: CosmosClient;
  let container: Container;
  let spills: Container;
  before(async () => {
    server = createHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new CosmosClient({
      endpoint: `http://127.0.0.1:${port}`,
      key: 'test',
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    const { database } = await client.databases.createIfNotExists({ id: 'documents' });
    ({ container } = await database.containers.createIfNotExists({
      id: 'sessions',
      partitionKey: { paths: ['/id'] },
      defaultTtl: -1,
    }));
    ({ container: spills } = await database.containers.createIfNotExists({
      id: 'inbox',
      partitionKey: { paths: ['/id'] },
      defaultTtl: -1,
    }));
  });
  after(async () => {
    client.dispose();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('writes an ended session with a ttl so Cosmos DB expires it, and an open one without', async () => {
    const store = new CosmosSessionStore(container);
    const created = await store.create(sampleSession());
    const open = await container.item(created.value.id, created.value.id).read<{ ttl?: number }>();
    assert.equal(open.resource?.ttl, undefined);
    await store.replace({ ...created.value, state: 'ended' }, created.etag);
    const ended = await container.item(created.value.id, created.value.id).read<{ ttl?: number }>();
    assert.equal(ended.resource?.ttl, ENDED_SESSION_TTL_SECONDS);
  });

  it('uses the configured ttl for ended sessions', async () => {
    const store = new CosmosSessionStore(container, { endedTtlSeconds: 60 });
    const created = await store.create(sampleSession({ state: 'ended' }));
    const raw = await container.item(created.value.id, created.value.id).read<{ ttl?: number }>();
    assert.equal(raw.resource?.ttl, 60);
  });

  it('strips the system fields Cosmos DB stores with each document', async () => {
    const store = new CosmosSessionStore(container);
    const created = await store.create(sampleSession());
    const raw = await container
      .item(created.value.id, created.value.id)
      .read<Record<string, unknown>>();
    assert.ok(
      raw.resource && '_rid' in raw.resource && '_etag' in raw.resource && '_ts' in raw.resource,
    );
    const read = await store.get(created.value.id);
    assert.deepEqual(
      Object.keys(read?.value ?? {}).filter((k) => k.startsWith('_')),
      [],
    );
    assert.equal(read?.etag, raw.resource._etag);
  });

  it('writes spilled payloads with a ttl, renewed when one is written again', async () => {
    const store = new CosmosSpillStore<InboxPayload>(spills, 'inbox');
    const spilled = sampleSpill();
    await store.put(spilled);
    const first = await spills.item(spilled.id, spilled.id).read<{ ttl?: number }>();
    assert.equal(first.resource?.ttl, SPILL_TTL_SECONDS);
    const shorter = new CosmosSpillStore<InboxPayload>(spills, 'inbox', { ttlSeconds: 60 });
    await shorter.put(spilled);
    const again = await spills.item(spilled.id, spilled.id).read<{ ttl?: number }>();
    assert.equal(again.resource?.ttl, 60);
    assert.deepEqual(await store.get(spilled.id), spilled);
  });

  it('reports a missing container as unavailable, with the cause attached', async () => {
    const store = new CosmosSpillStore<InboxPayload>(
      client.database('documents').container('no-such-container'),
      'inbox',
    );
    await assert.rejects(store.put(sampleSpill()), (error: unknown) => {
      assert.ok(error instanceof StoreUnavailableError);
      assert.equal(error.code, StoreErrorCodes.STORE_UNAVAILABLE);
      assert.ok(error.cause instanceof Error);
      assert.doesNotMatch(error.message, /Hello, I am Jordan/);
      return true;
    });
  });
});
