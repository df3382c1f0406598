// In-memory stores with the same semantics as the Cosmos ones (ETags, conflicts, not found as
// undefined), for unit tests of the components that use them. Values are copied on the way in
// and out, so callers cannot change stored state by mutating what they hold.
import { randomUUID } from 'node:crypto';
import { StoreConflictError } from './errors.js';
import type {
  LiveChatSession,
  SessionState,
  SessionStore,
  SessionSummary,
  StaleField,
  UserRecord,
  UserStore,
  Versioned,
} from './types.js';

/** Documents by id with an ETag each: the part the stores share. */
export class VersionedDocuments<T extends { readonly id: string }> {
  private readonly documents = new Map<string, Versioned<T>>();

  constructor(private readonly kind: string) {}

  get(id: string): Versioned<T> | undefined {
    const entry = this.documents.get(id);
    return entry && { value: structuredClone(entry.value), etag: entry.etag };
  }

  has(id: string): boolean {
    return this.documents.has(id);
  }

  create(value: T): Versioned<T> {
    if (this.documents.has(value.id)) {
      throw new StoreConflictError(`Creating a ${this.kind}: the document already exists`);
    }
    return this.put(value);
  }

  replace(value: T, etag: string): Versioned<T> {
    if (this.documents.get(value.id)?.etag !== etag) {
      throw new StoreConflictError(`Updating a ${this.kind}: the ETag is no longer current`);
    }
    return this.put(value);
  }

  put(value: T): Versioned<T> {
    const entry = { value: structuredClone(value), etag: randomUUID() };
    this.documents.set(value.id, entry);
    return { value: structuredClone(entry.value), etag: entry.etag };
  }

  delete(id: string): void {
    this.documents.delete(id);
  }

  values(): T[] {
    return [...this.documents.values()].map((entry) => structuredClone(entry.value));
  }
}

export class InMemorySessionStore implements SessionStore {
  private readonly documents = new VersionedDocuments<LiveChatSession>('session');

  get(id: string): Promise<Versioned<LiveChatSession> | undefined> {
    return Promise.resolve(this.documents.get(id));
  }

  create(session: LiveChatSession): Promise<Versioned<LiveChatSession>> {
    return attempt(() => this.documents.create(session));
  }

  replace(session: LiveChatSession, etag: string): Promise<Versioned<LiveChatSession>> {
    return attempt(() => this.documents.replace(session, etag));
  }

  listStale(
    state: SessionState,
    field: StaleField,
    before: string,
    limit: number,
  ): Promise<SessionSummary[]> {
    const stale = this.documents.values().filter((s) => {
      const at = s[field];
      return s.state === state && at !== undefined && at < before;
    });
    return Promise.resolve(stale.slice(0, limit).map(summaryOf));
  }

  count(state: SessionState): Promise<number> {
    return Promise.resolve(this.documents.values().filter((s) => s.state === state).length);
  }

  listPending(before: string, limit: number): Promise<string[]> {
    const pending = this.documents
      .values()
      .filter((s) => s.pendingSince !== undefined && s.pendingSince < before);
    return Promise.resolve(pending.slice(0, limit).map((s) => s.id));
  }
}

export class InMemoryUserStore implements UserStore {
  private readonly documents = new VersionedDocuments<UserRecord>('user');

  get(id: string): Promise<Versioned<UserRecord> | undefined> {
    return Promise.resolve(this.documents.get(id));
  }

  upsert(user: UserRecord): Promise<Versioned<UserRecord>> {
    return Promise.resolve(this.documents.put(user));
  }

  replace(user: UserRecord, etag: string): Promise<Versioned<UserRecord>> {
    return attempt(() => this.documents.replace(user, etag));
  }
}

/** The session without its queues. */
function summaryOf(session: LiveChatSession): SessionSummary {
  const summary = { ...session };
  Reflect.deleteProperty(summary, 'inbox');
  Reflect.deleteProperty(summary, 'outbox');
  return summary;
}

/** Turns a synchronous throw into a rejected promise, as an I/O-backed store would fail. */
export function attempt<T>(operation: () => T): Promise<T> {
  // A throw inside the executor rejects the promise.
  return new Promise<T>((resolve) => {
    resolve(operation());
  });
}
