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
  /** ServiceNow → Teams: callbacks acknowledged but not yet shown, and the bot's notices. */
  readonly inbox?: SessionQueue<InboxPayload>;
  /** Teams → ServiceNow: user messages accepted but not yet taken by ServiceNow. */
  readonly outbox?: SessionQueue<OutboxPayload>;
  /** When the oldest item still queued either way was accepted; absent when nothing is queued. */
  readonly pendingSince?: string;
  /** What the user asked the agent about (prefills a ticket if no agent takes the chat). */
  readonly description?: string;
  /** The user's survey answer after the chat (one per chat). */
  readonly survey?: SurveyRecord;
  /**
   * ServiceNow handed the chat an agent closed back to its virtual agent, which may ask its own
   * survey next: the bot's survey waits until then (ISO), or until ServiceNow's next callback.
   */
  readonly surveyHeldUntil?: string;
  /** ServiceNow asked its own post-chat survey: its answers are relayed until then (ISO). */
  readonly serviceNowSurveyUntil?: string;
  /** The latest question of ServiceNow's survey asks for text, so a typed answer goes to it. */
  readonly serviceNowSurveyAsksText?: boolean;
}

/** A survey answer, stored with its session. */
export interface SurveyRecord {
  /** 1 to 5. */
  readonly rating: number;
  readonly comment?: string;
  readonly answeredAt: string;
}

/** What the user is offered after a notice: a ticket (no agent took the chat) or the survey. */
export type FollowUp = 'ticket' | 'survey';

/** A session without its queues: what the sweeps list (the queues may be large). */
export type SessionSummary = Omit<LiveChatSession, 'inbox' | 'outbox'>;

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
  /** The user's last chat while ServiceNow's own post-chat survey for it may take answers. */
  readonly surveySessionId?: string;
  readonly updatedAt: string;
}

/** A document with the ETag it was read or written with. */
export interface Versioned<T> {
  readonly value: T;
  readonly etag: string;
}

export interface SessionStore {
  get(id: string): Promise<Versioned<LiveChatSession> | undefined>;
  /**
   * The version of the session this instance read or wrote last, without a store round trip
   * (undefined when none is kept). Possibly stale: only a starting point for a compare-and-swap,
   * whose ETag check catches a newer version (see session-cache.ts).
   */
  lastSeen?(id: string): Versioned<LiveChatSession> | undefined;
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
  ): Promise<SessionSummary[]>;
  /**
   * Ids of up to `limit` sessions with something queued since before `before` (ISO time): work an
   * instance left unfinished. A query: for the periodic sweep only.
   */
  listPending(before: string, limit: number): Promise<string[]>;
  /**
   * How many sessions are in `state`. A count query, reading no documents: for the open-sessions
   * gauge only, never on the path of a message.
   */
  count(state: SessionState): Promise<number>;
}

/** The timestamps a lifecycle sweep looks sessions up by. */
export type StaleField = 'createdAt' | 'lastActivityAt' | 'surveyHeldUntil';

export interface UserStore {
  get(id: string): Promise<Versioned<UserRecord> | undefined>;
  /** Unconditional write (used to refresh the conversation reference). */
  upsert(user: UserRecord): Promise<Versioned<UserRecord>>;
  /** Compare-and-swap: throws StoreConflictError when `etag` is no longer current (or the user is gone). */
  replace(user: UserRecord, etag: string): Promise<Versioned<UserRecord>>;
}

/**
 * A session's queue in one direction, kept inside the session document: `inbox` holds what
 * ServiceNow sent (and the bot's own notices) until it reached the user in Teams; `outbox` holds
 * what the user wrote until ServiceNow took it. Appending is a compare-and-swap of the session
 * document that also allocates the sequence number, and the instance holding the lease delivers
 * the items strictly in order, removing each with another compare-and-swap.
 */
export interface SessionQueue<P> {
  /** The last sequence number allocated (1, 2, 3… in the order items were accepted). */
  readonly appended: number;
  /** What is still to be delivered, oldest first. */
  readonly items: readonly QueueItem<P>[];
  /** Who may deliver the items now, until when. */
  readonly lease?: QueueLease;
  /** Dedup keys of recently delivered items, oldest first, bounded. */
  readonly recent: readonly string[];
  /** How much of item `seq` reached its destination before an attempt was interrupted. */
  readonly partial?: { readonly seq: number; readonly done: number };
  /** Consecutive unexpected failures delivering item `seq`. */
  readonly failures?: { readonly seq: number; readonly count: number };
  /** Flags the queue's processor keeps between items (e.g. "the user was told of an outage"). */
  readonly notes?: Readonly<Record<string, boolean>>;
}

export interface QueueItem<P> {
  readonly seq: number;
  readonly appendedAt: string;
  /** Identifies a repeat (the same callback body, the same Teams activity). */
  readonly dedupKey?: string;
  /** The payload itself, or absent when it is kept in a document of its own (`spilled`). */
  readonly payload?: P;
  /** Id of the spilled payload's document (large payloads, long backlogs). */
  readonly spilled?: string;
}

/** Who may deliver a queue's items, until when (epoch ms). */
export interface QueueLease {
  readonly owner: string;
  readonly until: number;
}

/** A payload too large to keep inside the session document. */
export interface SpilledPayload<P> {
  readonly id: string;
  readonly sessionId: string;
  readonly payload: P;
}

/** Where spilled payloads are kept (point operations by id only). */
export interface SpillStore<P> {
  /** Stores the payload under its id; writing the same id again replaces it. */
  put(spilled: SpilledPayload<P>): Promise<void>;
  get(id: string): Promise<SpilledPayload<P> | undefined>;
  /** Removing one that is gone already is not an error. */
  remove(id: string): Promise<void>;
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
      /** A card shown after the notice (ticket or survey). */
      readonly followUp?: FollowUp;
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
      /** Files already uploaded to ServiceNow: what it needs to fetch them, never the bytes. */
      readonly attachments?: readonly OutboxAttachment[];
      /** Files ServiceNow could not take yet: uploaded when the entry is delivered. */
      readonly pendingFiles?: readonly PendingFile[];
    }
  | { readonly kind: 'end'; readonly timezone?: string };

/**
 * One ticket card's claim, by the card's idempotency key: which instance is creating the record
 * (and since when), then the record it created. Makes "look before creating" safe when two
 * instances handle two clicks of one card at once.
 */
export interface TicketClaim {
  /** The card's idempotency key (also the record's correlation_id). Partition key. */
  readonly id: string;
  /** `creating` while an instance holds the claim; `failed` lets the next click try again. */
  readonly state: 'creating' | 'created' | 'failed';
  readonly table: string;
  /** When the claim was taken (ISO); a `creating` claim older than the lease may be taken over. */
  readonly claimedAt: string;
  readonly owner: string;
  /** Whose card it is: a click by anyone else is refused (it would reveal their ticket). */
  readonly userKey?: string;
  readonly sysId?: string;
  readonly number?: string;
}

export interface TicketClaimStore {
  get(id: string): Promise<Versioned<TicketClaim> | undefined>;
  /** Throws StoreConflictError when a claim with that id exists. */
  create(claim: TicketClaim): Promise<Versioned<TicketClaim>>;
  /** Compare-and-swap: throws StoreConflictError when `etag` is no longer current. */
  replace(claim: TicketClaim, etag: string): Promise<Versioned<TicketClaim>>;
}

/** An uploaded file as the VA API's `message.attachment` refers to it. */
export interface OutboxAttachment {
  readonly url: string;
  readonly contentType: string;
  readonly fileName: string;
}

/**
 * A file still to upload: where Teams keeps it (a short-lived pre-authorised link, or the Bot
 * Connector, for which the bot's token is fetched at delivery time and never stored).
 */
export interface PendingFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly source: { readonly url: string; readonly auth: 'none' | 'bot' };
}
