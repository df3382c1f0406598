// The simulator's HTTP server: routes requests to the VA API or the Table API and answers
// anything else the way ServiceNow does.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorBody, sendJson } from './http-util.js';
import type { KnowledgeApi } from './knowledge.js';
import type { MediaLibrary } from './media.js';
import type { TokenIssuer } from './oauth.js';
import { matchTableRoute, type TableApi } from './table-api.js';
import type { SimulatorLog } from './types.js';
import type { VaApi } from './va-api.js';

export const VA_PATH = '/api/sn_va_as_service/bot/integration';
export const OAUTH_PATH = '/oauth_token.do';

export interface Routes {
  readonly va: VaApi;
  readonly table: TableApi;
  readonly oauth: TokenIssuer;
  readonly knowledge: KnowledgeApi;
  readonly media: MediaLibrary;
}

async function route(routes: Routes, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator.invalid');
  if (url.pathname === VA_PATH) {
    if (req.method === 'POST') return routes.va.handle(req, res);
    sendJson(res, 405, {
      status: 'failure',
      error: { message: 'Invalid method. The functionality is disabled.', detail: null },
    });
    return;
  }
  if (url.pathname === OAUTH_PATH) return routes.oauth.handle(req, res);
  // Without the plugin its path is unknown: the answer below, as for any unknown resource.
  if (routes.knowledge.serves(url.pathname)) return routes.knowledge.handle(req, res, url);
  if (routes.media.matches(url.pathname)) return routes.media.handle(req, res, url.pathname);
  const table = matchTableRoute(url.pathname);
  if (table !== undefined) return routes.table.handle(req, res, table, url);
  sendJson(res, 400, errorBody('Requested URI does not represent any resource', null));
}

export function createSimulatorServer(routes: Routes, log: SimulatorLog): Server {
  return createServer((req, res) => {
    route(routes, req, res).catch((error: unknown) => {
      log('http.failed', { error: error instanceof Error ? error.name : 'unknown' });
      if (!res.headersSent) sendJson(res, 500, errorBody('Internal Server Error', null));
      else res.destroy();
    });
  });
}

export function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve(`http://${shownHost}:${address.port}`);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => {
      if (error === undefined) resolve();
      else reject(error);
    });
    server.closeAllConnections();
  });
}
