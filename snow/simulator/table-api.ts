// GET /api/now/[v1|v2/]table/{table}[/{sys_id}]: the read side of ServiceNow's Table API with its
// query parameters, paging headers, reference links and the v1/v2 difference on empty results.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { matches, parseEncodedQuery, sortRows, type EncodedQuery } from './encoded-query.js';
import type { CallerAuth } from './caller-auth.js';
import type { FaultInjector } from './faults.js';
import {
  acceptsJson,
  commaList,
  countParam,
  errorBody,
  sendJson,
  sendUnauthorized,
} from './http-util.js';
import type { Row, TableCatalog } from './tables.js';
import type { TableWrites } from './table-writes.js';
import type { ReceivedTableRequest, SimulatorLog } from './types.js';

const DEFAULT_LIMIT = 10000;

export interface TableRoute {
  readonly version?: string;
  readonly table: string;
  readonly sysId?: string;
}

export interface TableApiOptions {
  readonly auth: CallerAuth;
  readonly requests: ReceivedTableRequest[];
  readonly faults: FaultInjector;
  readonly catalog: TableCatalog;
  readonly baseUrl: () => string;
  readonly log: SimulatorLog;
  /** Inserts and updates; without it the Table API only reads. */
  readonly writes?: TableWrites;
}

const TABLE_PATH = /^\/api\/now\/(?:(v1|v2)\/)?table\/([^/]+)(?:\/([^/]+))?\/?$/;

export function matchTableRoute(pathname: string): TableRoute | undefined {
  const match = TABLE_PATH.exec(pathname);
  if (match === null) return undefined;
  const [, version, table = '', sysId] = match;
  return {
    table: decodeURIComponent(table),
    ...(version === undefined ? {} : { version }),
    ...(sysId === undefined ? {} : { sysId: decodeURIComponent(sysId) }),
  };
}

/** `sysparm_query`, or else plain `field=value` parameters, which are AND-ed equality tests. */
function queryOf(params: URLSearchParams): EncodedQuery {
  const encoded = params.get('sysparm_query');
  if (encoded !== null) return parseEncodedQuery(encoded);
  const clauses = [...params.entries()]
    .filter(([name]) => !name.startsWith('sysparm_'))
    .map(([field, value]) => [{ field, operator: '=' as const, value }]);
  return { groups: [clauses], orderBy: [] };
}

export class TableApi {
  constructor(private readonly o: TableApiOptions) {}

  async handle(req: IncomingMessage, res: ServerResponse, route: TableRoute, url: URL) {
    const query = Object.fromEntries(url.searchParams.entries());
    const faulted = await this.o.faults.answer('table', res);
    await this.serve(req, res, route, url, faulted);
    const status = faulted ?? res.statusCode;
    this.o.requests.push({
      at: Date.now(),
      method: req.method ?? '',
      path: url.pathname,
      query,
      status,
    });
  }

  private async serve(
    req: IncomingMessage,
    res: ServerResponse,
    route: TableRoute,
    url: URL,
    faulted: number | 'reset' | undefined,
  ): Promise<void> {
    if (faulted !== undefined) return;
    if (!this.o.auth.authenticated(req)) {
      sendUnauthorized(res);
      return;
    }
    if (req.method !== 'GET' && this.o.writes !== undefined && this.o.catalog.has(route.table)) {
      await this.o.writes.handle(req, res, route, url);
      return;
    }
    if (req.method !== 'GET') {
      sendJson(res, 405, errorBody('Method not Supported', 'The simulator only reads'));
      return;
    }
    const accept = req.headers.accept;
    if (accept === undefined) {
      sendJson(res, 400, errorBody('Accept header missing', 'Send Accept: application/json'));
      return;
    }
    if (!acceptsJson(accept)) {
      sendJson(res, 406, errorBody('Requested content type is not supported', accept));
      return;
    }
    if (!this.o.catalog.has(route.table)) {
      sendJson(res, 400, errorBody(`Invalid table ${route.table}`, null));
      return;
    }
    if (route.sysId !== undefined) {
      this.one(res, route.table, route.sysId, url);
      return;
    }
    this.list(res, route, url);
  }

  private one(res: ServerResponse, table: string, sysId: string, url: URL): void {
    const row = this.o.catalog.rows(table).find((r) => r.sys_id === sysId);
    if (row === undefined) {
      const detail = "Record doesn't exist or ACL restricts the record retrieval";
      sendJson(res, 404, errorBody('No Record found', detail));
      return;
    }
    sendJson(res, 200, { result: this.format(table, row, url.searchParams) });
  }

  private list(res: ServerResponse, route: TableRoute, url: URL): void {
    const params = url.searchParams;
    const reader = this.o.catalog.reader(route.table);
    const query = queryOf(params);
    const found = this.o.catalog.rows(route.table).filter((row) => matches(query, row, reader));
    const sorted = sortRows(found, query.orderBy, reader);
    const limit = countParam(params.get('sysparm_limit'), DEFAULT_LIMIT);
    const offset = countParam(params.get('sysparm_offset'), 0);
    const page = sorted.slice(offset, offset + limit);
    this.o.log('table.request', {
      table: route.table,
      total: sorted.length,
      returned: page.length,
    });
    if (page.length === 0 && route.version === 'v1') {
      sendJson(res, 404, errorBody('No Record found', 'Records not found'));
      return;
    }
    const headers: Record<string, string> = { 'x-total-count': String(sorted.length) };
    if (params.get('sysparm_suppress_pagination_header') !== 'true') {
      headers.link = this.links(url, { offset, limit, total: sorted.length });
    }
    const result = page.map((row) => this.format(route.table, row, params));
    sendJson(res, 200, { result }, headers);
  }

  format(table: string, row: Row, params: URLSearchParams): Record<string, unknown> {
    const fields = params.get('sysparm_fields');
    return this.o.catalog.format(table, row, {
      excludeReferenceLink: params.get('sysparm_exclude_reference_link') === 'true',
      baseUrl: this.o.baseUrl(),
      ...(fields === null ? {} : { fields: commaList(fields) }),
    });
  }

  /** RFC 5988 `Link` header with first/prev/next/last pages. */
  private links(url: URL, page: { offset: number; limit: number; total: number }): string {
    const { offset, limit, total } = page;
    const at = (o: number, rel: string): string => {
      const target = new URL(url.pathname + url.search, this.o.baseUrl());
      target.searchParams.set('sysparm_offset', String(o));
      target.searchParams.set('sysparm_limit', String(limit));
      return `<${target.href}>;rel="${rel}"`;
    };
    const step = Math.max(limit, 1);
    const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / step) * step;
    const parts = [at(0, 'first')];
    if (offset > 0) parts.push(at(Math.max(0, offset - step), 'prev'));
    if (offset + step < total) parts.push(at(offset + step, 'next'));
    parts.push(at(lastOffset, 'last'));
    return parts.join(',');
  }
}
