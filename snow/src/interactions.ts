// The `interaction` records AWA creates for live chats: how the bot finds the chat it started when
// the callback did not carry the interaction id.
import { SnowBadResponseError } from './errors.js';
import { EncodedQuery, checkSysId } from './query.js';
import { refValue, stringValue, type TableApi, type TableRow } from './table-api.js';

export interface Interaction {
  readonly sysId: string;
  readonly number?: string;
  /** Raw state value, e.g. `on_hold` (waiting), `work_in_progress`, `closed_complete`. */
  readonly state?: string;
  /** sys_user sys_id of the agent (or the virtual agent). */
  readonly assignedTo?: string;
  /** sys_user sys_id of the requester. */
  readonly openedFor?: string;
}

const table = 'interaction';
const fields = ['sys_id', 'number', 'state', 'assigned_to', 'opened_for'];

export class Interactions {
  constructor(private readonly tables: TableApi) {}

  /** The user's newest active chat interaction. */
  async findActiveForUser(userSysId: string): Promise<Interaction | undefined> {
    const query = EncodedQuery.where('active', '=', 'true')
      .and('opened_for', '=', checkSysId(userSysId, 'The user id'))
      .and('type', '=', 'chat')
      .orderByDesc('sys_created_on');
    const rows = await this.tables.list(table, { query, fields, limit: 1 });
    return rows[0] === undefined ? undefined : toInteraction(rows[0]);
  }

  async get(sysId: string): Promise<Interaction | undefined> {
    const query = EncodedQuery.where('sys_id', '=', checkSysId(sysId, 'The interaction id'));
    const rows = await this.tables.list(table, { query, fields, limit: 1 });
    return rows[0] === undefined ? undefined : toInteraction(rows[0]);
  }
}

function toInteraction(row: TableRow): Interaction {
  const sysId = stringValue(row.sys_id);
  if (sysId === undefined)
    throw new SnowBadResponseError('Table API read of interaction: a row has no sys_id');
  return {
    sysId,
    number: stringValue(row.number),
    state: stringValue(row.state),
    assignedTo: refValue(row.assigned_to),
    openedFor: refValue(row.opened_for),
  };
}
