// Opens live chats for the benchmark without walking the cards each time: the bot's own store
// module writes the user and session documents (as the starter would), and ServiceNow's side is
// set up with the same VA API request the bot sends. The chats stay queued in the simulator: it
// takes user messages for a queued chat just as for an accepted one, and having the agent accept
// 10,000 chats would cost the simulator more than the whole measurement (it looks a chat up for an
// agent's action by scanning all of them).
import type { Store } from '../../bot/store/index.js';
import type { LiveChatSession, UserRecord } from '../../bot/store/types.js';
import type { LoadClient } from './http-client.js';
import { BENCH_AGENT } from './markers.js';
import { BENCH_TENANT, conversationReference, startRequest, type BenchSession } from './traffic.js';

const CONCURRENCY = 32;
export const VA_PATH = '/api/sn_va_as_service/bot/integration';

export interface SeedTargets {
  readonly store: Store;
  readonly client: LoadClient;
  readonly simulatorUrl: string;
  readonly snowAuthorization: string;
  readonly serviceUrl: string;
}

export class SeedError extends Error {
  readonly code = 'BENCH_SEED_FAILED';
}

export async function seedSessions(
  targets: SeedTargets,
  sessions: readonly BenchSession[],
): Promise<void> {
  await forEachLimited(sessions, CONCURRENCY, async (session) => {
    const now = new Date().toISOString();
    const reference = conversationReference(session, targets.serviceUrl);
    await targets.store.users.upsert(userRecord(session, reference, now));
    await targets.store.sessions.create(sessionRecord(session, reference, now));
    const started = await targets.client.post(
      `${targets.simulatorUrl}${VA_PATH}`,
      startRequest(session),
      {
        authorization: targets.snowAuthorization,
      },
    );
    if (started.status !== 200)
      throw new SeedError(`ServiceNow refused a start (HTTP ${started.status})`);
  });
}

function userRecord(
  session: BenchSession,
  reference: UserRecord['conversationReference'],
  now: string,
): UserRecord {
  return {
    id: session.userKey,
    conversationReference: reference,
    name: session.name,
    email: session.email,
    locale: 'en-US',
    tenantId: BENCH_TENANT,
    openSessionId: session.sessionId,
    updatedAt: now,
  };
}

function sessionRecord(
  session: BenchSession,
  reference: LiveChatSession['conversationReference'],
  now: string,
): LiveChatSession {
  // Lifecycle marks a started chat carries once ServiceNow acknowledged it and called back (kept
  // apart so that the record stays valid for session shapes without them).
  const lifecycle = { startedAt: now, firstCallbackAt: now, lastActivityAt: now };
  return {
    ...lifecycle,
    id: session.sessionId,
    userKey: session.userKey,
    snowUserId: session.userKey,
    email: session.email,
    tenantId: BENCH_TENANT,
    conversationReference: reference,
    state: 'connected',
    handoffOptionId: 'agent_broker_instance_1',
    interactionId: session.interactionId,
    agentName: BENCH_AGENT,
    createdAt: now,
    updatedAt: now,
  };
}

/** Runs `task` over `items` with at most `limit` in flight; the first failure stops the rest. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
