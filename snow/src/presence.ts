// "Is anyone there?": counts the live agents AWA reports as available, before live chat is offered.
import { EncodedQuery, checkSysId } from './query.js';
import { refValue, stringValue, type TableApi, type TableRow } from './table-api.js';

export interface AvailableAgentsOptions {
  /** awa_service_channel sys_id (e.g. the Chat channel); any channel when omitted. */
  readonly serviceChannel?: string;
  /**
   * Count only agents with room for one more chat (`ac_workload` below
   * `ac_applied_max_capacity`): an available agent at capacity cannot take a new chat now.
   */
  readonly withFreeCapacity?: boolean;
}

const table = 'awa_agent_presence_capacity';
const pageSize = 500;
// An agent has one row per channel; this bounds the read on very large instances, where the count
// is then a lower bound (which is all an availability check needs).
const maxPages = 10;

export class AgentPresence {
  constructor(private readonly tables: TableApi) {}

  /** How many distinct agents are available (`aca_available=true`), optionally on one channel. */
  async availableAgents(options: AvailableAgentsOptions = {}): Promise<number> {
    let query = EncodedQuery.where('aca_available', '=', 'true');
    if (options.serviceChannel !== undefined) {
      query = query.and(
        'ac_channel',
        '=',
        checkSysId(options.serviceChannel, 'The service channel'),
      );
    }
    query = query.orderBy('ap_agent');
    const agents = new Set<string>();
    for (let page = 0; page < maxPages; page++) {
      const rows = await this.tables.list(table, {
        query,
        fields: ['ap_agent', 'ac_workload', 'ac_applied_max_capacity'],
        limit: pageSize,
        offset: page * pageSize,
      });
      for (const row of rows) {
        const agent = refValue(row.ap_agent);
        if (agent === undefined) continue;
        if (options.withFreeCapacity === true && !hasFreeCapacity(row)) continue;
        agents.add(agent);
      }
      if (rows.length < pageSize) break;
    }
    return agents.size;
  }

  /** One cheap authenticated read, to prove the instance is reachable and the credentials work. */
  async probe(): Promise<void> {
    await this.tables.list(table, { fields: ['ap_agent'], limit: 1 });
  }
}

/** Table API values are strings; a row that does not state its capacity is given the benefit. */
function hasFreeCapacity(row: TableRow): boolean {
  const workload = Number(stringValue(row.ac_workload) ?? NaN);
  const capacity = Number(stringValue(row.ac_applied_max_capacity) ?? NaN);
  if (Number.isNaN(workload) || Number.isNaN(capacity)) return true;
  return workload < capacity;
}
