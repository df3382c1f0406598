// A session stream in memory, with the semantics of the Cosmos DB one (ETags, conflicts, taken
// sequence numbers, not found as undefined), for tests of the components that use streams.
import { StoreConflictError } from './errors.js';
import { attempt, VersionedDocuments } from './in-memory.js';
import type { StreamCursor, StreamEntry, StreamHead, StreamStore, Versioned } from './types.js';

type Keyed<T> = T & { readonly id: string };

export class InMemoryStreamStore<P> implements StreamStore<P> {
  private readonly heads = new VersionedDocuments<Keyed<StreamHead>>('stream head');
  private readonly cursors = new VersionedDocuments<Keyed<StreamCursor>>('stream cursor');
  private readonly entries = new VersionedDocuments<Keyed<StreamEntry<P>>>('stream entry');

  getHead(sessionId: string): Promise<Versioned<StreamHead> | undefined> {
    return Promise.resolve(unkeyed(this.heads.get(sessionId)));
  }

  putHead(head: StreamHead, etag: string | undefined): Promise<Versioned<StreamHead>> {
    return attempt(() => unkeyedSure(put(this.heads, { ...head, id: head.sessionId }, etag)));
  }

  getEntry(sessionId: string, seq: number): Promise<StreamEntry<P> | undefined> {
    return Promise.resolve(unkeyed(this.entries.get(`${sessionId}:${seq}`))?.value);
  }

  addEntry(entry: StreamEntry<P>): Promise<boolean> {
    const id = `${entry.sessionId}:${entry.seq}`;
    if (this.entries.has(id)) return Promise.resolve(false);
    this.entries.put({ ...entry, id });
    return Promise.resolve(true);
  }

  removeEntry(sessionId: string, seq: number): Promise<void> {
    this.entries.delete(`${sessionId}:${seq}`);
    return Promise.resolve();
  }

  getCursor(sessionId: string): Promise<Versioned<StreamCursor> | undefined> {
    return Promise.resolve(unkeyed(this.cursors.get(sessionId)));
  }

  putCursor(cursor: StreamCursor, etag: string | undefined): Promise<Versioned<StreamCursor>> {
    return attempt(() => unkeyedSure(put(this.cursors, { ...cursor, id: cursor.sessionId }, etag)));
  }

  stalled(before: string, limit: number): Promise<string[]> {
    const ids = this.entries
      .values()
      .filter((e) => e.appendedAt < before)
      .map((e) => e.sessionId);
    return Promise.resolve([...new Set(ids)].slice(0, limit));
  }
}

function put<T extends { readonly id: string }>(
  documents: VersionedDocuments<T>,
  value: T,
  etag: string | undefined,
): Versioned<T> {
  if (etag !== undefined) return documents.replace(value, etag);
  if (documents.has(value.id)) {
    throw new StoreConflictError('Creating a stream document: the document already exists');
  }
  return documents.put(value);
}

function unkeyed<T extends { readonly id: string }>(
  found: Versioned<T> | undefined,
): Versioned<Omit<T, 'id'>> | undefined {
  return found && unkeyedSure(found);
}

function unkeyedSure<T extends { readonly id: string }>(
  found: Versioned<T>,
): Versioned<Omit<T, 'id'>> {
  const value: Record<string, unknown> = { ...found.value };
  Reflect.deleteProperty(value, 'id');
  return { value: value as Omit<T, 'id'>, etag: found.etag };
}
