// "Agents available now": the presence read the bot makes before it offers Live Chat, for each
// service channel the enabled handoff options route to.
import { CheckId, CheckStatus, type Check, type DoctorContext, type Finding } from '../types.js';
import type { ServiceNowParts } from '../servicenow-parts.js';
import { describeSnowError, notInSandbox } from './snow-errors.js';

export const NO_AGENTS_FIX =
  'Set your status to Available in Service Operations Workspace (the agent needs the awa_agent role, capacity on the Chat channel, and membership of the queue’s assignment group).';

interface ChannelCount {
  readonly where: string;
  readonly available: number;
  readonly withRoom: number;
  /** Presence fields that came back blank for the service account (field-level ACLs). */
  readonly unreadable: readonly string[];
}

const agentField = 'ap_agent';
const capacityFields = ['ac_workload', 'ac_applied_max_capacity'];

export const agentsCheck: Check = {
  id: CheckId.agents,
  title: 'Agents available now',
  needs: [CheckId.serviceNow],
  async run(context: DoctorContext): Promise<Finding> {
    const sn = context.serviceNow;
    const config = context.config;
    if (sn === undefined || config === undefined) return notInSandbox();
    const channels = [
      ...new Set(config.handoff.options.filter((o) => o.enabled).map((o) => o.serviceChannel)),
    ];
    if (channels.length === 0) channels.push(undefined);
    const counts: ChannelCount[] = [];
    try {
      for (const serviceChannel of channels) counts.push(await count(sn, serviceChannel));
    } catch (error) {
      return describeSnowError(error, sn.instanceUrl, 'reading awa_agent_presence_capacity');
    }
    return judge(counts, config.handoff.availability.agentsAlwaysAvailable);
  },
};

async function count(
  sn: ServiceNowParts,
  serviceChannel: string | undefined,
): Promise<ChannelCount> {
  const all = await sn.presence.count({ serviceChannel });
  return {
    where: serviceChannel === undefined ? 'any channel' : `channel ${serviceChannel}`,
    available: all.available,
    withRoom: await sn.presence.availableAgents({ serviceChannel, withFreeCapacity: true }),
    unreadable: [
      ...(all.unreadableAgentRows > 0 ? [agentField] : []),
      ...(all.unreadableCapacityRows > 0 ? capacityFields : []),
    ],
  };
}

/** The service account reads blanks where it may not read a field; the count still works. */
function unreadableFinding(fields: readonly string[], listed: string): Finding {
  const names = fields.map((f) => `awa_agent_presence_capacity.${f}`).join(', ');
  const effect = fields.includes(agentField)
    ? 'each such row counts as one agent, so an agent on several channels may count twice'
    : 'agents at capacity count as free, so a new chat may wait in the queue';
  return {
    status: CheckStatus.warn,
    detail: `available agents: ${listed}, but the service account cannot read ${names} (${effect})`,
    fix: `Grant the service account's role a field-level read ACL on ${names} (System Security > Access Control, operation read), or the role that ACL already requires.`,
  };
}

function judge(counts: readonly ChannelCount[], alwaysAvailable: boolean): Finding {
  const listed = counts.map((c) => `${c.available} on ${c.where}`).join(', ');
  const empty = counts.filter((c) => c.available === 0).map((c) => c.where);
  if (empty.length > 0) {
    const offered = alwaysAvailable
      ? 'agentsAlwaysAvailable is on: Live Chat is offered anyway, and nobody will answer'
      : 'so Live Chat is not offered';
    return {
      status: CheckStatus.fail,
      detail: `no agent is available now on ${empty.join(', ')} (${offered})`,
      fix: NO_AGENTS_FIX,
    };
  }
  const unreadable = [...new Set(counts.flatMap((c) => c.unreadable))];
  if (unreadable.length > 0) return unreadableFinding(unreadable, listed);
  if (counts.some((c) => c.withRoom === 0)) {
    return {
      status: CheckStatus.warn,
      detail: `agents are available (${listed}) but all at capacity: new chats wait in the queue`,
      fix: 'Raise the agents’ Chat capacity in AWA, or have more agents set themselves Available.',
    };
  }
  return { status: CheckStatus.pass, detail: `available agents: ${listed}` };
}
