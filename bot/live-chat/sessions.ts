// Session state transitions, each a compare-and-swap on the document's ETag, and the pointer from
// a user to their open session. The only place that changes sessions or that pointer.
import type { ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import { compareAndSwap, compareAndSwapFrom } from '../store/compare-and-swap.js';
import type {
  LiveChatSession,
  SessionState,
  StaleField,
  SessionStore,
  SessionSummary,
  UserRecord,
  UserStore,
  Versioned,
} from '../store/types.js';

/** Why a session ended (stored as `endReason`; ServiceNow's own reasons are prefixed). */
export const EndReasons = {
  /** The user ended the chat in Teams. */
  user: 'user',
  /** ServiceNow refused the start request. */
  startFailed: 'start_failed',
  /** ServiceNow sent nothing within the start timeout. */
  startTimeout: 'start_timeout',
  /** Nobody wrote within the idle timeout. */
  idle: 'idle_timeout',
  /** Teams answered 403/404: the app was removed or the user is gone. */
  unreachable: 'teams:unreachable',
  /** The user started another chat at the same moment (on another instance); never sent. */
  duplicateStart: 'duplicate_start',
} as const;

/** The prefix of reasons ServiceNow gave (e.g. `servicenow:completed`). */
export const serviceNowEndPrefix = 'servicenow:';

/** What an ended session records about ServiceNow's own post-chat survey (see post-chat.ts). */
export type PostChatFields = Pick<
  LiveChatSession,
  'surveyHeldUntil' | 'serviceNowSurveyUntil' | 'serviceNowSurveyAsksText'
>;

export interface SessionsOptions {
  readonly sessions: SessionStore;
  readonly users: UserStore;
  readonly log: Logger;
  readonly now?: () => Date;
  /** Activity timestamps are rewritten at most this often (they only drive the idle timeout). */
  readonly activityResolutionMs?: number;
}

/**
 * How often a chat's activity timestamp is rewritten for an idle timeout of `idleTimeoutMs` (0:
 * off). It saves a store write on most messages of a busy chat; the idle sweep credits it, so a
 * chat is reminded and ended at least the configured time after its last message, at most this
 * much later.
 */
export function activityResolutionFor(idleTimeoutMs: number): number {
  if (idleTimeoutMs <= 0) return 24 * 60 * 60_000;
  return Math.min(5 * 60_000, Math.max(5_000, Math.round(idleTimeoutMs / 6)));
}

export class Sessions {
  private readonly now: () => Date;

  /** See activityResolutionFor. */
  readonly activityResolutionMs: number;

  constructor(private readonly options: SessionsOptions) {
    this.now = options.now ?? (() => new Date());
    this.activityResolutionMs = options.activityResolutionMs ?? 5_000;
  }

  get(id: string): Promise<Versioned<LiveChatSession> | undefined> {
    return this.options.sessions.get(id);
  }

  /** The version this instance saw last, if kept: a compare-and-swap may start from it. */
  lastSeen(id: string): Versioned<LiveChatSession> | undefined {
    return this.options.sessions.lastSeen?.(id);
  }

  timestamp(): string {
    return this.now().toISOString();
  }

  /** Sessions in `state` whose `field` is before `before`: a query, for the lifecycle sweep. */
  listStale(
    state: SessionState,
    field: StaleField,
    before: string,
    limit: number,
  ): Promise<SessionSummary[]> {
    return this.options.sessions.listStale(state, field, before, limit);
  }

  /** ServiceNow acknowledged the start request: user messages may go to it from now on. */
  async markStarted(id: string): Promise<void> {
    await this.update(id, (s) =>
      s.startedAt === undefined ? { ...s, startedAt: this.timestamp() } : undefined,
    );
  }

  /** Records the first callback of the session (it is then no longer "unanswered"). */
  async markAnswered(id: string): Promise<void> {
    await this.update(id, (s) =>
      s.firstCallbackAt === undefined ? { ...s, firstCallbackAt: this.timestamp() } : undefined,
    );
  }

  /** Someone wrote: the idle timeout starts again (and a pending reminder no longer applies). */
  async touch(id: string): Promise<void> {
    await this.update(id, (s) => (this.isFresh(s) ? undefined : { ...s, ...this.activity() }));
  }

  /** The fields `touch` writes, for callers that change the session anyway. */
  activity(): Pick<LiveChatSession, 'lastActivityAt' | 'reminderAt'> {
    return { lastActivityAt: this.timestamp(), reminderAt: undefined };
  }

  /** Whether the session's activity timestamp is recent enough not to be rewritten. */
  isFresh(session: LiveChatSession): boolean {
    if (session.state === 'ended' || session.lastActivityAt === undefined) {
      return session.state === 'ended';
    }
    const age = this.now().getTime() - Date.parse(session.lastActivityAt);
    return age < this.activityResolutionMs && session.reminderAt === undefined;
  }

  /**
   * Keeps the session's conversation reference (where agent messages go) in step with the user's:
   * Teams may move a conversation to another serviceUrl, and every incoming activity refreshes the
   * user's record. Written only when it changed for the same conversation, so deliveries never
   * need to read the user's record.
   */
  async follow(
    session: LiveChatSession,
    latest: Partial<ConversationReference>,
  ): Promise<LiveChatSession> {
    if (!movedWithin(session.conversationReference, latest)) return session;
    const updated = await this.update(session.id, (s) =>
      movedWithin(s.conversationReference, latest)
        ? { ...s, conversationReference: latest }
        : undefined,
    );
    return updated ?? session;
  }

  /**
   * Saves a new session and points its user at it, before ServiceNow is asked to start it.
   * `replaces` is the user's pointer as the caller found it (no chat, or one that has ended or was
   * never answered). False when the pointer names another chat by the time of the write: the user
   * started one on another instance at the same moment. This one is then ended unused, so the
   * user has one open chat and ServiceNow hears of one.
   */
  async open(session: LiveChatSession, replaces?: string): Promise<boolean> {
    await this.options.sessions.create(session);
    const pointed = await this.updateUser(session.userKey, (user) =>
      user.openSessionId === undefined || user.openSessionId === replaces
        ? {
            ...user,
            openSessionId: session.id,
            // A new chat ends whatever an earlier one's ServiceNow survey still took.
            surveySessionId: undefined,
          }
        : undefined,
    );
    if (pointed) return true;
    await this.end(session.id, EndReasons.duplicateStart);
    return false;
  }

  /**
   * Applies `change` to the current version of the session, retrying on concurrent writes.
   * `change` returns undefined to leave the session as it is. Returns the stored result, or
   * undefined when the session does not exist or `change` declined.
   */
  async update(
    id: string,
    change: (session: LiveChatSession) => LiveChatSession | undefined,
  ): Promise<LiveChatSession | undefined> {
    const swapped = await compareAndSwapFrom(
      this.options.sessions,
      id,
      (s) => {
        const next = change(s);
        return next && { ...next, updatedAt: this.timestamp() };
      },
      this.lastSeen(id),
      (attempt) => {
        this.options.log.debug(
          { sessionId: id, attempt },
          'session changed concurrently; retrying',
        );
      },
    );
    return swapped?.changed === true ? swapped.document.value : undefined;
  }

  /**
   * Ends the session and clears the user's pointer to it. Returns the ended session when this call
   * ended it, undefined when it was already ended (so the user is told only once). With
   * `postChat`, ServiceNow's own survey may follow: the user then points at the session for it.
   */
  async end(
    id: string,
    reason: string,
    postChat?: PostChatFields,
  ): Promise<LiveChatSession | undefined> {
    const ended = await this.update(id, (s) =>
      s.state === 'ended'
        ? undefined
        : { ...s, ...postChat, state: 'ended', endedAt: this.timestamp(), endReason: reason },
    );
    if (ended === undefined) return undefined;
    await this.updateUser(ended.userKey, (user) => {
      const open = user.openSessionId === id;
      if (!open && postChat === undefined) return undefined;
      return {
        ...user,
        ...(open && { openSessionId: undefined }),
        ...(postChat !== undefined && { surveySessionId: id }),
      };
    });
    this.options.log.info({ sessionId: id, reason }, 'live chat session ended');
    return ended;
  }

  /**
   * Compare-and-swap on the user document; `change` returns undefined to leave it as it is.
   * False when `change` declined (a missing user document is left missing, and counts as true).
   */
  async updateUser(
    userKey: string,
    change: (user: UserRecord) => UserRecord | undefined,
  ): Promise<boolean> {
    const swapped = await compareAndSwap(this.options.users, userKey, (user) => {
      const next = change(user);
      return next && { ...next, updatedAt: this.timestamp() };
    });
    return swapped?.changed !== false;
  }
}

/** Whether `latest` is the same conversation reached another way (e.g. a new serviceUrl). */
function movedWithin(
  stored: Partial<ConversationReference>,
  latest: Partial<ConversationReference>,
): boolean {
  return (
    latest.conversation?.id === stored.conversation?.id &&
    (latest.serviceUrl !== stored.serviceUrl || latest.locale !== stored.locale)
  );
}
