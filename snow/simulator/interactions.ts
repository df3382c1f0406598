// The `interaction` table: one record per chat, moved through ServiceNow's states as the chat
// is queued, accepted and closed.
import { glideDateTime, interactionNumber, newSysId } from './ids.js';
import { CHAT_CHANNEL_SYS_ID } from './seed.js';

export const InteractionState = {
  New: 'new',
  OnHold: 'on_hold',
  WorkInProgress: 'work_in_progress',
  ClosedComplete: 'closed_complete',
  ClosedAbandoned: 'closed_abandoned',
} as const;

export type InteractionState = (typeof InteractionState)[keyof typeof InteractionState];

export interface InteractionRow {
  sys_id: string;
  number: string;
  state: InteractionState;
  state_reason: string;
  active: string;
  type: string;
  agent_chat: string;
  virtual_agent: string;
  opened_for: string;
  assigned_to: string;
  short_description: string;
  /** awa_queue sys_id, once AWA routed the chat. */
  queue: string;
  channel: string;
  channel_metadata_table: string;
  channel_metadata_document: string;
  opened_at: string;
  closed_at: string;
  sys_created_on: string;
  sys_updated_on: string;
}

export class InteractionStore {
  private readonly rows: InteractionRow[] = [];
  private sequence = 10000;

  constructor(private readonly now: () => number) {}

  create(fields: { openedFor: string; liveAgent: boolean; shortDescription: string }) {
    this.sequence += 1;
    const stamp = glideDateTime(this.now());
    const row: InteractionRow = {
      sys_id: newSysId(),
      number: interactionNumber(this.sequence),
      state: fields.liveAgent ? InteractionState.OnHold : InteractionState.New,
      state_reason: '',
      active: 'true',
      type: 'chat',
      agent_chat: String(fields.liveAgent),
      virtual_agent: String(!fields.liveAgent),
      opened_for: fields.openedFor,
      assigned_to: '',
      short_description: fields.shortDescription,
      queue: '',
      channel: CHAT_CHANNEL_SYS_ID,
      channel_metadata_table: 'sys_cs_conversation',
      channel_metadata_document: newSysId(),
      opened_at: stamp,
      closed_at: '',
      sys_created_on: stamp,
      sys_updated_on: stamp,
    };
    this.rows.push(row);
    return row;
  }

  all(): readonly InteractionRow[] {
    return this.rows;
  }

  /** Hands a virtual-agent interaction to a live-agent queue (`''` when AWA found none). */
  queue(row: InteractionRow, shortDescription: string, queueSysId: string): void {
    row.agent_chat = 'true';
    row.virtual_agent = 'false';
    row.queue = queueSysId;
    if (row.short_description === '') row.short_description = shortDescription;
    this.update(row, { state: InteractionState.OnHold });
  }

  /** Active chats assigned to the agent: what counts against the agent's capacity. */
  workloadOf(agentUserSysId: string): number {
    return this.rows.filter((i) => i.active === 'true' && i.assigned_to === agentUserSysId).length;
  }

  assign(row: InteractionRow, agentUserSysId: string): void {
    row.assigned_to = agentUserSysId;
    this.update(row, { state: InteractionState.WorkInProgress });
  }

  close(row: InteractionRow, state: InteractionState, reason: string): void {
    if (row.active !== 'true') return;
    row.active = 'false';
    row.state_reason = reason;
    row.closed_at = glideDateTime(this.now());
    this.update(row, { state });
  }

  private update(row: InteractionRow, change: { state: InteractionState }): void {
    row.state = change.state;
    row.sys_updated_on = glideDateTime(this.now());
  }
}
