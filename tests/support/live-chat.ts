// Helpers for tests that need a user already in a live chat, and for checking what reached whom.
import { randomUUID } from 'node:crypto';
import type { BackoffPolicy } from '../../bot/delivery/backoff.js';
import type { LiveChatSession } from '../../bot/store/types.js';
import { waitFor } from './http.js';
import type { Fault } from './fake-connector.js';
import { TeamsUser, webhookCredentials, type Harness } from './harness.js';

/** Retries in milliseconds instead of seconds, so fault tests stay quick. */
export const fastBackoff: BackoffPolicy = { baseMs: 20, maxMs: 200, budgetMs: 3000, jitter: 0.2 };

export interface LiveChat {
  readonly user: TeamsUser;
  readonly sessionId: string;
}

/** A new user asks for a live chat; returns once the session exists (not yet accepted). */
export async function requestChat(harness: Harness, name = 'Abel Tuter'): Promise<LiveChat> {
  const user = new TeamsUser(harness, {
    name,
    aadObjectId: randomUUID(),
    email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`,
  });
  await user.requestLiveChat('My VPN keeps disconnecting');
  return { user, sessionId: await user.sessionId() };
}

/** A new user in a live chat that the agent has accepted. */
export async function connectedChat(
  harness: Harness,
  agent = 'Jordan Taylor',
  name?: string,
): Promise<LiveChat> {
  const chat = await requestChat(harness, name);
  await waitFor(
    async () => (await harness.store.sessions.get(chat.sessionId))?.value.state === 'queued',
    'the chat to be queued',
  );
  await harness.simulator.agent(agent).accept(chat.sessionId);
  await waitFor(
    async () => (await harness.store.sessions.get(chat.sessionId))?.value.state === 'connected',
    'the chat to be connected',
  );
  return chat;
}

/** The texts a user received that contain `marker`, in the order the connector got them. */
export function received(harness: Harness, user: TeamsUser, marker: string): string[] {
  return harness.connector
    .messagesTo(user.conversationId)
    .map((s) => s.activity.text ?? '')
    .filter((t) => t.includes(marker));
}

/** Posts a raw callback body to the webhook, as ServiceNow would. */
export function postCallback(harness: Pick<Harness, 'url'>, body: unknown): Promise<Response> {
  const auth = Buffer.from(`${webhookCredentials.user}:${webhookCredentials.apiKey}`).toString(
    'base64',
  );
  return fetch(`${harness.url}/api/servicenow/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${auth}` },
    body: JSON.stringify(body),
  });
}

/** An agent message callback for a session, as ServiceNow sends it. */
export function agentMessage(
  sessionId: string,
  text: string,
  messageId = randomUUID().replace(/-/g, ''),
) {
  return {
    requestId: randomUUID(),
    clientSessionId: sessionId,
    userId: 'user',
    body: [
      {
        uiType: 'OutputText',
        group: 'DefaultText',
        value: text,
        messageId,
        agentInfo: { sentFromAgent: true, agentName: 'Jordan Taylor' },
      },
    ],
    agentChat: true,
    score: 1,
  };
}

/** Fails the sends of messages containing `marker` with `faults`, one each, then lets them pass. */
export function failMessages(harness: Harness, marker: string, ...faults: Fault[]): void {
  const pending = [...faults];
  harness.connector.setFaultPolicy((_conversation, activity) =>
    (activity.text ?? '').includes(marker) ? pending.shift() : undefined,
  );
}

/**
 * Waits until the stored session satisfies `accept`: what a callback tells about the session is
 * recorded with the removal of the callback from the inbox, just after the user was shown it.
 */
export function sessionWhen(
  harness: Pick<Harness, 'store'>,
  sessionId: string,
  accept: (session: LiveChatSession) => boolean,
  what: string,
): Promise<LiveChatSession> {
  return waitFor(async () => {
    const session = (await harness.store.sessions.get(sessionId))?.value;
    return session !== undefined && accept(session) ? session : undefined;
  }, what);
}
