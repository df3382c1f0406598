// Composition of the simulator: builds the instance's state, the two APIs and the optional scripted
// agent, starts listening, and exposes the handle tests use to watch and drive it.
import type { Server } from 'node:http';
import { CALLBACK_TIMEOUT_MS, CallbackSender } from './callbacks.js';
import { CallerAuth } from './caller-auth.js';
import { ConversationStore, snapshot } from './conversations.js';
import { AgentRegistry, UserDirectory } from './directory.js';
import { FaultInjector } from './faults.js';
import { DEFAULT_IDLE_TIMEOUT_MS } from './idle.js';
import { InteractionStore } from './interactions.js';
import { KnowledgeApi } from './knowledge.js';
import { DEFAULT_ARTICLES } from './knowledge-base.js';
import { LiveChat } from './live-chat.js';
import { DEFAULT_RECORD_TABLES, RecordStore } from './records.js';
import { MediaLibrary } from './media.js';
import { PostChatSurvey } from './post-chat-survey.js';
import { TokenIssuer } from './oauth.js';
import { DEFAULT_QUEUES, QueueRegistry, type QueueProfile } from './routing.js';
import { Scheduler } from './scheduler.js';
import { ScriptedAgent } from './scripted-agent.js';
import { DEFAULT_AGENTS, DEFAULT_USERS } from './seed.js';
import { KeyedSerialQueue } from './serial-queue.js';
import { closeServer, createSimulatorServer, listen } from './server.js';
import { TableApi } from './table-api.js';
import { TableCatalog } from './tables.js';
import { TableWrites } from './table-writes.js';
import type * as t from './types.js';
import { UserRequests } from './user-requests.js';
import { VaApi } from './va-api.js';

/** Seconds announced in the queue spinner when no scripted agent gives a better estimate. */
const DEFAULT_WAIT_SECONDS = 30;

interface Parts {
  readonly users: UserDirectory;
  readonly agents: AgentRegistry;
  readonly interactions: InteractionStore;
  readonly records: RecordStore;
  readonly conversations: ConversationStore;
  readonly chat: LiveChat;
  readonly sender: CallbackSender;
  readonly faults: FaultInjector;
  readonly scheduler: Scheduler;
  readonly queue: KeyedSerialQueue;
  readonly queues: QueueRegistry;
  readonly tokens: TokenIssuer;
  readonly scripted: ScriptedAgent | undefined;
  readonly requests: t.ReceivedVaRequest[];
  readonly tableRequests: t.ReceivedTableRequest[];
  readonly knowledgeRequests: t.ReceivedTableRequest[];
  knowledge: t.KnowledgeSwitch;
  readonly media: MediaLibrary;
  readonly survey: PostChatSurvey;
  /** The instance's URL, known once it listens. */
  readonly base: { url: string };
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

/** The scripted agent's own pace is the best estimate when it can take the queue's chats. */
function waitEstimate(scripted: t.ScriptedAgentOptions | undefined, agents: AgentRegistry) {
  return (q: QueueProfile): number => {
    const agent = scripted === undefined ? undefined : agents.get(scripted.name);
    const serves = agent?.available === true && (agent.queues?.includes(q.name) ?? true);
    return serves
      ? Math.max(1, Math.ceil((scripted?.acceptAfterMs ?? 0) / 1000))
      : DEFAULT_WAIT_SECONDS;
  };
}

function build(options: t.SimulatorOptions, log: t.SimulatorLog): Parts {
  const { users, agents, scripted } = seed(options);
  const conversations = new ConversationStore();
  const scheduler = new Scheduler();
  const delay = (ms: number) => scheduler.delay(ms);
  const queue = new KeyedSerialQueue();
  const sender = new CallbackSender(options.callback, {
    log,
    timeoutMs: options.callbackTimeoutMs ?? CALLBACK_TIMEOUT_MS,
    delay,
  });
  const queues = new QueueRegistry(options.queues ?? DEFAULT_QUEUES);
  const interactions = new InteractionStore(Date.now);
  const survey = new PostChatSurvey(options.postChatSurvey, log);
  const chat = new LiveChat({
    conversations,
    interactions,
    users,
    agents,
    queues,
    sender,
    queue,
    scheduler,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    messageAuth: options.vaToken !== undefined || options.vaSigningSecret !== undefined,
    log,
    waitSeconds: waitEstimate(scripted, agents),
    survey,
  });
  const faults = new FaultInjector(Date.now, delay);
  const tokens = new TokenIssuer(options.oauth, faults, log);
  const base = { url: '' };
  const media = new MediaLibrary({
    auth: new CallerAuth(options.credentials, tokens),
    faults,
    baseUrl: () => base.url,
    maxUploadBytes: options.maxUploadBytes,
    trustedMediaDomains: options.trustedMediaDomains,
    log,
  });
  const scriptedAgent =
    scripted === undefined
      ? undefined
      : new ScriptedAgent(scripted, {
          chat,
          agents,
          users,
          conversations,
          interactions,
          scheduler,
          media,
          log,
          articles: DEFAULT_ARTICLES,
        });
  if (scriptedAgent !== undefined) chat.observe(scriptedAgent);
  const records = new RecordStore(options.recordTables ?? DEFAULT_RECORD_TABLES, Date.now);
  const parts = {
    ...{ users, agents, interactions, records, conversations },
    ...{ chat, sender, scheduler, queue },
  };
  return {
    ...parts,
    faults,
    queues,
    tokens,
    scripted: scriptedAgent,
    requests: [],
    tableRequests: [],
    knowledgeRequests: [],
    knowledge: { ...options.knowledge },
    media,
    survey,
    base,
  };
}

class Simulator implements t.SnowSimulator {
  constructor(
    readonly url: string,
    private readonly parts: Parts,
    private readonly server: Server,
    private readonly catalog: TableCatalog,
  ) {}

  get requests(): readonly t.ReceivedVaRequest[] {
    return this.parts.requests;
  }

  get callbacks(): readonly t.SentCallback[] {
    return this.parts.sender.sent;
  }

  get tableRequests(): readonly t.ReceivedTableRequest[] {
    return this.parts.tableRequests;
  }

  get knowledgeRequests(): readonly t.ReceivedTableRequest[] {
    return this.parts.knowledgeRequests;
  }

  setKnowledge(knowledge: t.KnowledgeSwitch): void {
    this.parts.knowledge = { ...knowledge };
  }

  get tokenRequests(): readonly t.TokenRequest[] {
    return this.parts.tokens.requests;
  }

  get uploads(): readonly t.ReceivedUpload[] {
    return this.parts.media.uploads;
  }

  attachFile(fileName: string, contentType: string, bytes: Buffer): string {
    return this.parts.media.attach(fileName, contentType, bytes);
  }

  get surveyAnswers(): readonly t.PostChatSurveyAnswer[] {
    return this.parts.survey.answers;
  }

  setPostChatSurvey(survey: t.PostChatSurveyOptions | undefined): void {
    this.parts.survey.set(survey);
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

  injectCallbackFault(fault: t.CallbackFault): void {
    this.parts.sender.inject(fault);
  }

  revokeTokens(): void {
    this.parts.tokens.revokeAll();
  }

  restrictFieldReads(table: string, fields: readonly string[]): void {
    this.catalog.restrictReads(table, fields);
  }

  waitFor<T>(probe: () => T | undefined | false, opts?: t.WaitForOptions): Promise<T> {
    return this.parts.scheduler.waitFor(probe, opts);
  }

  records(table: string): readonly Readonly<Record<string, string>>[] {
    return this.parts.records.rows(table);
  }

  refuseInserts(table: string, refusal: t.InsertRefusal | undefined): void {
    this.parts.records.refuseInserts(table, refusal);
  }

  refuseUpdates(table: string, refused: boolean): void {
    this.parts.records.refuseUpdates(table, refused);
  }

  journal(table: string, sysId: string): readonly t.JournalEntry[] {
    return this.parts.records.journalOf(table, sysId);
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
  const { users, agents, interactions, queues, records } = parts;
  const articles = () => DEFAULT_ARTICLES;
  const catalog = new TableCatalog({ users, agents, interactions, queues, records, articles });
  const auth = new CallerAuth(options.credentials, parts.tokens);
  const va = new VaApi({
    auth,
    ...(options.vaToken === undefined ? {} : { vaToken: options.vaToken }),
    ...(options.vaSigningSecret === undefined ? {} : { signingSecret: options.vaSigningSecret }),
    faults: parts.faults,
    queue: parts.queue,
    handler: new UserRequests(parts.conversations, parts.chat, parts.media),
    requests: parts.requests,
    log,
  });
  const table: TableApi = new TableApi({
    auth,
    requests: parts.tableRequests,
    faults: parts.faults,
    catalog,
    baseUrl: () => baseUrl,
    log,
    writes: new TableWrites({
      records,
      interactions,
      format: (name, row, params) => table.format(name, row, params),
      baseUrl: () => baseUrl,
    }),
  });
  const knowledge = new KnowledgeApi({
    auth,
    faults: parts.faults,
    articles,
    settings: () => parts.knowledge,
    requests: parts.knowledgeRequests,
    delay: (ms) => parts.scheduler.delay(ms),
  });
  const server = createSimulatorServer(
    { va, table, oauth: parts.tokens, knowledge, media: parts.media },
    log,
  );
  baseUrl = await listen(server, options.host ?? '127.0.0.1', options.port ?? 0);
  parts.base.url = baseUrl;
  log('simulator.started', { url: baseUrl });
  return new Simulator(baseUrl, parts, server, catalog);
}
