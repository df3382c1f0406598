// Sample documents for the store suites; each call gets fresh, unique ids.
import { randomUUID } from 'node:crypto';
import type { LiveChatSession, StreamEntry, UserRecord } from '../../../bot/store/types.js';

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

export function sampleEntry(
  overrides: Partial<StreamEntry<{ text: string }>> = {},
): StreamEntry<{ text: string }> {
  return {
    sessionId: randomUUID(),
    seq: 1,
    appendedAt: '2025-01-01T10:00:00.000Z',
    dedupKey: 'd:0123456789abcdef',
    payload: { text: 'Hello, I am Jordan' },
    ...overrides,
  };
}

/** Cosmos adds these to every document; stores must not leak them. */
export function assertNoSystemFields(value: object): void {
  const leaked = Object.keys(value).filter((k) => k.startsWith('_') || k === 'ttl');
  if (leaked.length > 0) throw new Error(`system fields returned: ${leaked.join(', ')}`);
}
