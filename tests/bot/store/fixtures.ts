// Sample documents for the store suites; each call gets fresh, unique ids.
import { randomUUID } from 'node:crypto';
import type {
  InboxPayload,
  LiveChatSession,
  OutboxPayload,
  SessionQueue,
  SpilledPayload,
  UserRecord,
} from '../../../bot/store/types.js';

const reference = (conversationId: string) => ({
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/amer/',
  conversation: { id: conversationId, conversationType: 'personal', isGroup: false, name: '' },
  user: { id: '29:user', name: 'Alice', aadObjectId: 'aad-1' },
  bot: { id: '28:bot', name: 'bot' },
});

export function sampleSession(overrides: Partial<LiveChatSession> = {}): LiveChatSession {
  return {
    id: randomUUID(),
    userKey: `aad-${randomUUID()}`,
    snowUserId: 'aad-1',
    email: 'alice@example.com',
    tenantId: 'tenant-1',
    conversationReference: reference(`a:${randomUUID()}`),
    state: 'requested',
    handoffOptionId: 'agent_broker_instance_1',
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}

export function sampleUser(overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    id: `aad-${randomUUID()}`,
    conversationReference: reference(`a:${randomUUID()}`),
    name: 'Alice',
    email: 'alice@example.com',
    locale: 'en-US',
    tenantId: 'tenant-1',
    updatedAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}

/** A ServiceNow callback spilled out of a session's inbox. */
export function sampleSpill(
  overrides: Partial<SpilledPayload<InboxPayload>> = {},
): SpilledPayload<InboxPayload> {
  const sessionId = overrides.sessionId ?? randomUUID();
  return {
    id: `${sessionId}:inbox:1`,
    sessionId,
    payload: {
      kind: 'callback',
      body: {
        clientSessionId: sessionId,
        body: [{ uiType: 'OutputText', value: 'Hello, I am Jordan', group: 'DefaultText' }],
        score: 1,
        completed: false,
      },
    },
    ...overrides,
  };
}

/** Queues as a busy session holds them: items inline and spilled, a lease, delivery bookkeeping. */
export function sampleQueues(sessionId: string): {
  inbox: SessionQueue<InboxPayload>;
  outbox: SessionQueue<OutboxPayload>;
} {
  const appendedAt = '2025-01-01T10:00:05.000Z';
  return {
    inbox: {
      appended: 3,
      items: [
        { seq: 2, appendedAt, dedupKey: 'd:2', payload: { kind: 'callback', body: { n: [1, 2] } } },
        { seq: 3, appendedAt, dedupKey: 'd:3', spilled: `${sessionId}:inbox:3` },
      ],
      lease: { owner: 'instance-a', until: 1_735_725_605_000 },
      recent: ['d:1'],
      partial: { seq: 2, done: 1 },
      failures: { seq: 2, count: 1 },
      notes: { outageNotified: true },
    },
    outbox: {
      appended: 1,
      items: [
        {
          seq: 1,
          appendedAt,
          payload: { kind: 'message', text: 'Hi there', clientMessageId: 'm-1', typed: false },
        },
      ],
      recent: [],
    },
  };
}

/** Cosmos adds these to every document; stores must not leak them. */
export function assertNoSystemFields(value: object): void {
  const leaked = Object.keys(value).filter((k) => k.startsWith('_') || k === 'ttl');
  if (leaked.length > 0) throw new Error(`system fields returned: ${leaked.join(', ')}`);
}
