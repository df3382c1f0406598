// Session state transitions, each a compare-and-swap on the document's ETag, and the pointer from
// a user to their open session. The only place that changes sessions or that pointer.
import type { ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import { StoreConflictError } from '../store/errors.js';
import type {
  LiveChatSession,
  SessionState,
  StaleField,
  SessionStore,
  UserRecord,
  UserStore,
  Versioned,
} from '../store/types.js';

const maxAttempts = 8;

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
} as const;

/** The prefix of reasons ServiceNow gave (e.g. `servicenow:completed`). */
export const serviceNowEndPrefix = 'servicenow:';

export interface SessionsOptions {
  readonly sessions: SessionStore;
  readonly users: UserStore;
  readonly log: Logger;
  readonly now?: () => Date;
  /** Activity timestamps are rewritten at most this often (they only drive the idle timeout). */
  readonly activityResolutionMs?: number;
}

export class Sessions {
  private readonly now: () => Date;

  constructor(private readonly options: SessionsOptions) {
    this.now = options.now ?? (() => new Date());
  }

  get(id: string): Promise<Versioned<LiveChatSession> | undefined> {
    return this.options.sessions.get(id);
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
  ): Promise<LiveChatSession[]> {
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
    return age < (this.options.activityResolutionMs ?? 5_000) && session.reminderAt === undefined;
  }

  /**
   * Where to reach the session's user now: Teams may move a conversation to another serviceUrl,
   * and every incoming activity refreshes the user's record, so it wins when it is for the same
   * conversation.
   */
  async referenceFor(session: LiveChatSession): Promise<Partial<ConversationReference>> {
    const user = await this.options.users.get(session.userKey);
    const latest = user?.value.conversationReference;
    const same = latest?.conversation?.id === session.conversationReference.conversation?.id;
    return latest !== undefined && same ? latest : session.conversationReference;
  }

  /** Saves a new session and points its user at it, before ServiceNow is asked to start it. */
  async open(session: LiveChatSession): Promise<void> {
    await this.options.sessions.create(session);
    await this.updateUser(session.userKey, (user) => ({ ...user, openSessionId: session.id }));
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
    for (let attempt = 1; ; attempt++) {
      const current = await this.options.sessions.get(id);
      if (current === undefined) return undefined;
      const next = change(current.value);
      if (next === undefined) return undefined;
      try {
        const saved = await this.options.sessions.replace(
          { ...next, updatedAt: this.timestamp() },
          current.etag,
        );
        return saved.value;
      } catch (err) {
        if (!(err instanceof StoreConflictError) || attempt >= maxAttempts) throw err;
        this.options.log.debug(
          { sessionId: id, attempt },
          'session changed concurrently; retrying',
        );
      }
    }
  }

  /**
   * Ends the session and clears the user's pointer to it. Returns the ended session when this call
   * ended it, undefined when it was already ended (so the user is told only once).
   */
  async end(id: string, reason: string): Promise<LiveChatSession | undefined> {
    const ended = await this.update(id, (s) =>
      s.state === 'ended'
        ? undefined
        : { ...s, state: 'ended', endedAt: this.timestamp(), endReason: reason },
    );
    if (ended === undefined) return undefined;
    await this.updateUser(ended.userKey, (user) =>
      user.openSessionId === id ? { ...user, openSessionId: undefined } : undefined,
    );
    this.options.log.info({ sessionId: id, reason }, 'live chat session ended');
    return ended;
  }

  /** Compare-and-swap on the user document; `change` returns undefined to leave it as it is. */
  async updateUser(
    userKey: string,
    change: (user: UserRecord) => UserRecord | undefined,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.options.users.get(userKey);
      if (current === undefined) return;
      const next = change(current.value);
      if (next === undefined) return;
      try {
        await this.options.users.replace({ ...next, updatedAt: this.timestamp() }, current.etag);
        return;
      } catch (err) {
        if (!(err instanceof StoreConflictError) || attempt >= maxAttempts) throw err;
      }
    }
  }
}
