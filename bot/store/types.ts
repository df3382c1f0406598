// What the bot keeps in Cosmos DB, and the narrow interfaces the rest of the bot uses to reach it.
import type { ConversationReference } from 'botbuilder';

/** requested → queued → connected → ended. Transitions are ETag-guarded (compare-and-swap). */
export type SessionState = 'requested' | 'queued' | 'connected' | 'ended';

export interface LiveChatSession {
  /** The clientSessionId sent to ServiceNow: a random UUID, unguessable. Partition key. */
  readonly id: string;
  /** Key of the user document (Teams user's AAD object id, else the Teams user id). */
  readonly userKey: string;
  /** The `userId` sent to ServiceNow (AAD object id). */
  readonly snowUserId: string;
  readonly email?: string;
  readonly tenantId?: string;
  /** Where agent messages for this session are delivered. */
  readonly conversationReference: Partial<ConversationReference>;
  readonly state: SessionState;
  readonly handoffOptionId: string;
  readonly interactionId?: string;
  readonly agentName?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly endedAt?: string;
  readonly endReason?: string;
  /** When ServiceNow acknowledged the start request (user messages wait for it). */
  readonly startedAt?: string;
  /** When the first callback for the session arrived (absent: ServiceNow has not answered yet). */
  readonly firstCallbackAt?: string;
  /** Last message either way (coarse: written at most every few seconds); drives the idle timeout. */
  readonly lastActivityAt?: string;
  /** When the user was reminded that the idle chat is about to close (cleared by new activity). */
  readonly reminderAt?: string;
  /** Wait-time notices shown so far (they are capped, so a long queue does not flood the chat). */
  readonly waitNotices?: { readonly count: number; readonly lastAt?: string };
}

export interface UserRecord {
  /** Teams user key (AAD object id when Teams sends it). Partition key. */
  readonly id: string;
  readonly conversationReference: Partial<ConversationReference>;
  readonly name?: string;
  readonly email?: string;
  readonly locale?: string;
  readonly tenantId?: string;
  /** The user's open live chat, if any. */
  readonly openSessionId?: string;
  readonly updatedAt: string;
}

/** A document with the ETag it was read or written with. */
export interface Versioned<T> {
  readonly value: T;
  readonly etag: string;
}

export interface SessionStore {
  get(id: string): Promise<Versioned<LiveChatSession> | undefined>;
  /** Throws StoreConflictError if a session with that id exists. */
  create(session: LiveChatSession): Promise<Versioned<LiveChatSession>>;
  /**
   * Compare-and-swap: throws StoreConflictError when `etag` is no longer current (or the session
   * no longer exists). Writing state `ended` gives the document a TTL in Cosmos DB.
   */
  replace(session: LiveChatSession, etag: string): Promise<Versioned<LiveChatSession>>;
  /**
   * Up to `limit` sessions in `state` whose `field` is earlier than `before` (ISO time). A query:
   * for the periodic lifecycle sweep only, never on the path of a message.
   */
  listStale(
    state: SessionState,
    field: StaleField,
    before: string,
    limit: number,
  ): Promise<LiveChatSession[]>;
}

/** The timestamps a lifecycle sweep looks sessions up by. */
export type StaleField = 'createdAt' | 'lastActivityAt';

export interface UserStore {
  get(id: string): Promise<Versioned<UserRecord> | undefined>;
  /** Unconditional write (used to refresh the conversation reference). */
  upsert(user: UserRecord): Promise<Versioned<UserRecord>>;
  /** Compare-and-swap: throws StoreConflictError when `etag` is no longer current (or the user is gone). */
  replace(user: UserRecord, etag: string): Promise<Versioned<UserRecord>>;
}

/**
 * A session stream: the durable, ordered log of one direction of one session. `inbox` holds what
 * ServiceNow sent (and the bot's own notices) until it reached the user in Teams; `outbox` holds
 * what the user wrote until ServiceNow took it. Sequence numbers are allocated from the stream's
 * head and entries are processed strictly in that order, by whichever instance holds the cursor's
 * lease.
 */
export interface StreamEntry<P> {
  readonly sessionId: string;
  /** 1, 2, 3… in the order the entries were accepted. */
  readonly seq: number;
  readonly appendedAt: string;
  /** Identifies a repeat (the same callback body, the same Teams activity). */
  readonly dedupKey?: string;
  /** Absent on a tombstone: the number was allocated but its writer never finished. */
  readonly payload?: P;
}

/** The last sequence number allocated in a stream. */
export interface StreamHead {
  readonly sessionId: string;
  readonly appended: number;
  readonly updatedAt: string;
}

/** Who may process a stream, until when (epoch ms). */
export interface StreamLease {
  readonly owner: string;
  readonly until: number;
}

/** How far a stream has been processed, and by whom it is being processed now. */
export interface StreamCursor {
  readonly sessionId: string;
  /** The highest sequence number processed. */
  readonly delivered: number;
  /** Dedup keys of recently processed entries, oldest first, bounded. */
  readonly recent: readonly string[];
  readonly lease?: StreamLease;
  /** An allocated entry first found missing at `since` (epoch ms); tombstoned if it stays missing. */
  readonly gap?: { readonly seq: number; readonly since: number };
  /** How much of entry `seq` reached its destination before an attempt was interrupted. */
  readonly partial?: { readonly seq: number; readonly done: number };
  /** Consecutive unexpected failures processing entry `seq`. */
  readonly failures?: { readonly seq: number; readonly count: number };
  /** Flags the stream's processor keeps between entries (e.g. "the user was told of an outage"). */
  readonly notes?: Readonly<Record<string, boolean>>;
  readonly updatedAt: string;
}

export interface StreamStore<P> {
  getHead(sessionId: string): Promise<Versioned<StreamHead> | undefined>;
  /** Creates the head when `etag` is undefined, else compare-and-swap; StoreConflictError if stale. */
  putHead(head: StreamHead, etag: string | undefined): Promise<Versioned<StreamHead>>;
  getEntry(sessionId: string, seq: number): Promise<StreamEntry<P> | undefined>;
  /** Returns false when the sequence number is taken already (by the entry or a tombstone). */
  addEntry(entry: StreamEntry<P>): Promise<boolean>;
  /** Removing an entry that is gone already is not an error. */
  removeEntry(sessionId: string, seq: number): Promise<void>;
  getCursor(sessionId: string): Promise<Versioned<StreamCursor> | undefined>;
  /** Creates the cursor when `etag` is undefined, else compare-and-swap; StoreConflictError if stale. */
  putCursor(cursor: StreamCursor, etag: string | undefined): Promise<Versioned<StreamCursor>>;
  /**
   * Sessions that still have entries appended before `before` (ISO time): work some instance left
   * unfinished. A query: for the periodic sweep only, never on the path of a message.
   */
  stalled(before: string, limit: number): Promise<string[]>;
}

/** What the inbox carries: a ServiceNow callback as received, or a notice from the bot itself. */
export type InboxPayload =
  | {
      readonly kind: 'callback';
      /** The JSON body as received, so nothing is lost if parsing rules change. */
      readonly body: unknown;
    }
  | {
      readonly kind: 'notice';
      /** Shown to the user as is. */
      readonly text: string;
      /** Whether to show it even after the session ended (the "chat closed" notices). */
      readonly afterEnd: boolean;
    };

/** What the outbox carries: a user message for the agent, or the user's side ending the chat. */
export type OutboxPayload =
  | {
      readonly kind: 'message';
      readonly text: string;
      readonly clientMessageId: string;
      readonly timezone?: string;
      /** False for a choice picked on an agent's picker (ServiceNow's `typed`); default true. */
      readonly typed?: boolean;
    }
  | { readonly kind: 'end'; readonly timezone?: string };
