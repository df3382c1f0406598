// The people the instance knows: sys_user rows (requesters, agents, the guest) and the AWA agents
// with their presence.
import { SimulatorError, SimulatorErrorCode } from './errors.js';
import { glideDateTime, newSysId } from './ids.js';
import { GUEST_USER_SYS_ID } from './seed.js';
import type { SimulatedAgent, SimulatedUser } from './types.js';

export interface UserRow {
  readonly sys_id: string;
  readonly user_name: string;
  readonly name: string;
  readonly first_name: string;
  readonly last_name: string;
  readonly email: string;
  readonly active: string;
  readonly locked_out: string;
  readonly sys_created_on: string;
  readonly sys_updated_on: string;
}

export class UserDirectory {
  private readonly users: UserRow[] = [];

  constructor(private readonly now: () => number) {
    this.users.push(this.row(GUEST_USER_SYS_ID, { name: 'Guest', email: '', userName: 'guest' }));
  }

  add(user: SimulatedUser): UserRow {
    const userName = user.userName ?? user.email.split('@')[0] ?? user.name;
    const row = this.row(newSysId(), { ...user, userName });
    this.users.push(row);
    return row;
  }

  rows(): readonly UserRow[] {
    return this.users;
  }

  bySysId(sysId: string): UserRow | undefined {
    return this.users.find((u) => u.sys_id === sysId);
  }

  /** VA auto-linking needs exactly one active, unlocked user with that email; otherwise: guest. */
  linkByEmail(email: string | undefined): UserRow | undefined {
    if (email === undefined || email === '') return undefined;
    const wanted = email.toLowerCase();
    const matches = this.users.filter(
      (u) => u.email.toLowerCase() === wanted && u.active === 'true' && u.locked_out === 'false',
    );
    return matches.length === 1 ? matches[0] : undefined;
  }

  private row(sysId: string, user: SimulatedUser & { userName: string }): UserRow {
    const [first = '', ...rest] = user.name.split(' ');
    const stamp = glideDateTime(this.now());
    return {
      sys_id: sysId,
      user_name: user.userName,
      name: user.name,
      first_name: first,
      last_name: rest.join(' '),
      email: user.email,
      active: 'true',
      locked_out: 'false',
      sys_created_on: stamp,
      sys_updated_on: stamp,
    };
  }
}

export interface AgentProfile {
  readonly name: string;
  readonly userSysId: string;
  /** sys_id of the agent's awa_agent_presence_capacity row. */
  readonly presenceSysId: string;
  /** live_profile sys_id, sent as agentInfo.agentId. */
  readonly liveProfileId: string;
  /** Relative avatar path as ServiceNow sends it, e.g. `<hex>.iix?t=small`. */
  readonly avatar: string;
  available: boolean;
  /** Chats at once. */
  capacity: number;
  /** Queue names the agent is eligible for; undefined: every queue. */
  queues: readonly string[] | undefined;
}

/** AWA's default chat capacity in the simulator. */
export const DEFAULT_CAPACITY = 3;

export class AgentRegistry {
  private readonly agents = new Map<string, AgentProfile>();

  constructor(private readonly users: UserDirectory) {}

  add(agent: SimulatedAgent): AgentProfile {
    const existing = this.agents.get(agent.name);
    if (existing !== undefined) {
      existing.available = agent.available;
      if (agent.capacity !== undefined) existing.capacity = agent.capacity;
      if (agent.queues !== undefined) existing.queues = agent.queues;
      return existing;
    }
    const handle = agent.name.toLowerCase().replace(/[^a-z0-9]+/g, '.');
    const user = this.users.add({ name: agent.name, email: `${handle}@example.com` });
    const profile: AgentProfile = {
      name: agent.name,
      userSysId: user.sys_id,
      presenceSysId: newSysId(),
      liveProfileId: newSysId(),
      avatar: `${newSysId()}.iix?t=small`,
      available: agent.available,
      capacity: agent.capacity ?? DEFAULT_CAPACITY,
      queues: agent.queues,
    };
    this.agents.set(agent.name, profile);
    return profile;
  }

  get(name: string): AgentProfile | undefined {
    return this.agents.get(name);
  }

  require(name: string): AgentProfile {
    const agent = this.agents.get(name);
    if (agent === undefined) {
      throw new SimulatorError(SimulatorErrorCode.UnknownAgent, `No agent named ${name}`);
    }
    return agent;
  }

  all(): readonly AgentProfile[] {
    return [...this.agents.values()];
  }
}
