// The embedded Cosmos-compatible server keeps a connection open between requests (no new TCP
// connection per store operation), and closing the store still ends every open connection.
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createLogger } from '../../../bot/logging.js';
import { connectStore, type Store } from '../../../bot/store/connect.js';
import { waitFor } from '../../support/http.js';

interface Answer {
  readonly status: number;
  readonly connection?: string;
  readonly reusedSocket: boolean;
  readonly socket: Socket;
}

/** An embedded store and the port its server listens on (which it logs at start). */
async function embeddedStore(): Promise<{ store: Store; port: number }> {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const store = await connectStore(
    { mode: 'embedded', database: 'db' },
    createLogger({ level: 'info', destination }),
  );
  const port = lines
    .map((l) => JSON.parse(l) as { store?: string; port?: number })
    .find((l) => l.store === 'embedded')?.port;
  assert.ok(port !== undefined, 'the embedded store logs its port');
  return { store, port };
}

/** Reads the account document, as the Cosmos DB SDK does. */
function readAccount(port: number, agent: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // Taken when assigned: the agent detaches a kept-alive socket from the exchange once it ends,
    // which may be before the response callback runs.
    let socket: Socket | undefined;
    const req = request({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
      res.resume();
      res.on('end', () => {
        resolve({
          status: res.statusCode ?? 0,
          connection: res.headers.connection,
          reusedSocket: req.reusedSocket,
          socket: socket ?? assert.fail('no socket was assigned'),
        });
      });
    });
    req.on('socket', (assigned: Socket) => {
      socket = assigned;
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the embedded store server', () => {
  it('answers two reads over one TCP connection', async () => {
    const { store, port } = await embeddedStore();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await readAccount(port, agent);
      const second = await readAccount(port, agent);
      assert.equal(first.status, 200);
      assert.equal(first.connection, 'keep-alive');
      assert.equal(second.status, 200);
      assert.equal(second.reusedSocket, true);
      assert.equal(second.socket, first.socket);
    } finally {
      agent.destroy();
      await store.close();
    }
  });

  it('closes open connections when the store is closed', async () => {
    const { store, port } = await embeddedStore();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await store.ping();
      const { socket } = await readAccount(port, agent);
      assert.equal(socket.destroyed, false, 'the connection stays open after the answer');
      await store.close();
      await waitFor(() => socket.destroyed, 'the server to close the idle connection', 2000);
    } finally {
      agent.destroy();
    }
  });
});
