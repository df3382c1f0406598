// The Cosmos DB-compatible store in its own process (memory only, plain HTTP on loopback), counting
// every request it serves by kind so that the benchmark can report store operations per message.
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '@vercel/cosmosdb-server';
import { serveParent } from './ipc.js';
import { countRequests, type OpCounts } from './store-ops.js';

function main(): void {
  const counts: OpCounts = {};
  // Without keepAlive the server answers `Connection: close` and every store operation pays for a
  // new TCP connection, which a real Cosmos DB account does not make its clients do.
  const server = createHttpServer({ keepAlive: true });
  // Longer than any pause in the benchmark: a connection the server closes just as the client
  // reuses it fails with ECONNRESET, an artefact of the 5 s default that would count as an error.
  server.keepAliveTimeout = 120_000;
  countRequests(server, counts);
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    serveParent(
      { url: `http://127.0.0.1:${port}` },
      { counts: () => ({ ...counts }) },
      () =>
        new Promise<void>((resolve) => {
          server.close(() => {
            resolve();
          });
          server.closeAllConnections();
        }),
    );
  });
}

main();
