// A Cosmos DB-compatible server (@vercel/cosmosdb-server, plain HTTP, memory only) in a process
// of its own, so that several bot instances, or a bot that is killed and restarted, share one
// store. Prints `{"port":N}` once it listens; stops on SIGTERM or when its parent goes away.
// Usage: node --import tsx tests/support/cosmos-server.ts [port]
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '@vercel/cosmosdb-server';

const server = createHttpServer();
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});

function stop(): void {
  server.closeAllConnections();
  server.close(() => process.exit(0));
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// An IPC channel or stdin closing means the test that started this process is gone.
process.stdin.on('end', stop);
process.stdin.resume();
