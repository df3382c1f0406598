// In-memory stores with the same semantics as the Cosmos ones (ETags, conflicts, not found as
// undefined), for unit tests of the components that use them. Values are copied on the way in
// and out, so callers cannot change stored state by mutating what they hold.
import { randomUUID } from 'node:crypto';
import { StoreConflictError } from './errors.js';
import type {
  InboxItem,
  InboxStore,
  LiveChatSession,
  SessionStore,
  UserRecord,
  UserStore,
  Versioned,
} from './types.js';

/** Documents by id with an ETag each: the part the three stores share. */
class VersionedDocuments<T extends { readonly id: string }> {
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

export class InMemoryInboxStore implements InboxStore {
  private readonly documents = new VersionedDocuments<InboxItem>('inbox item');

  add(item: InboxItem): Promise<boolean> {
    if (this.documents.has(item.id)) return Promise.resolve(false);
    this.documents.put(item);
    return Promise.resolve(true);
  }

  remove(id: string): Promise<void> {
    this.documents.delete(id);
    return Promise.resolve();
  }

  /** For tests: the item as stored, if any. */
  peek(id: string): InboxItem | undefined {
    return this.documents.get(id)?.value;
  }
}

/** Turns a synchronous throw into a rejected promise, as an I/O-backed store would fail. */
function attempt<T>(operation: () => T): Promise<T> {
  // A throw inside the executor rejects the promise.
  return new Promise<T>((resolve) => {
    resolve(operation());
  });
}
