// "Recent chats routed by AWA": live-agent chat interactions of the last day that closed within
// a minute, without an agent and not by the user. That is what ServiceNow does when AWA finds no
// queue, assignment rule or eligibility pool for the chat, and also (as closed_abandoned,
// reason Faulted/Error) when the bot's webhook answered a callback with a 5xx.
import { EncodedQuery, refValue, type TableRow } from '@live-agent/snow';
import { CheckId, CheckStatus, type Check, type DoctorContext, type Finding } from '../types.js';
import { describeSnowError, notInSandbox } from './snow-errors.js';

const lookbackMs = 24 * 60 * 60 * 1000;
const immediateMs = 60 * 1000;
const sample = 50;
/** Closed by the user's side: not a routing problem. */
const userReasons = new Set(['user ended', 'left before engagement']);
const faultReasons = new Set(['faulted/error', 'error']);

interface ChatRow {
  readonly number: string;
  readonly createdAt: number;
  readonly closedIn: number | undefined;
  readonly agent: string | undefined;
  readonly queue: string | undefined;
  readonly reason: string;
}

export const routingCheck: Check = {
  id: CheckId.routing,
  title: 'Recent chats routed by AWA',
  needs: [CheckId.serviceNow],
  async run(context: DoctorContext): Promise<Finding> {
    const sn = context.serviceNow;
    if (sn === undefined) return notInSandbox();
    let rows: TableRow[];
    try {
      rows = await sn.tables.list('interaction', {
        query: EncodedQuery.where('type', '=', 'chat')
          .and('agent_chat', '=', 'true')
          .orderByDesc('sys_created_on'),
        // `queue` is not on every release's interaction table; ServiceNow ignores unknown fields.
        fields: [
          'number',
          'state_reason',
          'active',
          'assigned_to',
          'queue',
          'opened_at',
          'closed_at',
          'sys_created_on',
        ],
        limit: sample,
      });
    } catch (error) {
      return describeSnowError(error, sn.instanceUrl, 'reading interaction');
    }
    const since = context.now() - lookbackMs;
    const recent = rows
      .map(toChat)
      .filter((c) => c.createdAt >= since)
      // Newest first; numbers break ties within the same second (they grow with each record).
      .sort((a, b) => b.createdAt - a.createdAt || b.number.localeCompare(a.number));
    if (recent.length === 0) {
      return {
        status: CheckStatus.skip,
        detail: 'no live-agent chat in the last 24 hours to judge from',
      };
    }
    return judge(recent);
  },
};

function judge(recent: readonly ChatRow[]): Finding {
  const dropped = recent.filter(closedBeforeAnAgent);
  if (dropped.length === 0) {
    return {
      status: CheckStatus.pass,
      detail: `${recent.length} live-agent chat(s) in the last 24 hours; none closed before an agent joined`,
    };
  }
  const faulted = dropped.filter((c) => faultReasons.has(c.reason));
  const noQueue = dropped.filter((c) => !faultReasons.has(c.reason));
  const examples = dropped
    .slice(0, 3)
    .map((c) => c.number)
    .join(', ');
  const latestDropped = recent[0] !== undefined && closedBeforeAnAgent(recent[0]);
  const fixes: string[] = [];
  if (noQueue.length > 0) {
    fixes.push(
      'AWA found no route: check the AWA queue for the Chat service channel, its assignment rule (its condition must match the context variables the bot sends, e.g. live_agent_only, language) and its eligibility pool (a group of agents with the awa_agent role); infra/servicenow has the steps and a verification script.',
    );
  }
  if (faulted.length > 0) {
    fixes.push(
      "Closed as abandoned with reason Faulted/Error: the bot's webhook answered a callback with an error (5xx). Check /readyz and the bot log (component webhook) at those times.",
    );
  }
  const queueNote = noQueue.some((c) => c.queue === undefined) ? ', no queue set' : '';
  return {
    status: latestDropped ? CheckStatus.fail : CheckStatus.warn,
    detail:
      `${dropped.length} of ${recent.length} live-agent chat(s) in the last 24 hours closed within a minute without an agent${queueNote}` +
      ` (${examples})${latestDropped ? ', the latest among them' : ''}`,
    fix: fixes.join(' '),
  };
}

function closedBeforeAnAgent(chat: ChatRow): boolean {
  return (
    chat.agent === undefined &&
    chat.closedIn !== undefined &&
    chat.closedIn <= immediateMs &&
    !userReasons.has(chat.reason)
  );
}

function toChat(row: TableRow): ChatRow {
  const opened = glideTime(text(row.opened_at) ?? text(row.sys_created_on));
  const closed = text(row.active) === 'false' ? glideTime(text(row.closed_at)) : undefined;
  return {
    number: text(row.number) ?? '(no number)',
    createdAt: glideTime(text(row.sys_created_on)) ?? 0,
    closedIn: opened === undefined || closed === undefined ? undefined : closed - opened,
    agent: refValue(row.assigned_to),
    queue: refValue(row.queue),
    reason: (text(row.state_reason) ?? '').toLowerCase(),
  };
}

/** Table API date-times are `YYYY-MM-DD HH:mm:ss` in UTC. */
function glideTime(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) return undefined;
  const ms = Date.parse(`${value.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Table API values are strings, "" when empty. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
