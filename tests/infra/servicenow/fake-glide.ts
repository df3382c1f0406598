// A small in-memory ServiceNow for running the background scripts in tests: GlideRecord over
// tables of string values, gs.print/getProperty, GlidePluginManager and sn_awa.Agent. Only
// the subset the scripts use; every table and field name is checked against SCHEMA.
import { runInNewContext } from 'node:vm';
import { AVAILABLE_STATE, CHAT_CHANNEL, SCHEMA } from './schema.js';

export type Row = Record<string, string>;

export interface Write {
  readonly op: 'insert' | 'update';
  readonly table: string;
  readonly row: Row;
}

export class FakeInstance {
  readonly tables = new Map<string, Row[]>();
  readonly writes: Write[] = [];
  readonly printed: string[] = [];
  readonly presenceCalls: { user: string; request: unknown }[] = [];
  private nextId = 1;

  constructor(
    readonly plugins: Set<string> = new Set(),
    readonly properties: Record<string, string> = {},
  ) {}

  add(table: string, row: Row): string {
    checkFields(table, Object.keys(row));
    const sysId = row.sys_id ?? this.newId();
    this.rows(table).push({ ...row, sys_id: sysId });
    return sysId;
  }

  rows(table: string): Row[] {
    let rows = this.tables.get(table);
    if (rows === undefined) {
      rows = [];
      this.tables.set(table, rows);
    }
    return rows;
  }

  newId(): string {
    return (this.nextId++).toString(16).padStart(32, 'f');
  }

  /** Runs a script with its trailing settings object replaced by `settings`. */
  run(source: string, settings: Readonly<Record<string, unknown>>): string[] {
    const withSettings = source.replace(
      /\}\)\(\{[\s\S]*\}\);\s*$/,
      `})(${JSON.stringify(settings)});`,
    );
    if (withSettings === source)
      throw new Error('the script does not end with its settings object');
    const start = this.printed.length;
    runInNewContext(withSettings, this.globals(), { timeout: 5000 });
    return this.printed.slice(start);
  }

  private globals(): Record<string, unknown> {
    const withInstance = (instance: FakeInstance) =>
      class extends FakeGlideRecord {
        constructor(table: string) {
          super(instance, table);
        }
      };
    return {
      GlideRecord: withInstance(this),
      gs: {
        print: (text: unknown) => this.printed.push(String(text)),
        getProperty: (name: string, fallback?: string) => this.properties[name] ?? fallback,
      },
      GlidePluginManager: { isActive: (id: string) => this.plugins.has(id) },
      sn_awa: {
        Agent: {
          get: (user: string) => ({ setPresence: (r: unknown) => this.setPresence(user, r) }),
        },
      },
    };
  }

  private setPresence(user: string, request: unknown): boolean {
    // Copied out of the script's realm, so tests can compare it with plain objects.
    this.presenceCalls.push({ user, request: JSON.parse(JSON.stringify(request)) as unknown });
    const { sys_id: state, channels = [] } = request as {
      sys_id: string;
      channels?: { sys_id: string; available: boolean }[];
    };
    for (const channel of channels) {
      const rows = this.rows('awa_agent_presence_capacity');
      let row = rows.find((r) => r.ap_agent === user && r.ac_channel === channel.sys_id);
      if (row === undefined) {
        row = {
          sys_id: this.newId(),
          ap_agent: user,
          ac_channel: channel.sys_id,
          ac_workload: '0',
        };
        rows.push(row);
      }
      row.ap_current_presence_state = state;
      row.aca_available = String(channel.available);
      const capacity = this.rows('awa_agent_capacity').find(
        (c) => c.user === user && c.channel === channel.sys_id,
      );
      row.ac_applied_max_capacity = capacity?.max_capacity ?? '0';
    }
    return state === AVAILABLE_STATE && channels.some((c) => c.sys_id === CHAT_CHANNEL);
  }
}

function checkFields(table: string, fields: readonly string[]): void {
  const known = SCHEMA[table];
  if (known === undefined) throw new Error(`unknown table ${table}`);
  for (const field of fields) {
    if (field !== 'sys_id' && !known.includes(field))
      throw new Error(`unknown field ${table}.${field}`);
  }
}

class FakeGlideRecord {
  private conditions: [string, string][] = [];
  private results: Row[] = [];
  private index = -1;
  private pending: Row | undefined;

  constructor(
    private readonly instance: FakeInstance,
    private readonly table: string,
  ) {}

  isValid(): boolean {
    return SCHEMA[this.table] !== undefined;
  }

  addQuery(field: string, value: unknown): void {
    checkFields(this.table, [field]);
    this.conditions.push([field, String(value)]);
  }

  query(): void {
    checkFields(this.table, []);
    this.results = this.instance
      .rows(this.table)
      .filter((row) => this.conditions.every(([f, v]) => (row[f] ?? '') === v));
    this.index = -1;
  }

  next(): boolean {
    this.index += 1;
    return this.index < this.results.length;
  }

  get(sysId: string): boolean {
    checkFields(this.table, []);
    const row = this.instance.rows(this.table).find((r) => r.sys_id === sysId);
    this.results = row === undefined ? [] : [row];
    this.index = 0;
    return row !== undefined;
  }

  getValue(field: string): string | null {
    checkFields(this.table, [field]);
    const value = this.current()[field];
    return value === undefined || value === '' ? null : value;
  }

  getDisplayValue(field: string): string | null {
    return this.getValue(field);
  }

  getUniqueValue(): string {
    return this.current().sys_id ?? '';
  }

  initialize(): void {
    checkFields(this.table, []);
    this.pending = {};
  }

  setValue(field: string, value: unknown): void {
    checkFields(this.table, [field]);
    const target = this.pending ?? this.current();
    target[field] = String(value);
  }

  insert(): string {
    const row = { ...(this.pending ?? {}), sys_id: this.instance.newId() };
    this.instance.rows(this.table).push(row);
    this.instance.writes.push({ op: 'insert', table: this.table, row: { ...row } });
    this.pending = undefined;
    return row.sys_id;
  }

  update(): void {
    this.instance.writes.push({ op: 'update', table: this.table, row: { ...this.current() } });
  }

  private current(): Row {
    const row = this.results[this.index];
    if (row === undefined) throw new Error(`${this.table}: no current record`);
    return row;
  }
}
