// Composition of the simulator: builds the instance's state, the two APIs and the optional scripted
// agent, starts listening, and exposes the handle tests use to watch and drive it.
import type { Server } from 'node:http';
import { CallbackSender } from './callbacks.js';
import { ConversationStore, snapshot } from './conversations.js';
import { AgentRegistry, UserDirectory } from './directory.js';
import { FaultInjector } from './faults.js';
import { InteractionStore } from './interactions.js';
import { LiveChat } from './live-chat.js';
import { Scheduler } from './scheduler.js';
import { ScriptedAgent } from './scripted-agent.js';
import { DEFAULT_AGENTS, DEFAULT_USERS } from './seed.js';
import { KeyedSerialQueue } from './serial-queue.js';
import { closeServer, createSimulatorServer, listen } from './server.js';
import { TableApi } from './table-api.js';
import { TableCatalog } from './tables.js';
import type * as t from './types.js';
import { UserRequests } from './user-requests.js';
import { VaApi } from './va-api.js';

/** Seconds announced in the queue spinner when no scripted agent gives a better estimate. */
const DEFAULT_WAIT_SECONDS = 30;

interface Parts {
  readonly users: UserDirectory;
  readonly agents: AgentRegistry;
  readonly interactions: InteractionStore;
  readonly conversations: ConversationStore;
  readonly chat: LiveChat;
  readonly sender: CallbackSender;
  readonly faults: FaultInjector;
  readonly scheduler: Scheduler;
  readonly queue: KeyedSerialQueue;
  readonly scripted: ScriptedAgent | undefined;
  readonly requests: t.ReceivedVaRequest[];
}

function seed(options: t.SimulatorOptions) {
  const users = new UserDirectory(Date.now);
  for (const user of options.users ?? DEFAULT_USERS) users.add(user);
  const agents = new AgentRegistry(users);
  for (const agent of options.agents ?? DEFAULT_AGENTS) agents.add(agent);
  const scripted = options.scriptedAgent === false ? undefined : options.scriptedAgent;
  if (scripted !== undefined && agents.get(scripted.name) === undefined) {
    agents.add({ name: scripted.name, available: true });
  }
  return { users, agents, scripted };
}

function build(options: t.SimulatorOptions, log: t.SimulatorLog): Parts {
  const { users, agents, scripted } = seed(options);
  const conversations = new ConversationStore();
  const scheduler = new Scheduler();
  const queue = new KeyedSerialQueue();
  const sender = new CallbackSender(options.callback, log);
  const waitSeconds = (): number =>
    scripted !== undefined && agents.get(scripted.name)?.available === true
      ? Math.max(1, Math.ceil(scripted.acceptAfterMs / 1000))
      : DEFAULT_WAIT_SECONDS;
  const interactions = new InteractionStore(Date.now);
  const chat = new LiveChat({
    conversations,
    interactions,
    users,
    agents,
    sender,
    queue,
    log,
    waitSeconds,
  });
  const scriptedAgent =
    scripted === undefined
      ? undefined
      : new ScriptedAgent(scripted, { chat, agents, users, conversations, scheduler, log });
  if (scriptedAgent !== undefined) chat.observe(scriptedAgent);
  const faults = new FaultInjector(Date.now);
  const parts = { users, agents, interactions, conversations, chat, sender, scheduler, queue };
  return { ...parts, faults, scripted: scriptedAgent, requests: [] };
}

class Simulator implements t.SnowSimulator {
  constructor(
    readonly url: string,
    private readonly parts: Parts,
    private readonly server: Server,
  ) {}

  get requests(): readonly t.ReceivedVaRequest[] {
    return this.parts.requests;
  }

  get callbacks(): readonly t.SentCallback[] {
    return this.parts.sender.sent;
  }

  setCallback(cb: t.CallbackTarget): void {
    this.parts.sender.setTarget(cb);
  }

  conversation(clientSessionId: string): t.ConversationSnapshot | undefined {
    const found = this.parts.conversations.latest(clientSessionId);
    return found === undefined ? undefined : snapshot(found);
  }

  agent(name: string): t.AgentControl {
    this.parts.agents.require(name);
    const chat = this.parts.chat;
    return {
      accept: async (id) => {
        await chat.accept(name, id);
      },
      say: (id, text) => chat.say(name, id, text),
      typing: (id, active) => chat.typing(name, id, active),
      end: (id) => chat.endByAgent(name, id),
    };
  }

  setAgentAvailable(name: string, available: boolean): void {
    this.parts.agents.require(name).available = available;
    this.parts.scripted?.availabilityChanged(name, available);
  }

  addUser(user: t.SimulatedUser): void {
    this.parts.users.add(user);
  }

  injectFault(target: t.FaultTarget, fault: t.InjectedFault): void {
    this.parts.faults.add(target, fault);
  }

  waitFor<T>(probe: () => T | undefined | false, opts?: t.WaitForOptions): Promise<T> {
    return this.parts.scheduler.waitFor(probe, opts);
  }

  async close(): Promise<void> {
    this.parts.scheduler.close();
    this.parts.sender.close();
    await closeServer(this.server);
    await this.parts.queue.drain();
  }
}

export async function startSimulator(options: t.SimulatorOptions): Promise<t.SnowSimulator> {
  const log = options.log ?? (() => undefined);
  const parts = build(options, log);
  let baseUrl = '';
  const { users, agents, interactions } = parts;
  const catalog = new TableCatalog({ users, agents, interactions });
  const va = new VaApi({
    credentials: options.credentials,
    ...(options.vaToken === undefined ? {} : { vaToken: options.vaToken }),
    faults: parts.faults,
    queue: parts.queue,
    handler: new UserRequests(parts.conversations, parts.chat),
    requests: parts.requests,
    log,
  });
  const table = new TableApi({
    credentials: options.credentials,
    faults: parts.faults,
    catalog,
    baseUrl: () => baseUrl,
    log,
  });
  const server = createSimulatorServer({ va, table }, log);
  baseUrl = await listen(server, options.host ?? '127.0.0.1', options.port ?? 0);
  log('simulator.started', { url: baseUrl });
  return new Simulator(baseUrl, parts, server);
}
