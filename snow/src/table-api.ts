// Reads rows through ServiceNow's Table API (`GET /api/now/table/{table}`), hiding the differences
// between API versions: v1 answers 404 when a valid query has no rows, v2 answers `{"result":[]}`.
import { SnowBadResponseError, SnowQueryValueError } from './errors.js';
import { errorForStatus, type HttpResult, type SnowHttp } from './http.js';
import type { EncodedQuery } from './query.js';

export interface ListOptions {
  readonly query?: EncodedQuery;
  /** Only these columns are returned (`sysparm_fields`): never ask for more than is read. */
  readonly fields: readonly string[];
  readonly limit: number;
  readonly offset?: number;
  /** One attempt only, bounded by this; otherwise the client's timeouts and retries apply. */
  readonly timeoutMs?: number;
}

export type TableRow = Record<string, unknown>;

const tablePattern = /^[a-z][a-z0-9_]*$/;
const fieldPattern = /^[a-z][a-z0-9_.]*$/;

export class TableApi {
  constructor(private readonly http: SnowHttp) {}

  /** The rows matching `options.query`, in ServiceNow's order; `[]` when none match. */
  async list(table: string, options: ListOptions): Promise<TableRow[]> {
    const operation = `Table API read of ${checkTable(table)}`;
    const path = `api/now/table/${table}`;
    const params = searchParamsOf(options);
    const result =
      options.timeoutMs === undefined
        ? await this.http.get(operation, path, params)
        : await this.http.getOnce(operation, path, params, options.timeoutMs);
    if (result.status === 404 && isServiceNowErrorBody(result)) return [];
    if (result.status !== 200) throw errorForStatus(operation, result);
    const rows = (result.body as { result?: unknown } | undefined)?.result;
    if (!Array.isArray(rows) || !rows.every(isRow)) {
      throw new SnowBadResponseError(
        `${operation}: the response has no result list`,
        result.status,
      );
    }
    return rows;
  }
}

/**
 * The sys_id in a reference field, whether ServiceNow sent `{link, value}` (the default), a plain
 * string (`sysparm_exclude_reference_link=true`) or `{display_value, value}`; undefined when empty.
 */
export function refValue(field: unknown): string | undefined {
  if (typeof field === 'string') return field === '' ? undefined : field;
  if (typeof field === 'object' && field !== null && 'value' in field) return refValue(field.value);
  return undefined;
}

/** A plain string column; ServiceNow sends every value as a string and "" for empty. */
export function stringValue(field: unknown): string | undefined {
  return typeof field === 'string' && field !== '' ? field : undefined;
}

function searchParamsOf(options: ListOptions): Record<string, string> {
  if (options.fields.length === 0 || !options.fields.every((f) => fieldPattern.test(f))) {
    throw new SnowQueryValueError('Invalid field list for a Table API read');
  }
  const params: Record<string, string> = {
    sysparm_fields: options.fields.join(','),
    sysparm_limit: String(options.limit),
    sysparm_exclude_reference_link: 'true',
    // The total count costs ServiceNow a second query and is never read here.
    sysparm_no_count: 'true',
  };
  if (options.query !== undefined) params.sysparm_query = options.query.toString();
  if (options.offset !== undefined) params.sysparm_offset = String(options.offset);
  return params;
}

function checkTable(table: string): string {
  if (!tablePattern.test(table))
    throw new SnowQueryValueError('Invalid table name for a Table API read');
  return table;
}

/**
 * A 404 is "no rows" only when ServiceNow itself says so (its JSON error envelope); a 404 page from
 * something else means the instance URL is wrong and must not pass for an empty table.
 */
function isServiceNowErrorBody(result: HttpResult): boolean {
  const body = result.body;
  return typeof body === 'object' && body !== null && ('error' in body || 'status' in body);
}

function isRow(value: unknown): value is TableRow {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
