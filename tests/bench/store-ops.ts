// Classifies Cosmos DB REST requests, so that the benchmark can count the store operations per
// relayed message and tell point operations (by id) from queries and feeds.
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';

export const StoreOp = {
  read: 'read',
  create: 'create',
  upsert: 'upsert',
  replace: 'replace',
  delete: 'delete',
  patch: 'patch',
  query: 'query',
  feed: 'feed',
  batch: 'batch',
  metadata: 'metadata',
} as const;

export type StoreOp = (typeof StoreOp)[keyof typeof StoreOp];

/** Operations addressed to one document by id. */
export const POINT_OPS: ReadonlySet<StoreOp> = new Set([
  StoreOp.read,
  StoreOp.create,
  StoreOp.upsert,
  StoreOp.replace,
  StoreOp.delete,
  StoreOp.patch,
]);

export interface ClassifiedRequest {
  readonly op: StoreOp;
  /** The container, for document operations. */
  readonly container?: string;
}

type Headers = Readonly<Record<string, string | string[] | undefined>>;

function flag(headers: Headers, name: string): boolean {
  const value = headers[name];
  return typeof value === 'string' && value.toLowerCase() === 'true';
}

/** What a request to the Cosmos DB REST API does (paths `/dbs/{db}/colls/{coll}/docs[/{id}]`). */
export function classify(method: string, url: string, headers: Headers): ClassifiedRequest {
  const segments = new URL(url, 'http://store').pathname.split('/').filter(Boolean);
  const [dbs, , colls, container, docs] = segments;
  if (dbs !== 'dbs' || colls !== 'colls' || docs !== 'docs' || container === undefined) {
    return { op: StoreOp.metadata };
  }
  const byId = segments.length === 6;
  return { op: byId ? documentOp(method) : collectionOp(method, headers), container };
}

function documentOp(method: string): StoreOp {
  switch (method.toUpperCase()) {
    case 'GET':
      return StoreOp.read;
    case 'PUT':
      return StoreOp.replace;
    case 'DELETE':
      return StoreOp.delete;
    case 'PATCH':
      return StoreOp.patch;
    default:
      return StoreOp.metadata;
  }
}

function collectionOp(method: string, headers: Headers): StoreOp {
  const verb = method.toUpperCase();
  if (verb === 'GET') return StoreOp.feed;
  if (verb !== 'POST') return StoreOp.metadata;
  if (flag(headers, 'x-ms-documentdb-isquery')) return StoreOp.query;
  if (flag(headers, 'x-ms-cosmos-is-batch-request') || flag(headers, 'x-ms-cosmos-batch-atomic')) {
    return StoreOp.batch;
  }
  const contentType = headers['content-type'];
  if (typeof contentType === 'string' && contentType.includes('query+json')) return StoreOp.query;
  return flag(headers, 'x-ms-documentdb-is-upsert') ? StoreOp.upsert : StoreOp.create;
}

/** Counts by `container.op` (document operations) or `op` (metadata). */
export type OpCounts = Record<string, number>;

export function countKey(request: ClassifiedRequest): string {
  return request.container === undefined ? request.op : `${request.container}.${request.op}`;
}

/**
 * Counts every request `server` serves into `counts`, by `countKey`, and every answer of 400 or
 * more as `status <code>` (a 404 or 412 on the hot path costs an exception in the client).
 */
export function countRequests(server: Server, counts: OpCounts): void {
  const [serve] = server.listeners('request') as RequestListener[];
  if (serve === undefined) throw new Error('the server has no request handler to count for');
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const key = countKey(classify(req.method ?? 'GET', req.url ?? '/', req.headers));
    counts[key] = (counts[key] ?? 0) + 1;
    res.once('finish', () => {
      if (res.statusCode < 400) return;
      const status = `status ${res.statusCode}`;
      counts[status] = (counts[status] ?? 0) + 1;
    });
    serve.call(server, req, res);
  });
}

/** after − before, keeping only keys that changed. */
export function diffCounts(before: OpCounts, after: OpCounts): OpCounts {
  const diff: OpCounts = {};
  for (const [key, value] of Object.entries(after)) {
    const delta = value - (before[key] ?? 0);
    if (delta !== 0) diff[key] = delta;
  }
  return diff;
}

export interface OpsPerMessage {
  /** Point operations (by id) per message. */
  readonly point: number;
  /** Queries and feeds per message: the hot path must have none. */
  readonly queries: number;
  readonly other: number;
  /** Per message, by `container.op`. */
  readonly byKind: Readonly<Record<string, number>>;
}

export function perMessage(diff: OpCounts, messages: number): OpsPerMessage {
  let point = 0;
  let queries = 0;
  let other = 0;
  const byKind: Record<string, number> = {};
  for (const [key, count] of Object.entries(diff)) {
    const op = (key.split('.').at(-1) ?? key) as StoreOp;
    if (POINT_OPS.has(op)) point += count;
    else if (op === StoreOp.query || op === StoreOp.feed) queries += count;
    else other += count;
    byKind[key] = count / messages;
  }
  return { point: point / messages, queries: queries / messages, other: other / messages, byKind };
}
