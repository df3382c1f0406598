import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CosmosClient, type Container } from '@azure/cosmos';
import { createHttpServer } from '@vercel/cosmosdb-server';
import { countRequests, diffCounts, perMessage, type OpCounts } from './store-ops.js';

describe('counting store operations', () => {
  const counts: OpCounts = {};
  const server = createHttpServer({ keepAlive: true });
  let client: CosmosClient;
  let container: Container;

  before(async () => {
    countRequests(server, counts);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new CosmosClient({
      endpoint: `http://127.0.0.1:${port}`,
      key: 'test-key',
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    const { database } = await client.databases.createIfNotExists({ id: 'count' });
    ({ container } = await database.containers.createIfNotExists({
      id: 'sessions',
      partitionKey: { paths: ['/id'] },
    }));
  });

  after(async () => {
    client.dispose();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function counted(operation: () => Promise<unknown>): Promise<OpCounts> {
    const before = { ...counts };
    await operation();
    return diffCounts(before, counts);
  }

  it('tells each point operation of the Cosmos DB SDK apart, by container', async () => {
    assert.deepEqual(await counted(() => container.items.create({ id: 'a', n: 1 })), {
      'sessions.create': 1,
    });
    assert.deepEqual(await counted(() => container.items.upsert({ id: 'a', n: 2 })), {
      'sessions.upsert': 1,
    });
    assert.deepEqual(await counted(() => container.item('a', 'a').read()), { 'sessions.read': 1 });
    assert.deepEqual(await counted(() => container.item('a', 'a').replace({ id: 'a', n: 3 })), {
      'sessions.replace': 1,
    });
    assert.deepEqual(await counted(() => container.item('a', 'a').delete()), {
      'sessions.delete': 1,
    });
  });

  it('counts answers that are errors by status', async () => {
    assert.deepEqual(await counted(() => container.item('gone', 'gone').read()), {
      'sessions.read': 1,
      'status 404': 1,
    });
  });

  it('counts queries and feeds as such, never as point operations', async () => {
    await container.items.create({ id: 'b', state: 'open' });
    const query = await counted(() =>
      container.items
        .query({
          query: 'SELECT * FROM c WHERE c.state = @s',
          parameters: [{ name: '@s', value: 'open' }],
        })
        .fetchAll(),
    );
    const feed = await counted(() => container.items.readAll().fetchAll());
    const ops = perMessage({ ...query, ...feed }, 1);
    assert.equal(ops.point, 0);
    assert.ok(ops.queries >= 1, JSON.stringify({ query, feed }));
  });

  it('reports operations per message from the difference of two counts', () => {
    const ops = perMessage(
      diffCounts(
        { 'sessions.read': 10, 'inbox.create': 4 },
        { 'sessions.read': 30, 'inbox.create': 14, 'inbox.delete': 10, metadata: 1 },
      ),
      10,
    );
    assert.equal(ops.point, 4);
    assert.equal(ops.queries, 0);
    assert.equal(ops.other, 0.1);
    assert.deepEqual(ops.byKind, {
      'sessions.read': 2,
      'inbox.create': 1,
      'inbox.delete': 1,
      metadata: 0.1,
    });
  });
});
