// A session stream (inbox or outbox) in one Cosmos DB container partitioned on /id: per session a
// head (`<session>:head`), a cursor (`<session>:cursor`) and one document per entry
// (`<session>:<seq>`). Everything on the path of a message is a point read or write by id; only
// the sweep for unfinished work queries. Every document carries a TTL, renewed by each write, so
// streams of sessions that ended are removed by Cosmos DB on its own.
import type { Container } from '@azure/cosmos';
import {
  createDocument,
  readById,
  replaceIfMatch,
  statusOf,
  storeFailure,
  type CosmosDocument,
} from './cosmos-documents.js';
import { StoreConflictError } from './errors.js';
import type { StreamCursor, StreamEntry, StreamHead, StreamStore, Versioned } from './types.js';

/** How long stream documents are kept after their last write (one week). */
export const STREAM_TTL_SECONDS = 7 * 24 * 60 * 60;

type Kind = 'head' | 'cursor' | 'entry';

export interface CosmosStreamStoreOptions {
  readonly ttlSeconds?: number;
}

export class CosmosStreamStore<P> implements StreamStore<P> {
  private readonly ttl: number;

  constructor(
    private readonly container: Container,
    private readonly name: string,
    options: CosmosStreamStoreOptions = {},
  ) {
    this.ttl = options.ttlSeconds ?? STREAM_TTL_SECONDS;
  }

  getHead(sessionId: string): Promise<Versioned<StreamHead> | undefined> {
    return this.read<StreamHead>(`${sessionId}:head`, 'head');
  }

  putHead(head: StreamHead, etag: string | undefined): Promise<Versioned<StreamHead>> {
    return this.write(`${head.sessionId}:head`, 'head', head, etag);
  }

  async getEntry(sessionId: string, seq: number): Promise<StreamEntry<P> | undefined> {
    return (await this.read<StreamEntry<P>>(entryId(sessionId, seq), 'entry'))?.value;
  }

  async addEntry(entry: StreamEntry<P>): Promise<boolean> {
    try {
      await this.write(entryId(entry.sessionId, entry.seq), 'entry', entry, undefined);
      return true;
    } catch (error) {
      if (error instanceof StoreConflictError) return false;
      throw error;
    }
  }

  async removeEntry(sessionId: string, seq: number): Promise<void> {
    const id = entryId(sessionId, seq);
    try {
      await this.container.item(id, id).delete();
    } catch (error) {
      if (statusOf(error) !== 404) throw storeFailure(`Removing a ${this.name} entry`, error);
    }
  }

  getCursor(sessionId: string): Promise<Versioned<StreamCursor> | undefined> {
    return this.read<StreamCursor>(`${sessionId}:cursor`, 'cursor');
  }

  putCursor(cursor: StreamCursor, etag: string | undefined): Promise<Versioned<StreamCursor>> {
    return this.write(`${cursor.sessionId}:cursor`, 'cursor', cursor, etag);
  }

  async stalled(before: string, limit: number): Promise<string[]> {
    const top = Math.max(1, Math.floor(limit));
    try {
      const { resources } = await this.container.items
        .query<{ sessionId: string }>({
          query: `SELECT TOP ${top} c.sessionId FROM c WHERE c.kind = 'entry' AND c.appendedAt < @before`,
          parameters: [{ name: '@before', value: before }],
        })
        .fetchAll();
      return [...new Set(resources.map((r) => r.sessionId))];
    } catch (error) {
      throw storeFailure(`Looking for unfinished ${this.name} work`, error);
    }
  }

  private async read<T>(id: string, kind: Kind): Promise<Versioned<T> | undefined> {
    const found = await readById<Record<string, unknown>>(
      this.container,
      id,
      `Reading a ${this.name} ${kind}`,
    );
    return found && { value: withoutKeys(found.value) as T, etag: found.etag };
  }

  private async write<T extends object>(
    id: string,
    kind: Kind,
    value: T,
    etag: string | undefined,
  ): Promise<Versioned<T>> {
    const what = `Writing a ${this.name} ${kind}`;
    const document: CosmosDocument = { ...value, id, kind, ttl: this.ttl };
    const saved =
      etag === undefined
        ? await createDocument<Record<string, unknown>>(this.container, document, what)
        : await replaceIfMatch<Record<string, unknown>>(this.container, document, etag, what);
    return { value: withoutKeys(saved.value) as T, etag: saved.etag };
  }
}

function entryId(sessionId: string, seq: number): string {
  return `${sessionId}:${seq}`;
}

/** The stored document without the fields only the store uses. */
function withoutKeys(document: Record<string, unknown>): Record<string, unknown> {
  const value = { ...document };
  Reflect.deleteProperty(value, 'id');
  Reflect.deleteProperty(value, 'kind');
  return value;
}
