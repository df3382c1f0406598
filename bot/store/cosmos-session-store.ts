// Live chat sessions in Cosmos DB: point reads and ETag-guarded writes by id, never a query.
// An ended session is written with a TTL so Cosmos removes it after a while on its own.
import type { Container } from '@azure/cosmos';
import { createDocument, readById, replaceIfMatch } from './cosmos-documents.js';
import type { CosmosDocument } from './cosmos-documents.js';
import type { LiveChatSession, SessionStore, Versioned } from './types.js';

/** How long an ended session is kept (for support questions) before Cosmos deletes it. */
export const ENDED_SESSION_TTL_SECONDS = 7 * 24 * 60 * 60;

export interface CosmosSessionStoreOptions {
  readonly endedTtlSeconds?: number;
}

export class CosmosSessionStore implements SessionStore {
  private readonly endedTtlSeconds: number;

  constructor(
    private readonly container: Container,
    options: CosmosSessionStoreOptions = {},
  ) {
    this.endedTtlSeconds = options.endedTtlSeconds ?? ENDED_SESSION_TTL_SECONDS;
  }

  get(id: string): Promise<Versioned<LiveChatSession> | undefined> {
    return readById<LiveChatSession>(this.container, id, 'Reading a session');
  }

  create(session: LiveChatSession): Promise<Versioned<LiveChatSession>> {
    return createDocument<LiveChatSession>(
      this.container,
      this.toDocument(session),
      'Creating a session',
    );
  }

  replace(session: LiveChatSession, etag: string): Promise<Versioned<LiveChatSession>> {
    return replaceIfMatch<LiveChatSession>(
      this.container,
      this.toDocument(session),
      etag,
      'Updating a session',
    );
  }

  private toDocument(session: LiveChatSession): CosmosDocument {
    return session.state === 'ended' ? { ...session, ttl: this.endedTtlSeconds } : { ...session };
  }
}
