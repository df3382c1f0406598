// POST /api/now/table/{table} and PATCH|PUT /api/now/table/{table}/{sys_id}: the write side of
// the Table API, for task records (tickets) and interaction updates (the survey's work note).
// As documented: an insert answers 201 with the record (only `sysparm_fields` when given) and a
// Location header; an update answers 200; a missing record 404. Refusals (ACL, data policy,
// aborted insert) answer 403 with ServiceNow's error body; unknown fields are ignored.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, errorBody, parseJsonObject, readBody, sendJson } from './http-util.js';
import type { InteractionStore } from './interactions.js';
import type { RecordStore } from './records.js';
import type { Row } from './tables.js';

export interface TableWritesOptions {
  readonly records: RecordStore;
  readonly interactions: InteractionStore;
  readonly format: (table: string, row: Row, params: URLSearchParams) => Record<string, unknown>;
  readonly baseUrl: () => string;
}

type Fields = Record<string, string>;

export class TableWrites {
  constructor(private readonly o: TableWritesOptions) {}

  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    route: { readonly table: string; readonly sysId?: string },
    url: URL,
  ): Promise<void> {
    const fields = await this.fieldsOf(req, res);
    if (fields === undefined) return;
    if (req.method === 'POST' && route.sysId === undefined) {
      this.insert(res, route.table, fields, url);
      return;
    }
    if ((req.method === 'PATCH' || req.method === 'PUT') && route.sysId !== undefined) {
      this.update(res, route.table, route.sysId, fields);
      return;
    }
    sendJson(res, 405, errorBody('Method not Supported', 'Not a Table API operation'));
  }

  private insert(res: ServerResponse, table: string, fields: Fields, url: URL): void {
    if (!this.o.records.names().includes(table)) {
      sendJson(res, 403, errorBody('Operation Failed', 'ACL restricts the insert'));
      return;
    }
    const outcome = this.o.records.insert(table, fields);
    if ('failure' in outcome) {
      const { status, message, detail } = outcome.failure;
      sendJson(res, status, errorBody(message, detail));
      return;
    }
    const { row } = outcome;
    const location = `${this.o.baseUrl()}/api/now/table/${table}/${row.sys_id ?? ''}`;
    sendJson(res, 201, { result: this.o.format(table, row, url.searchParams) }, { location });
  }

  private update(res: ServerResponse, table: string, sysId: string, fields: Fields): void {
    const exists =
      table === 'interaction'
        ? this.o.interactions.all().some((i) => i.sys_id === sysId)
        : this.o.records.rows(table).some((r) => r.sys_id === sysId);
    if (!exists) {
      const detail = "Record doesn't exist or ACL restricts the record retrieval";
      sendJson(res, 404, errorBody('No Record found', detail));
      return;
    }
    if (this.o.records.updatesRefused(table)) {
      sendJson(res, 403, errorBody('Operation Failed', 'ACL restricts the record update'));
      return;
    }
    this.o.records.update(table, sysId, fields);
    sendJson(res, 200, { result: { sys_id: sysId } });
  }

  /** The JSON object of field values; answers 400 itself when the body is not one. */
  private async fieldsOf(req: IncomingMessage, res: ServerResponse): Promise<Fields | undefined> {
    let text: string;
    try {
      text = await readBody(req);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      sendJson(res, 413, errorBody('Request entity too large', null));
      return undefined;
    }
    const parsed = parseJsonObject(text);
    if (parsed === undefined) {
      const detail = 'The payload is not a valid JSON object.';
      sendJson(res, 400, errorBody('Exception while reading request', detail));
      return undefined;
    }
    const fields: Fields = {};
    for (const [name, value] of Object.entries(parsed)) {
      if (typeof value === 'string') fields[name] = value;
      else if (typeof value === 'number' || typeof value === 'boolean')
        fields[name] = String(value);
    }
    return fields;
  }
}
