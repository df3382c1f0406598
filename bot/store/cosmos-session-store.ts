// Live chat sessions in Cosmos DB (with their inbox and outbox queues): point reads and
// ETag-guarded writes by id; the only queries are the periodic sweeps'. An ended session is written with a TTL so Cosmos removes it
// after a while on its own.
import type { Container } from '@azure/cosmos';
import {
  createDocument,
  readById,
  replaceIfMatchAs,
  storeFailure,
  stripSystemFields,
} from './cosmos-documents.js';
import type { CosmosDocument } from './cosmos-documents.js';
import type {
  LiveChatSession,
  SessionState,
  SessionStore,
  SessionSummary,
  StaleField,
  Versioned,
} from './types.js';

/** How long an ended session is kept (for support questions) before Cosmos deletes it. */
export const ENDED_SESSION_TTL_SECONDS = 7 * 24 * 60 * 60;

/** Every field of a session but its queues (checked against the type below). */
const summaryFields = [
  'id',
  'userKey',
  'snowUserId',
  'email',
  'tenantId',
  'conversationReference',
  'state',
  'handoffOptionId',
  'interactionId',
  'agentName',
  'createdAt',
  'updatedAt',
  'endedAt',
  'endReason',
  'startedAt',
  'firstCallbackAt',
  'lastActivityAt',
  'reminderAt',
  'waitNotices',
  'pendingSince',
  'description',
  'survey',
  'surveyHeldUntil',
  'serviceNowSurveyUntil',
  'serviceNowSurveyAsksText',
] as const satisfies readonly (keyof SessionSummary)[];

/** Compiles only while summaryFields names every field of SessionSummary. */
type MissingSummaryFields = Exclude<keyof SessionSummary, (typeof summaryFields)[number]>;
export const summaryFieldsComplete: [MissingSummaryFields] extends [never]
  ? true
  : MissingSummaryFields = true;

const projection = summaryFields.map((f) => `c.${f}`).join(', ');

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
    return replaceIfMatchAs<LiveChatSession>(
      this.container,
      this.toDocument(session),
      etag,
      'Updating a session',
      session,
    );
  }

  async listStale(
    state: SessionState,
    field: StaleField,
    before: string,
    limit: number,
  ): Promise<SessionSummary[]> {
    const top = Math.max(1, Math.floor(limit));
    // `field` is one of the literal names of StaleField, never caller text; so are the fields.
    const query = `SELECT TOP ${top} ${projection} FROM c WHERE c.state = @state AND c.${field} < @before`;
    try {
      const { resources } = await this.container.items
        .query<CosmosDocument>({
          query,
          parameters: [
            { name: '@state', value: state },
            { name: '@before', value: before },
          ],
        })
        .fetchAll();
      return resources.map((r) => stripSystemFields(r) as unknown as SessionSummary);
    } catch (error) {
      throw storeFailure('Looking up sessions for the lifecycle sweep', error);
    }
  }

  async count(state: SessionState): Promise<number> {
    try {
      const { resources } = await this.container.items
        .query<number>({
          query: 'SELECT VALUE COUNT(1) FROM c WHERE c.state = @state',
          parameters: [{ name: '@state', value: state }],
        })
        .fetchAll();
      // Across partitions the SDK may return one partial count per partition range.
      return resources.reduce((sum, n) => sum + n, 0);
    } catch (error) {
      throw storeFailure('Counting sessions', error);
    }
  }

  async listPending(before: string, limit: number): Promise<string[]> {
    const top = Math.max(1, Math.floor(limit));
    try {
      const { resources } = await this.container.items
        .query<{ id: string }>({
          query: `SELECT TOP ${top} c.id FROM c WHERE c.pendingSince < @before`,
          parameters: [{ name: '@before', value: before }],
        })
        .fetchAll();
      return resources.map((r) => r.id);
    } catch (error) {
      throw storeFailure('Looking up sessions with unfinished deliveries', error);
    }
  }

  private toDocument(session: LiveChatSession): CosmosDocument {
    return session.state === 'ended' ? { ...session, ttl: this.endedTtlSeconds } : { ...session };
  }
}
