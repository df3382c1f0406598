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
}

export interface UserStore {
  get(id: string): Promise<Versioned<UserRecord> | undefined>;
  /** Unconditional write (used to refresh the conversation reference). */
  upsert(user: UserRecord): Promise<Versioned<UserRecord>>;
  /** Compare-and-swap: throws StoreConflictError when `etag` is no longer current (or the user is gone). */
  replace(user: UserRecord, etag: string): Promise<Versioned<UserRecord>>;
}

/** A callback acknowledged to ServiceNow but not yet delivered to Teams. */
export interface InboxItem {
  /** `${clientSessionId}:${sequence or digest}`. Partition key. */
  readonly id: string;
  readonly sessionId: string;
  readonly receivedAt: string;
  /** The raw JSON body as received, so nothing is lost if parsing rules change. */
  readonly payload: unknown;
}

export interface InboxStore {
  /** Returns false when an item with that id already exists (a duplicate delivery). */
  add(item: InboxItem): Promise<boolean>;
  /** Removing an item that does not exist (any more) is not an error. */
  remove(id: string): Promise<void>;
}
