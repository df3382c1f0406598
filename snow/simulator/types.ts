// Public shapes of the ServiceNow simulator: how it is configured, what it records, and the handles
// tests use to look at it and drive it.

export interface CallbackTarget {
  readonly url: string;
  /** Basic-auth user name; defaults to `servicenow`. */
  readonly username?: string;
  readonly password: string;
}

export interface SimulatedUser {
  readonly name: string;
  readonly email: string;
  readonly userName?: string;
}

export interface SimulatedAgent {
  readonly name: string;
  readonly available: boolean;
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
  /** When set, VA requests must carry it (header `token`, or body `token`; the header wins). */
  readonly vaToken?: string;
  /** Where output is POSTed (Basic auth); can be set later with `setCallback`. */
  readonly callback?: CallbackTarget;
  readonly scriptedAgent?: false | ScriptedAgentOptions;
  /** Default: one available agent, "Jordan Taylor". */
  readonly agents?: readonly SimulatedAgent[];
  /** sys_user seed; the default includes Alex Wilber (alexw@example.com). */
  readonly users?: readonly SimulatedUser[];
  readonly log?: SimulatorLog;
}

export type VaRequestOutcome = 'accepted' | `rejected: ${string}`;

/** One request received on the VA API endpoint, whatever became of it. */
export interface ReceivedVaRequest {
  readonly at: number;
  /** Header names in lower case; the Authorization credentials are redacted. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON body; empty when it was not a JSON object. */
  readonly body: Readonly<Record<string, unknown>>;
  /** The HTTP status answered. */
  readonly status: number;
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
}

export type ConversationState = 'virtual_agent' | 'queued' | 'connected' | 'closed';

export interface UserMessageSeen {
  readonly text: string;
  readonly requestId: string;
  readonly clientMessageId?: string;
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
  /** What the user described when asking for an agent (the interaction's short description). */
  readonly issue?: string;
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

export interface InjectedFault {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** How many of the next calls get this answer; default 1. */
  readonly times?: number;
}

export type FaultTarget = 'va' | 'table';

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
  conversation(clientSessionId: string): ConversationSnapshot | undefined;
  agent(name: string): AgentControl;
  setAgentAvailable(name: string, available: boolean): void;
  addUser(user: SimulatedUser): void;
  injectFault(target: FaultTarget, fault: InjectedFault): void;
  waitFor<T>(probe: () => T | undefined | false, opts?: WaitForOptions): Promise<T>;
  close(): Promise<void>;
}
