// Task tables the Table API can insert into (`incident` by default, and whatever custom tables a
// test configures): numbers from the table's prefix (INC0010001, …), the caller reference, the
// correlation id integrations use, mandatory fields answered like a data policy, and a switch
// that makes inserts fail like a business rule aborting them. Also the journal (work notes) that
// updates of any record append to.
import { glideDateTime, newSysId } from './ids.js';
import type { Row } from './tables.js';
import type { SimulatedRecordTable, InsertRefusal, JournalEntry } from './types.js';

/** The task fields every record table has (a subset of ServiceNow's `task`). */
export const TASK_FIELDS = [
  'sys_id',
  'number',
  'sys_class_name',
  'state',
  'active',
  'caller_id',
  'opened_by',
  'short_description',
  'description',
  'contact_type',
  'urgency',
  'impact',
  'category',
  'subcategory',
  'assignment_group',
  'correlation_id',
  'correlation_display',
  'opened_at',
  'sys_created_on',
  'sys_updated_on',
] as const;

export const TASK_REFERENCES: Readonly<Record<string, string>> = {
  caller_id: 'sys_user',
  opened_by: 'sys_user',
};

export const DEFAULT_RECORD_TABLES: readonly SimulatedRecordTable[] = [
  { name: 'incident', prefix: 'INC', mandatory: ['short_description'] },
];

/** Why an insert did not happen, as ServiceNow's error body says it. */
export interface InsertFailure {
  readonly status: number;
  readonly message: string;
  readonly detail: string;
}

interface Table {
  readonly def: SimulatedRecordTable;
  readonly rows: Record<string, string>[];
  sequence: number;
}

/** Journal fields: a write appends an entry instead of replacing a value. */
const JOURNAL_FIELDS: ReadonlySet<string> = new Set(['work_notes', 'comments']);

export class RecordStore {
  private readonly tables = new Map<string, Table>();
  private readonly refusals = new Map<string, InsertRefusal>();
  private readonly updateRefusals = new Set<string>();
  private readonly journal: JournalEntry[] = [];

  constructor(
    definitions: readonly SimulatedRecordTable[],
    private readonly now: () => number,
  ) {
    for (const def of definitions) this.tables.set(def.name, { def, rows: [], sequence: 10000 });
  }

  names(): string[] {
    return [...this.tables.keys()];
  }

  fields(table: string): readonly string[] {
    return [...TASK_FIELDS, ...(this.tables.get(table)?.def.extraFields ?? [])];
  }

  rows(table: string): readonly Row[] {
    return this.tables.get(table)?.rows ?? [];
  }

  /** From now on inserts into `table` fail this way (undefined: they work again). */
  refuseInserts(table: string, refusal: InsertRefusal | undefined): void {
    if (refusal === undefined) this.refusals.delete(table);
    else this.refusals.set(table, refusal);
  }

  /** From now on updates of `table` fail as an ACL refuses them (false: they work again). */
  refuseUpdates(table: string, refused: boolean): void {
    if (refused) this.updateRefusals.add(table);
    else this.updateRefusals.delete(table);
  }

  /** Whether an ACL refuses updates of `table`. */
  updatesRefused(table: string): boolean {
    return this.updateRefusals.has(table);
  }

  /** Inserts the record, ignoring unknown fields as ServiceNow does; or says why it cannot. */
  insert(
    table: string,
    values: Readonly<Record<string, string>>,
  ): { readonly row: Row } | { readonly failure: InsertFailure } {
    const target = this.tables.get(table);
    if (target === undefined)
      return { failure: { status: 400, message: `Invalid table ${table}`, detail: '' } };
    const refused = this.refusal(table, target, values);
    if (refused !== undefined) return { failure: refused };
    target.sequence += 1;
    const stamp = glideDateTime(this.now());
    const known = new Set(this.fields(table));
    const row: Record<string, string> = Object.fromEntries(this.fields(table).map((f) => [f, '']));
    for (const [field, value] of Object.entries(values)) {
      if (known.has(field) && !field.startsWith('sys_')) row[field] = value;
    }
    Object.assign(row, {
      sys_id: newSysId(),
      number: `${target.def.prefix}${String(target.sequence).padStart(7, '0')}`,
      sys_class_name: table,
      state: row.state === '' ? '1' : row.state,
      active: 'true',
      opened_at: stamp,
      sys_created_on: stamp,
      sys_updated_on: stamp,
    });
    target.rows.push(row);
    return { row };
  }

  /**
   * An update of one record: journal fields (work notes, comments) append an entry, unless empty
   * (ServiceNow keeps no empty journal entry); other known fields of a task record change. What
   * was written is remembered, in order, for tests (empty journal entries are not).
   */
  update(table: string, sysId: string, values: Readonly<Record<string, string>>): void {
    const row = this.tables.get(table)?.rows.find((r) => r.sys_id === sysId);
    const known = new Set(this.fields(table));
    for (const [field, value] of Object.entries(values)) {
      if (JOURNAL_FIELDS.has(field) && value.trim() === '') continue;
      this.journal.push({ table, sysId, field, value, at: glideDateTime(this.now()) });
      if (row !== undefined && known.has(field) && !field.startsWith('sys_')) row[field] = value;
    }
    if (row !== undefined) row.sys_updated_on = glideDateTime(this.now());
  }

  journalOf(table: string, sysId: string): readonly JournalEntry[] {
    return this.journal.filter((e) => e.table === table && e.sysId === sysId);
  }

  private refusal(
    table: string,
    target: Table,
    values: Readonly<Record<string, string>>,
  ): InsertFailure | undefined {
    const refusal = this.refusals.get(table);
    if (refusal !== undefined) {
      if (refusal.kind === 'acl') {
        return { status: 403, message: 'Operation Failed', detail: 'ACL restricts the insert' };
      }
      // ServiceNow names the record here too; the simulator leaves it out (it is the user's text).
      return {
        status: 403,
        message: 'Operation Failed',
        detail: `Error during insert of ${table}`,
      };
    }
    const missing = (target.def.mandatory ?? []).filter((f) => (values[f] ?? '').trim() === '');
    if (missing.length === 0) return undefined;
    return {
      status: 403,
      message: 'Operation Failed',
      detail: `Data Policy Exception: The following fields are mandatory: ${missing.join(', ')}`,
    };
  }
}
