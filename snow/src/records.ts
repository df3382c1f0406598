// Records of task tables (`incident`, or any table the admin configures) created and updated
// through the Table API, and found again by the idempotency key the bot stores on them.
//
// Reference (ServiceNow docs, `api-reference/rest-apis/c_TableAPI.md`, Australia release): one
// record per `POST /api/now/table/{tableName}` (no multi-insert), answered 201 with
// `{"result": {…the record…}}` including the generated `number` (e.g. INC0010002); 400 and 404 are
// the documented failures. `sysparm_fields` and `sysparm_exclude_reference_link` apply to the
// answer. `PATCH /api/now/table/{tableName}/{sys_id}` changes only the fields sent and answers 200.
// Not in that page (inferred, see the project's reference notes): ACLs, data policies (mandatory
// fields) and business rules aborting an insert answer 403 (or 400) with ServiceNow's error body
// `{"error": {"message", "detail"}, "status": "failure"}`; journal fields (`work_notes`) append.
import {
  SnowAuthError,
  SnowBadResponseError,
  SnowQueryValueError,
  SnowRecordRefusedError,
} from './errors.js';
import { errorForStatus, type HttpResult, type SnowHttp } from './http.js';
import { EncodedQuery, checkSysId } from './query.js';
import { stringValue, type TableApi, type TableRow } from './table-api.js';

/** A record as far as the bot needs it: which one, its number, and the key it was created with. */
export interface TaskRecord {
  readonly sysId: string;
  /** e.g. INC0010023; absent on tables without a number field. */
  readonly number?: string;
  readonly correlationId?: string;
}

/** Field name → value, as the Table API takes them (values are strings; references are sys_ids). */
export type RecordFields = Readonly<Record<string, string>>;

const tablePattern = /^[a-z][a-z0-9_]{0,79}$/;
const fieldPattern = /^[a-z][a-z0-9_]{0,79}$/;
const returned = ['sys_id', 'number', 'correlation_id'];
/** The idempotency key's field: free text meant for the ids of external systems. */
export const CORRELATION_FIELD = 'correlation_id';
const reasonLength = 300;

export class Records {
  constructor(
    private readonly http: SnowHttp,
    private readonly tables: TableApi,
  ) {}

  /** Inserts one record; throws SnowRecordRefusedError (with ServiceNow's reason) when refused. */
  async create(table: string, fields: RecordFields): Promise<TaskRecord> {
    const operation = `Table API insert into ${checkTable(table)}`;
    const params = new URLSearchParams({
      sysparm_fields: returned.join(','),
      sysparm_exclude_reference_link: 'true',
    });
    const result = await this.http.post(
      operation,
      `api/now/table/${table}?${params.toString()}`,
      JSON.stringify(checkFields(fields)),
    );
    if (result.status !== 201 && result.status !== 200) throw refusal(operation, result);
    return toRecord(operation, (result.body as { result?: unknown } | undefined)?.result);
  }

  /** The newest record of `table` carrying this idempotency key, if any. */
  async findByCorrelationId(table: string, correlationId: string): Promise<TaskRecord | undefined> {
    const query = EncodedQuery.where(CORRELATION_FIELD, '=', correlationId).orderByDesc(
      'sys_created_on',
    );
    const rows = await this.tables.list(checkTable(table), { query, fields: returned, limit: 1 });
    return rows[0] === undefined ? undefined : toRecord(`Table API read of ${table}`, rows[0]);
  }

  /** Changes only the given fields of one record (a journal field such as work_notes appends). */
  async update(table: string, sysId: string, fields: RecordFields): Promise<void> {
    const operation = `Table API update of ${checkTable(table)}`;
    const id = checkSysId(sysId, 'The record id');
    const result = await this.http.patch(
      operation,
      `api/now/table/${table}/${id}?sysparm_fields=sys_id`,
      JSON.stringify(checkFields(fields)),
    );
    if (result.status !== 200) throw refusal(operation, result);
  }
}

function checkTable(table: string): string {
  if (!tablePattern.test(table)) throw new SnowQueryValueError('Invalid table name');
  return table;
}

function checkFields(fields: RecordFields): RecordFields {
  for (const name of Object.keys(fields)) {
    if (!fieldPattern.test(name)) throw new SnowQueryValueError('Invalid field name for a record');
  }
  return fields;
}

function toRecord(operation: string, row: unknown): TaskRecord {
  const record = typeof row === 'object' && row !== null ? (row as TableRow) : {};
  const sysId = stringValue(record.sys_id);
  if (sysId === undefined) throw new SnowBadResponseError(`${operation}: no record in the answer`);
  return {
    sysId,
    number: stringValue(record.number),
    correlationId: stringValue(record[CORRELATION_FIELD]),
  };
}

/** 400/403 on a write is ServiceNow refusing this record: say why, from its own error body. */
function refusal(operation: string, result: HttpResult) {
  const { status } = result;
  if (status !== 400 && status !== 403) return errorForStatus(operation, result);
  const message = `${operation}: ServiceNow refused the record (HTTP ${status})`;
  const reason = reasonOf(result.body);
  if (status === 403 && reason === undefined) return new SnowAuthError(message, status);
  return new SnowRecordRefusedError(message, status, reason);
}

function reasonOf(body: unknown): string | undefined {
  const error = (body as { error?: { message?: unknown; detail?: unknown } } | undefined)?.error;
  const parts = [error?.message, error?.detail].filter(
    (p): p is string => typeof p === 'string' && p.trim() !== '',
  );
  if (parts.length === 0) return undefined;
  // eslint-disable-next-line no-control-regex
  const text = parts.join(': ').replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return text.length > reasonLength ? `${text.slice(0, reasonLength)}…` : text;
}
