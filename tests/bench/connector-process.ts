// A fake Bot Connector in its own process: accepts the activities the bot (or the floor) sends to
// Teams, stamps their arrival by the benchmark marker in the text, and counts the rest.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ArrivalReporter, serveParent } from './ipc.js';
import { markerIn } from './markers.js';

/** `/teams/v3/conversations/{id}/activities[/{replyToId}]` */
const ACTIVITIES = /^\/teams\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/;

function main(): void {
  const arrivals = new ArrivalReporter();
  const unmarked: Record<string, number> = {};
  const server = createServer((req, res) => {
    const match = ACTIVITIES.exec(req.url ?? '');
    if (req.method !== 'POST' || match?.[1] === undefined) {
      reply(res, 404, { error: { code: 'NotFound' } });
      return;
    }
    const conversationId = decodeURIComponent(match[1]);
    readText(req).then(
      (text) => {
        const marker = markerIn(text);
        if (marker !== undefined) arrivals.record(marker);
        else unmarked[conversationId] = (unmarked[conversationId] ?? 0) + 1;
        reply(res, 200, { id: randomUUID() });
      },
      () => {
        reply(res, 400, { error: { code: 'BadRequest' } });
      },
    );
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    serveParent(
      { serviceUrl: `http://127.0.0.1:${port}/teams/` },
      { unmarked: (id) => unmarked[id as string] ?? 0 },
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

/** The activity's text (empty for typing and other text-less activities). */
async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text?: unknown };
  return typeof activity.text === 'string' ? activity.text : '';
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

main();
