// Session state transitions, each a compare-and-swap on the document's ETag, and the pointer from
// a user to their open session. The only place that changes sessions or that pointer.
import type { Logger } from 'pino';
import { StoreConflictError } from '../store/errors.js';
import type {
  LiveChatSession,
  SessionStore,
  UserRecord,
  UserStore,
  Versioned,
} from '../store/types.js';

const maxAttempts = 5;

export interface SessionsOptions {
  readonly sessions: SessionStore;
  readonly users: UserStore;
  readonly log: Logger;
  readonly now?: () => Date;
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
