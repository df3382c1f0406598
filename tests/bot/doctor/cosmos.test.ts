// The doctor's Cosmos DB check against the Cosmos-compatible server on loopback.
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CosmosClient } from '@azure/cosmos';
import { createHttpServer } from '@vercel/cosmosdb-server';
import { loadConfig } from '../../../bot/config/index.js';
import { createLogger } from '../../../bot/logging.js';
import { CONTAINERS, connectStore } from '../../../bot/store/index.js';
import { closedPortUrl, diagnose } from './support.js';

describe('doctor: Cosmos DB reachable with the right containers', () => {
  let server: Server;
  let endpoint: string;
  let client: CosmosClient;

  before(async () => {
    server = createHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new CosmosClient({
      endpoint,
      key: 'test-key',
      connectionPolicy: { enableEndpointDiscovery: false },
    });
  });
  after(async () => {
    client.dispose();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const env = (database: string, at = endpoint): Record<string, string> => ({
    COSMOS_ENDPOINT: at,
    COSMOS_KEY: 'test-key',
    COSMOS_DATABASE: database,
  });

  it('passes for the database the bot creates', async () => {
    const store = await connectStore(
      loadConfig(env('complete')).cosmos,
      createLogger({ level: 'silent' }),
    );
    await store.close();
    const d = await diagnose({ env: env('complete'), botUrl: false });
    const cosmos = d.get('cosmos');
    assert.equal(cosmos.status, 'pass', cosmos.detail);
    for (const id of Object.values(CONTAINERS)) assert.ok(cosmos.detail.includes(id));
  });

  it('names the containers that are missing or not partitioned on /id', async () => {
    const { database } = await client.databases.createIfNotExists({ id: 'partial' });
    await database.containers.createIfNotExists({ id: 'users', partitionKey: { paths: ['/id'] } });
    await database.containers.createIfNotExists({
      id: 'sessions',
      partitionKey: { paths: ['/userKey'] },
    });
    const d = await diagnose({ env: env('partial'), botUrl: false });
    const cosmos = d.get('cosmos');
    assert.equal(cosmos.status, 'fail');
    assert.match(cosmos.detail, /missing inbox, outbox, dialogState/);
    assert.match(cosmos.detail, /not partitioned on \/id: sessions/);
    assert.match(cosmos.fix ?? '', /recreate sessions on \/id/);
  });

  it('says when the database does not exist', async () => {
    const d = await diagnose({ env: env('nowhere'), botUrl: false });
    assert.equal(d.get('cosmos').status, 'fail');
    assert.match(d.get('cosmos').detail, /database nowhere does not exist/);
    assert.match(d.get('cosmos').fix ?? '', /COSMOS_DATABASE/);
  });

  it('says when the account cannot be reached', async () => {
    const d = await diagnose({ env: env('complete', await closedPortUrl()), botUrl: false });
    assert.equal(d.get('cosmos').status, 'fail');
    assert.match(d.get('cosmos').detail, /cannot reach Cosmos DB at http:\/\/127\.0\.0\.1:\d+/);
  });

  it('has nothing to check with the embedded store', async () => {
    const d = await diagnose({ env: {}, botUrl: false });
    assert.equal(d.get('cosmos').status, 'skip');
    assert.match(d.get('cosmos').detail, /embedded memory-only store/);
  });
});
