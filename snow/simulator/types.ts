// Public shapes of the ServiceNow simulator: how it is configured, what it records, and the handles
// tests use to look at it and drive it.
import type { PostChatSurveyAnswer, PostChatSurveyOptions } from './post-chat-survey.js';

export type { PostChatSurveyAnswer, PostChatSurveyOptions } from './post-chat-survey.js';

export interface CallbackTarget {
  readonly url: string;
  /** Basic-auth user name; defaults to `servicenow`. */
  readonly username?: string;
  readonly password: string;
  /** Extra HTTP headers of the REST message, e.g. a shared secret header. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface SimulatedUser {
  readonly name: string;
  readonly email: string;
  readonly userName?: string;
}

export interface SimulatedAgent {
  readonly name: string;
  /** Presence: Available (true) or Offline (false). */
  readonly available: boolean;
  /** Chats at once (AWA capacity); default 3. */
  readonly capacity?: number;
  /** Names of the queues whose work the agent takes (eligibility); default every queue. */
  readonly queues?: readonly string[];
}

/**
 * An AWA queue for chats. A chat goes to the first queue (in the order given) whose conditions
 * its context variables all meet. No matching queue, or a queue without an assignment rule: AWA
 * cannot route the chat, and ServiceNow closes the interaction at once.
 */
export interface SimulatedQueue {
  readonly name: string;
  /** Context variables the chat must carry, with these exact values; none: any chat. */
  readonly conditions?: Readonly<Record<string, string>>;
  /** Whether an assignment rule routes this queue's work to agents; default true. */
  readonly assignmentRule?: boolean;
  /** The wait announced in the queue spinner, in seconds; default an estimate. */
  readonly waitSeconds?: number;
}

/** The OAuth application registry entry the bot authenticates as (client-credentials grant). */
export interface OAuthClientOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Access token lifespan; default 1800 s, as ServiceNow's. */
  readonly tokenSeconds?: number;
}

export interface ScriptedAgentOptions {
  readonly name: string;
  readonly acceptAfterMs: number;
  readonly replyAfterMs: number;
}

export type SimulatorLog = (event: string, fields?: Record<string, unknown>) => void;

export interface SimulatorOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** Default 0 (ephemeral). */
  readonly port?: number;
  /** Basic auth for the VA API and the Table API. */
  readonly credentials: { readonly username: string; readonly password: string };
  /** When set, `/oauth_token.do` issues bearer tokens to this client, accepted like Basic auth. */
  readonly oauth?: OAuthClientOptions;
  /**
   * When set, VA requests must carry it (header `token`, or body `token`; the header wins). With
   * no message authentication (this or `vaSigningSecret`) every chat user is a guest, as on a
   * real instance: only authenticated messages link the user to a sys_user by `emailId`.
   */
  readonly vaToken?: string;
  /**
   * When set, VA requests must carry `x-b2b-signature`: hex HMAC-SHA1, keyed with this secret,
   * of the body's compact JSON (what ServiceNow's own example signs: JSON.stringify of the body).
   */
  readonly vaSigningSecret?: string;
  /** Where output is POSTed (Basic auth); can be set later with `setCallback`. */
  readonly callback?: CallbackTarget;
  readonly scriptedAgent?: false | ScriptedAgentOptions;
  /** Default: one available agent, "Jordan Taylor". */
  readonly agents?: readonly SimulatedAgent[];
  /** Default: one queue, "IT Support", taking every chat, with an assignment rule. */
  readonly queues?: readonly SimulatedQueue[];
  /**
   * A conversation with no activity for this long is closed, as ServiceNow's "Time Out Abandoned
   * B2B Conversations" job does; default one hour.
   */
  readonly idleTimeoutMs?: number;
  /** How long the bot's endpoint has to answer a callback; default 5000 ms, as ServiceNow's. */
  readonly callbackTimeoutMs?: number;
  /** sys_user seed; the default includes Alex Wilber (alexw@example.com). */
  readonly users?: readonly SimulatedUser[];
  /** Task tables the Table API inserts into; default `incident` (INC…, short_description mandatory). */
  readonly recordTables?: readonly SimulatedRecordTable[];
  readonly log?: SimulatorLog;
  /** The Knowledge API plugin and its search: installed, fast and working by default. */
  readonly knowledge?: KnowledgeSwitch;
  /** Largest media upload accepted (413 above it); default 64 MB. */
  readonly maxUploadBytes?: number;
  /** Hosts the instance fetches attachment URLs from besides itself. */
  readonly trustedMediaDomains?: readonly string[];
  /** The instance's own survey after an agent closes a chat; default none. */
  readonly postChatSurvey?: PostChatSurveyOptions;
}

/** How the instance's knowledge search behaves (the Table API on kb_knowledge is always there). */
export interface KnowledgeSwitch {
  /** false: the Knowledge API plugin (sn_km_api) is not installed; its path does not exist. */
  readonly installed?: boolean;
  /** Every search answers this much later. */
  readonly delayMs?: number;
  /** Every search fails with this status (e.g. 500). */
  readonly failStatus?: number;
}

export type VaRequestOutcome = 'accepted' | `rejected: ${string}`;

/** One request received on the VA API endpoint, whatever became of it. */
export interface ReceivedVaRequest {
  readonly at: number;
  /** Header names in lower case; the Authorization credentials are redacted. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON body; empty when it was not a JSON object. */
  readonly body: Readonly<Record<string, unknown>>;
  /** The HTTP status answered; `reset` when the connection was closed without an answer. */
  readonly status: number | 'reset';
  readonly outcome: VaRequestOutcome;
}

/** One callback POST to the bot's endpoint. Recorded once it was answered or failed. */
export interface SentCallback {
  readonly at: number;
  readonly url: string;
  readonly clientSessionId: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly status?: number;
  readonly error?: string;
  readonly durationMs: number;
  /** The injected callback fault that shaped this post, if any (`drop`: it was never sent). */
  readonly fault?: CallbackFaultKind;
}

/** One request received on the Table API. */
export interface ReceivedTableRequest {
  readonly at: number;
  readonly method: string;
  /** Path without the query, e.g. `/api/now/table/sys_user`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly status: number | 'reset';
}

/** One request received on `/oauth_token.do` (the client secret is not recorded). */
export interface TokenRequest {
  readonly at: number;
  readonly grantType: string;
  readonly clientId: string;
  readonly status: number | 'reset';
}

export type ConversationState = 'virtual_agent' | 'queued' | 'connected' | 'closed';

export interface UserMessageSeen {
  readonly text: string;
  readonly requestId: string;
  readonly clientMessageId?: string;
  /** The files of the message the instance could fetch (see MediaLibrary.resolve). */
  readonly attachments?: readonly SeenAttachment[];
}

/** A file of a user message as the agent sees it. */
export interface SeenAttachment {
  readonly fileName: string;
  readonly contentType: string;
  /** Known for files uploaded to the instance. */
  readonly size?: number;
  readonly url: string;
}

/** One file received on the media upload API (the bytes are kept by the simulator, not here). */
export interface ReceivedUpload {
  readonly at: number;
  readonly userId: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly providerApplicationId?: string;
}

export interface ConversationSnapshot {
  readonly clientSessionId: string;
  readonly appInboundId?: string;
  readonly userId: string;
  readonly state: ConversationState;
  readonly interactionId?: string;
  readonly interactionNumber?: string;
  /** Raw `interaction.state`, e.g. `on_hold`, `work_in_progress`, `closed_complete`. */
  readonly interactionState?: string;
  readonly stateReason?: string;
  /** sys_id of the linked sys_user (the guest user when nobody matched `emailId`). */
  readonly openedFor?: string;
  readonly agent?: string;
  /** The AWA queue the chat was routed to, by name. */
  readonly queue?: string;
  /** What the user described when asking for an agent (the interaction's short description). */
  readonly issue?: string;
  /** Knowledge article numbers the start request said the user had tried (`kb_articles_tried`). */
  readonly triedArticles?: readonly string[];
  /** User messages sent while queued, not yet shown to an agent. */
  readonly waitingForAgent: readonly UserMessageSeen[];
  /** User messages the agent saw, in order (those sent while queued appear on accept). */
  readonly userMessages: readonly UserMessageSeen[];
  /** Whether the user's last signal was TYPING (true) or VIEWING (false). */
  readonly userTyping: boolean;
  readonly typingSignals: readonly ('TYPING' | 'VIEWING')[];
}

export interface AgentControl {
  /** Join the queued chat. */
  accept(clientSessionId: string): Promise<void>;
  say(clientSessionId: string, text: string): Promise<void>;
  typing(clientSessionId: string, active: boolean): Promise<void>;
  /** The agent closes the chat. */
  end(clientSessionId: string): Promise<void>;
}

/**
 * What the next calls get instead of a normal answer. `delayMs` alone adds latency to a normal
 * answer; with `status` the call is answered with that status and not processed; with `reset`
 * the connection is closed without an answer (a VA API request is processed first: it reached
 * ServiceNow, only the answer was lost).
 */
export interface InjectedFault {
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** How many of the next calls get this answer; default 1. */
  readonly times?: number;
  readonly delayMs?: number;
  readonly reset?: boolean;
  /** For a 429: the Retry-After seconds; null sends none (default 1). */
  readonly retryAfterSeconds?: number | null;
}

export type FaultTarget = 'va' | 'table' | 'oauth' | 'knowledge' | 'media';

/**
 * `drop`: never sent. `duplicate`: sent twice. `delay`: sent `delayMs` late (the conversation's
 * later callbacks wait). `reorder`: held back and sent after the conversation's next callback.
 */
export type CallbackFaultKind = 'drop' | 'duplicate' | 'delay' | 'reorder';

export interface CallbackFault {
  readonly kind: CallbackFaultKind;
  /** How many of the next callbacks (of any conversation) it applies to; default 1. */
  readonly times?: number;
  readonly delayMs?: number;
}

export interface WaitForOptions {
  /** Default 5000. */
  readonly timeoutMs?: number;
  /** Named in the timeout message. */
  readonly what?: string;
}

export interface SnowSimulator {
  /** e.g. `http://127.0.0.1:54321` */
  readonly url: string;
  setCallback(cb: CallbackTarget): void;
  readonly requests: readonly ReceivedVaRequest[];
  readonly callbacks: readonly SentCallback[];
  readonly tableRequests: readonly ReceivedTableRequest[];
  /** Requests to the Knowledge API (the Table API's kb_knowledge reads are in tableRequests). */
  readonly knowledgeRequests: readonly ReceivedTableRequest[];
  readonly tokenRequests: readonly TokenRequest[];
  /** Files received on the media upload API, in order. */
  readonly uploads: readonly ReceivedUpload[];
  /** Keeps a file as an agent's attachment; returns its Attachment API URL on the instance. */
  attachFile(fileName: string, contentType: string, bytes: Buffer): string;
  conversation(clientSessionId: string): ConversationSnapshot | undefined;
  agent(name: string): AgentControl;
  setAgentAvailable(name: string, available: boolean): void;
  addUser(user: SimulatedUser): void;
  injectFault(target: FaultTarget, fault: InjectedFault): void;
  injectCallbackFault(fault: CallbackFault): void;
  /** Changes how the knowledge search behaves from now on (plugin absent, slow, failing). */
  setKnowledge(knowledge: KnowledgeSwitch): void;
  /** Every access token issued so far stops working (as when an admin revokes them). */
  revokeTokens(): void;
  /**
   * A field-level read ACL for the service account: these fields of `table` come back blank in
   * Table API reads (queries on them still match, as ServiceNow evaluates them server-side).
   */
  restrictFieldReads(table: string, fields: readonly string[]): void;
  waitFor<T>(probe: () => T | undefined | false, opts?: WaitForOptions): Promise<T>;
  /** The records inserted into a task table so far, as stored (every value a string). */
  records(table: string): readonly Readonly<Record<string, string>>[];
  /** Makes inserts into `table` fail (an ACL, or a business rule aborting them); undefined ends it. */
  refuseInserts(table: string, refusal: InsertRefusal | undefined): void;
  /** Makes updates of `table` (e.g. `interaction`) fail as an ACL refuses them; false ends it. */
  refuseUpdates(table: string, refused: boolean): void;
  /** Work notes and comments written to a record (e.g. an interaction) through the Table API. */
  journal(table: string, sysId: string): readonly JournalEntry[];
  /** Asks (or stops asking) the instance's own survey after chats an agent closes from now on. */
  setPostChatSurvey(survey: PostChatSurveyOptions | undefined): void;
  /** The answers that survey took, in order. */
  readonly surveyAnswers: readonly PostChatSurveyAnswer[];
  close(): Promise<void>;
}

/** A task table records can be inserted into. */
export interface SimulatedRecordTable {
  /** e.g. `incident`, `u_it_request` */
  readonly name: string;
  /** Number prefix, e.g. `INC`. */
  readonly prefix: string;
  /** Fields an insert must set, as a data policy would require. */
  readonly mandatory?: readonly string[];
  /** Columns beyond the task fields (a custom table's `u_` fields). */
  readonly extraFields?: readonly string[];
}

/** How inserts are refused: an ACL, or a business rule that aborts them. */
export interface InsertRefusal {
  readonly kind: 'acl' | 'businessRule';
}

/** One journal entry (`work_notes`, `comments`) written to a record. */
export interface JournalEntry {
  readonly table: string;
  readonly sysId: string;
  readonly field: string;
  readonly value: string;
  /** GlideDateTime of the write. */
  readonly at: string;
}
