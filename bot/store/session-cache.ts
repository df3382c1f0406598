// The versions of session documents this instance read or wrote last, kept so that a write can
// start from one of them instead of reading the document first. Only ever a starting point for a
// compare-and-swap: when another instance wrote in between, the write fails on the ETag, the
// entry is dropped, and the write reads the document and tries again. So a stale entry costs one
// failed write and can never put a change on top of a version it did not see; nothing decides
// from an entry alone what only the store knows (a read is still a read).
import { LruCache } from '../security/lru-cache.js';
import { StoreConflictError } from './errors.js';
import type {
  LiveChatSession,
  SessionState,
  SessionStore,
  SessionSummary,
  StaleField,
  Versioned,
} from './types.js';

/** Enough for the chats busy at one time on an instance; each entry is one session document. */
export const DEFAULT_SESSION_CACHE_ENTRIES = 1_000;

export class CachedSessionStore implements SessionStore {
  private readonly versions: LruCache<Versioned<LiveChatSession>>;

  constructor(
    private readonly inner: SessionStore,
    capacity = DEFAULT_SESSION_CACHE_ENTRIES,
  ) {
    this.versions = new LruCache(capacity);
  }

  /** The version this instance saw last, without asking the store (undefined: none kept). */
  lastSeen(id: string): Versioned<LiveChatSession> | undefined {
    return this.versions.get(id);
  }

  async get(id: string): Promise<Versioned<LiveChatSession> | undefined> {
    const current = await this.inner.get(id);
    if (current === undefined) this.versions.delete(id);
    else this.versions.set(id, current);
    return current;
  }

  async create(session: LiveChatSession): Promise<Versioned<LiveChatSession>> {
    return this.keep(await this.inner.create(session));
  }

  async replace(session: LiveChatSession, etag: string): Promise<Versioned<LiveChatSession>> {
    try {
      return this.keep(await this.inner.replace(session, etag));
    } catch (error) {
      if (error instanceof StoreConflictError) this.versions.delete(session.id);
      throw error;
    }
  }

  listStale(
    state: SessionState,
    field: StaleField,
    before: string,
    limit: number,
  ): Promise<SessionSummary[]> {
    return this.inner.listStale(state, field, before, limit);
  }

  listPending(before: string, limit: number): Promise<string[]> {
    return this.inner.listPending(before, limit);
  }

  count(state: SessionState): Promise<number> {
    return this.inner.count(state);
  }

  private keep(version: Versioned<LiveChatSession>): Versioned<LiveChatSession> {
    this.versions.set(version.value.id, version);
    return version;
  }
}
