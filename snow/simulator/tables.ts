// The tables the Table API serves, read live from the simulator's state, with their reference
// fields, dot-walking (`opened_for.email`) and ServiceNow's JSON form of a record.
import type { AgentRegistry, UserDirectory } from './directory.js';
import type { FieldReader } from './encoded-query.js';
import type { InteractionStore } from './interactions.js';
import { knowledgeTables, type KbArticle } from './knowledge-base.js';
import { TASK_REFERENCES, type RecordStore } from './records.js';
import type { QueueRegistry } from './routing.js';
import { AVAILABLE_PRESENCE_SYS_ID, CHAT_CHANNEL_SYS_ID, OFFLINE_PRESENCE_SYS_ID } from './seed.js';

export type Row = Readonly<Record<string, string>>;

export interface TableDef {
  readonly fields: readonly string[];
  /** field → referenced table */
  readonly references: Readonly<Record<string, string>>;
  rows(): readonly Row[];
  /** Keyword search (`123TEXTQUERY321`), for tables with a text index. */
  readonly textMatch?: (row: Row, words: string) => boolean;
}

export interface TableSources {
  readonly users: UserDirectory;
  readonly agents: AgentRegistry;
  readonly interactions: InteractionStore;
  readonly queues: QueueRegistry;
  readonly articles: () => readonly KbArticle[];
  readonly records: RecordStore;
}

export interface FormatOptions {
  readonly fields?: readonly string[];
  readonly excludeReferenceLink: boolean;
  readonly baseUrl: string;
}

const CHANNELS: readonly Row[] = [{ sys_id: CHAT_CHANNEL_SYS_ID, name: 'Chat', active: 'true' }];
const PRESENCE_STATES: readonly Row[] = [
  { sys_id: AVAILABLE_PRESENCE_SYS_ID, name: 'Available', available: 'true' },
  { sys_id: OFFLINE_PRESENCE_SYS_ID, name: 'Offline', available: 'false' },
];

const USER_FIELDS = [
  'sys_id',
  'user_name',
  'name',
  'first_name',
  'last_name',
  'email',
  'active',
  'locked_out',
  'sys_created_on',
  'sys_updated_on',
];

const INTERACTION_FIELDS = [
  'sys_id',
  'number',
  'state',
  'state_reason',
  'active',
  'type',
  'agent_chat',
  'virtual_agent',
  'opened_for',
  'assigned_to',
  'short_description',
  'queue',
  'channel',
  'channel_metadata_table',
  'channel_metadata_document',
  'opened_at',
  'closed_at',
  'sys_created_on',
  'sys_updated_on',
];

const PRESENCE_FIELDS = [
  'sys_id',
  'ap_agent',
  'ap_current_presence_state',
  'ac_channel',
  'aca_service_channel',
  'aca_available',
  'ac_workload',
  'ac_applied_max_capacity',
];

function defineTables(sources: TableSources): ReadonlyMap<string, TableDef> {
  const tables = new Map<string, TableDef>(builtInTables(sources));
  for (const name of sources.records.names()) {
    tables.set(name, {
      fields: sources.records.fields(name),
      references: TASK_REFERENCES,
      rows: () => sources.records.rows(name),
    });
  }
  return tables;
}

function builtInTables(sources: TableSources): [string, TableDef][] {
  const channelRef = 'awa_service_channel';
  return [
    [
      'sys_user',
      {
        fields: USER_FIELDS,
        references: {},
        rows: () => sources.users.rows().map((u) => ({ ...u })),
      },
    ],
    [
      'interaction',
      {
        fields: INTERACTION_FIELDS,
        references: {
          opened_for: 'sys_user',
          assigned_to: 'sys_user',
          queue: 'awa_queue',
          channel: channelRef,
        },
        rows: () => sources.interactions.all().map((i) => ({ ...i })),
      },
    ],
    [
      'awa_agent_presence_capacity',
      {
        fields: PRESENCE_FIELDS,
        references: {
          ap_agent: 'sys_user',
          ap_current_presence_state: 'awa_presence_state',
          ac_channel: channelRef,
          aca_service_channel: channelRef,
        },
        rows: () => presenceRows(sources),
      },
    ],
    [channelRef, { fields: ['sys_id', 'name', 'active'], references: {}, rows: () => CHANNELS }],
    [
      'awa_queue',
      {
        fields: ['sys_id', 'name', 'active'],
        references: {},
        rows: () =>
          sources.queues.all().map((q) => ({ sys_id: q.sysId, name: q.name, active: 'true' })),
      },
    ],
    [
      'awa_presence_state',
      { fields: ['sys_id', 'name', 'available'], references: {}, rows: () => PRESENCE_STATES },
    ],
    ...knowledgeTables(sources.articles),
  ];
}

function presenceRows(sources: TableSources): Row[] {
  return sources.agents.all().map((agent) => ({
    sys_id: agent.presenceSysId,
    ap_agent: agent.userSysId,
    ap_current_presence_state: agent.available
      ? AVAILABLE_PRESENCE_SYS_ID
      : OFFLINE_PRESENCE_SYS_ID,
    ac_channel: CHAT_CHANNEL_SYS_ID,
    aca_service_channel: CHAT_CHANNEL_SYS_ID,
    aca_available: String(agent.available),
    ac_workload: String(sources.interactions.workloadOf(agent.userSysId)),
    ac_applied_max_capacity: String(agent.capacity),
  }));
}

export class TableCatalog {
  private readonly tables: ReadonlyMap<string, TableDef>;
  /** Fields the service account may not read, per table (field-level ACLs). */
  private readonly unreadable = new Map<string, Set<string>>();

  constructor(sources: TableSources) {
    this.tables = defineTables(sources);
  }

  has(table: string): boolean {
    return this.tables.has(table);
  }

  rows(table: string): readonly Row[] {
    return this.tables.get(table)?.rows() ?? [];
  }

  reader(table: string): FieldReader<Row> {
    return {
      known: (field) => this.resolve(table, field.split('.')) !== undefined,
      value: (row, field) => this.walk(table, row, field.split('.')),
      textMatch: this.tables.get(table)?.textMatch,
    };
  }

  restrictReads(table: string, fields: readonly string[]): void {
    const set = this.unreadable.get(table) ?? new Set<string>();
    for (const f of fields) set.add(f);
    this.unreadable.set(table, set);
  }

  /** A record as the Table API returns it: strings, references as `{link, value}`. */
  format(table: string, row: Row, options: FormatOptions): Record<string, unknown> {
    const def = this.tables.get(table);
    if (def === undefined) return {};
    const wanted = options.fields ?? def.fields;
    const out: Record<string, unknown> = {};
    for (const field of wanted) {
      if (this.resolve(table, field.split('.')) === undefined) continue; // ignored, as ServiceNow does
      // A field the caller may not read comes back empty, not missing [I].
      const value = this.unreadable.get(table)?.has(field)
        ? ''
        : this.walk(table, row, field.split('.'));
      const target = field.includes('.') ? undefined : def.references[field];
      out[field] =
        target === undefined || value === '' || options.excludeReferenceLink
          ? value
          : { link: `${options.baseUrl}/api/now/table/${target}/${value}`, value };
    }
    return out;
  }

  /** The table a field path ends in, or undefined when some part of it does not exist. */
  private resolve(table: string, path: readonly string[]): string | undefined {
    const [head, ...rest] = path;
    const def = this.tables.get(table);
    if (def === undefined || head === undefined || !def.fields.includes(head)) return undefined;
    if (rest.length === 0) return table;
    const target = def.references[head];
    return target === undefined ? undefined : this.resolve(target, rest);
  }

  private walk(table: string, row: Row, path: readonly string[]): string {
    const [head = '', ...rest] = path;
    const value = row[head] ?? '';
    const target = this.tables.get(table)?.references[head];
    if (rest.length === 0 || target === undefined) return value;
    const next = this.rows(target).find((r) => r.sys_id === value);
    return next === undefined ? '' : this.walk(target, next, rest);
  }
}
