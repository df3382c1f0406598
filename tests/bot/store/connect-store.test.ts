// connectStore opens the embedded or a remote store, creates what is missing, and shuts down.
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { CosmosClient } from '@azure/cosmos';
import { createHttpServer } from '@vercel/cosmosdb-server';
import { createLogger } from '../../../bot/logging.js';
import { connectStore, CONTAINERS } from '../../../bot/store/connect.js';
import { StoreErrorCodes, StoreUnavailableError } from '../../../bot/store/errors.js';
import { sampleSession } from './fixtures.js';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, stream };
}

describe('connectStore', () => {
  let server: Server;
  let endpoint: string;
  before(async () => {
    server = createHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('says at info level that the embedded store keeps data in memory only', async () => {
    const { lines, stream } = capture();
    const store = await connectStore(
      { mode: 'embedded', database: 'db' },
      createLogger({ level: 'info', destination: stream }),
    );
    await store.close();
    const entry = lines
      .map((l) => JSON.parse(l) as { level: number; msg: string; store?: string })
      .find((l) => l.store === 'embedded');
    assert.equal(entry?.level, 30);
    assert.match(entry.msg, /memory only/);
  });

  it('answers ping while open and stops the embedded server on close, once', async () => {
    const store = await connectStore(
      { mode: 'embedded', database: 'db' },
      createLogger({ level: 'silent' }),
    );
    await store.ping();
    await store.close();
    await assert.rejects(store.ping(), StoreUnavailableError);
    await store.close();
  });

  it('creates the database and the containers partitioned on /id, with per-item TTL where needed', async () => {
    const store = await connectStore(
      { mode: 'remote', endpoint, key: 'test', database: 'created' },
      createLogger({ level: 'silent' }),
    );
    await store.close();
    const client = new CosmosClient({
      endpoint,
      key: 'test',
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    try {
      for (const id of Object.values(CONTAINERS)) {
        const { resource } = await client.database('created').container(id).read();
        assert.ok(resource, id);
        assert.deepEqual(resource.partitionKey?.paths, ['/id'], id);
        const perItemTtl = id !== CONTAINERS.users && id !== CONTAINERS.dialogState;
        assert.equal(resource.defaultTtl, perItemTtl ? -1 : undefined, id);
      }
    } finally {
      client.dispose();
    }
  });

  it('reopens existing containers and finds the data written before', async () => {
    const config = { mode: 'remote', endpoint, key: 'test', database: 'reopened' } as const;
    const first = await connectStore(config, createLogger({ level: 'silent' }));
    const created = await first.sessions.create(sampleSession());
    await first.close();
    const second = await connectStore(config, createLogger({ level: 'silent' }));
    try {
      assert.deepEqual(await second.sessions.get(created.value.id), created);
    } finally {
      await second.close();
    }
  });

  it('gives ended sessions the configured time to live', async () => {
    const config = { mode: 'remote', endpoint, key: 'test', database: 'ttl' } as const;
    const store = await connectStore(config, createLogger({ level: 'silent' }), {
      endedSessionTtlSeconds: 120,
    });
    const client = new CosmosClient({
      endpoint,
      key: 'test',
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    try {
      const created = await store.sessions.create(sampleSession());
      await store.sessions.replace({ ...created.value, state: 'ended' }, created.etag);
      const { id } = created.value;
      const raw = await client.database('ttl').container(CONTAINERS.sessions).item(id, id).read();
      assert.equal((raw.resource as { ttl?: number } | undefined)?.ttl, 120);
    } finally {
      client.dispose();
      await store.close();
    }
  });

  it('fails with STORE_UNAVAILABLE when the endpoint cannot be reached', async () => {
    const closed = createHttpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const config = {
      mode: 'remote',
      endpoint: `http://127.0.0.1:${port}`,
      key: 'secret-key-value',
      database: 'x',
    } as const;
    await assert.rejects(
      connectStore(config, createLogger({ level: 'silent' })),
      (error: unknown) => {
        assert.ok(error instanceof StoreUnavailableError);
        assert.equal(error.code, StoreErrorCodes.STORE_UNAVAILABLE);
        assert.doesNotMatch(error.message, /secret-key-value/);
        return true;
      },
    );
  });
});
