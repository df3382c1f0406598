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

/**
 * What one read of the presence table found. Field-level ACLs are common on instances: a row
 * whose agent or capacity the service account may not read comes back with that field blank.
 */
export interface PresenceCount {
  /**
   * Available agents: distinct agents where the reference is readable, plus one per row where it
   * is not (such a row is still an available agent, and AWA counts it).
   */
  readonly available: number;
  /** Rows whose `ap_agent` came back blank. */
  readonly unreadableAgentRows: number;
  /** Rows whose workload or capacity came back blank (given the benefit of the doubt). */
  readonly unreadableCapacityRows: number;
}

export class AgentPresence {
  constructor(private readonly tables: TableApi) {}

  /** How many agents are available (`aca_available=true`), optionally on one channel. */
  async availableAgents(options: AvailableAgentsOptions = {}): Promise<number> {
    return (await this.count(options)).available;
  }

  /** The count with what the service account could not read, for diagnostics. */
  async count(options: AvailableAgentsOptions = {}): Promise<PresenceCount> {
    let query = EncodedQuery.where('aca_available', '=', 'true');
    if (options.serviceChannel !== undefined) {
      query = query.and(
        'ac_channel',
        '=',
        checkSysId(options.serviceChannel, 'The service channel'),
      );
    }
    query = query.orderBy('ap_agent');
    const tally = new PresenceTally(options.withFreeCapacity === true);
    for (let page = 0; page < maxPages; page++) {
      const rows = await this.tables.list(table, {
        query,
        fields: ['ap_agent', 'ac_workload', 'ac_applied_max_capacity'],
        limit: pageSize,
        offset: page * pageSize,
      });
      for (const row of rows) tally.add(row);
      if (rows.length < pageSize) break;
    }
    return tally.result();
  }

  /** One cheap authenticated read, to prove the instance is reachable and the credentials work. */
  async probe(): Promise<void> {
    await this.tables.list(table, { fields: ['ap_agent'], limit: 1 });
  }
}

class PresenceTally {
  private readonly agents = new Set<string>();
  private anonymousAgents = 0;
  private unreadableAgentRows = 0;
  private unreadableCapacityRows = 0;

  constructor(private readonly withFreeCapacity: boolean) {}

  add(row: TableRow): void {
    const agent = refValue(row.ap_agent);
    const capacity = capacityOf(row);
    if (agent === undefined) this.unreadableAgentRows++;
    if (capacity === undefined) this.unreadableCapacityRows++;
    // A row that does not state its capacity is given the benefit of the doubt.
    if (this.withFreeCapacity && capacity?.hasRoom === false) return;
    if (agent === undefined) this.anonymousAgents++;
    else this.agents.add(agent);
  }

  result(): PresenceCount {
    return {
      available: this.agents.size + this.anonymousAgents,
      unreadableAgentRows: this.unreadableAgentRows,
      unreadableCapacityRows: this.unreadableCapacityRows,
    };
  }
}

/** Table API values are strings; undefined when either is blank or not a number. */
function capacityOf(row: TableRow): { readonly hasRoom: boolean } | undefined {
  const workload = Number(stringValue(row.ac_workload) ?? NaN);
  const capacity = Number(stringValue(row.ac_applied_max_capacity) ?? NaN);
  if (Number.isNaN(workload) || Number.isNaN(capacity)) return undefined;
  return { hasRoom: workload < capacity };
}
