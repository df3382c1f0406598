// The ServiceNow webhook refuses what it must (wrong credentials, malformed bodies, unknown
// sessions, oversized bodies) with a clear 4xx, and such requests never touch any session. A valid
// callback is stored, acknowledged, then delivered; only a store that is down gets a 503.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { LiveChatSession } from '../../bot/store/types.js';
import { startHarness, webhookCredentials, type Harness } from '../support/harness.js';
import { waitFor } from '../support/http.js';
import { agentMessage, postCallback } from '../support/live-chat.js';

const basic = (user: string, key: string) =>
  `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;
const goodAuth = basic(webhookCredentials.user, webhookCredentials.apiKey);

describe('ServiceNow webhook', () => {
  let harness: Harness;
  let session: LiveChatSession;

  before(async () => {
    harness = await startHarness();
    const now = new Date().toISOString();
    session = {
      id: randomUUID(),
      userKey: 'user-1',
      snowUserId: 'user-1',
      conversationReference: {
        channelId: 'msteams',
        serviceUrl: harness.connector.serviceUrl,
        conversation: {
          id: 'a:webhook-test',
          conversationType: 'personal',
          isGroup: false,
          name: '',
        },
        user: { id: '29:user-1', name: 'User One' },
        bot: { id: '28:bot', name: 'Live Agent' },
      },
      state: 'connected',
      handoffOptionId: 'agent_broker_instance_1',
      createdAt: now,
      updatedAt: now,
    };
    await harness.store.sessions.create(session);
  });
  after(async () => {
    await harness.close();
  });

  const post = (body: string, authorization?: string, contentType = 'application/json') =>
    fetch(`${harness.url}/api/servicenow/messages`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        ...(authorization === undefined ? {} : { authorization }),
      },
      body,
    });

  const agentMessage = (text: string, clientSessionId = session.id) =>
    JSON.stringify({
      requestId: randomUUID(),
      clientSessionId,
      userId: 'user-1',
      body: [
        {
          uiType: 'OutputText',
          group: 'DefaultText',
          value: text,
          agentInfo: { sentFromAgent: true, agentName: 'Beth Anglin' },
        },
      ],
      agentChat: true,
      score: 1,
    });

  async function assertUntouched(): Promise<void> {
    const stored = await harness.store.sessions.get(session.id);
    assert.equal(stored?.value.updatedAt, session.updatedAt);
    assert.equal(stored.value.state, 'connected');
    assert.equal(harness.connector.sent.length, 0, 'nothing reached any user');
  }

  it('answers 401 without credentials', async () => {
    const res = await post(agentMessage('hello'));
    assert.equal(res.status, 401);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Basic/);
    await assertUntouched();
  });

  it('answers 401 with a wrong API key or a wrong user', async () => {
    assert.equal(
      (await post(agentMessage('hello'), basic(webhookCredentials.user, 'wrong-key'))).status,
      401,
    );
    assert.equal(
      (await post(agentMessage('hello'), basic('someone-else', webhookCredentials.apiKey))).status,
      401,
    );
    assert.equal(
      (await post(agentMessage('hello'), `Bearer ${webhookCredentials.apiKey}`)).status,
      401,
    );
    await assertUntouched();
  });

  it('answers 400 to a body that is not JSON', async () => {
    const res = await post('{"clientSessionId": ', goodAuth);
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { error: 'invalid_json' });
    await assertUntouched();
  });

  it('answers 400 to JSON that is not a ServiceNow callback', async () => {
    const res = await post(
      JSON.stringify({ clientSessionId: session.id, body: 'not-a-list' }),
      goodAuth,
    );
    assert.equal(res.status, 400);
    const answer = (await res.json()) as { error: string; issues: string[] };
    assert.equal(answer.error, 'invalid_callback');
    assert.ok(answer.issues.length > 0);
    await assertUntouched();
  });

  it('answers 404 to a callback for an unknown session', async () => {
    const res = await post(agentMessage('hello', randomUUID()), goodAuth);
    assert.equal(res.status, 404);
    await assertUntouched();
  });

  it('answers 413 to an oversized body', async () => {
    const res = await post(agentMessage('x'.repeat(400 * 1024)), goodAuth);
    assert.equal(res.status, 413);
    await assertUntouched();
  });

  it('accepts a valid callback whatever its content type and delivers it to the session user', async () => {
    const res = await post(
      agentMessage('Have you tried turning it off and on again?'),
      goodAuth,
      'text/plain',
    );
    assert.equal(res.status, 200);
    const sent = await harness.connector.waitForActivity('the agent message', (s) =>
      (s.activity.text ?? '').includes('turning it off and on again'),
    );
    assert.equal(sent.conversationId, 'a:webhook-test');
    assert.match(sent.activity.text ?? '', /Beth Anglin/);
  });
});

describe('ServiceNow webhook acknowledgement', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness.close();
  });

  async function openSession(state: LiveChatSession['state'] = 'connected'): Promise<string> {
    const now = new Date().toISOString();
    const id = randomUUID();
    await harness.store.sessions.create({
      id,
      userKey: `user-${id}`,
      snowUserId: 'user-1',
      conversationReference: {
        channelId: 'msteams',
        serviceUrl: harness.connector.serviceUrl,
        conversation: { id: `a:${id}`, conversationType: 'personal', isGroup: false, name: '' },
        user: { id: '29:user-1', name: 'User One' },
        bot: { id: '28:bot', name: 'Live Agent' },
      },
      state,
      handoffOptionId: 'agent_broker_instance_1',
      createdAt: now,
      updatedAt: now,
    });
    return id;
  }

  it('acknowledges a callback before Teams has taken it, then delivers it', async () => {
    const sessionId = await openSession();
    harness.connector.hold();
    try {
      const res = await postCallback(harness, agentMessage(sessionId, 'held back'));
      assert.equal(res.status, 200);
      await waitFor(
        () => harness.connector.attempts.some((a) => a.conversationId === `a:${sessionId}`),
        'the delivery to reach Teams',
      );
    } finally {
      harness.connector.dropHeld();
    }
    await harness.connector.waitForActivity('the delivery after Teams recovered', (s) =>
      (s.activity.text ?? '').includes('held back'),
    );
    const stored = await harness.store.sessions.get(sessionId);
    assert.ok(stored?.value.firstCallbackAt !== undefined, 'the first answer is noted');
  });

  it('acknowledges a callback for an ended session without showing it', async () => {
    const sessionId = await openSession('ended');
    const res = await postCallback(harness, agentMessage(sessionId, 'too late'));
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ignored' });
    assert.equal(
      (await harness.store.sessions.get(sessionId))?.value.inbox,
      undefined,
      'nothing stored',
    );
  });

  it('answers 503 and says so in the log when the store is down', async () => {
    const sessionId = await openSession();
    const down = await startHarness();
    try {
      await down.store.sessions.create({
        ...(await harness.store.sessions.get(sessionId))!.value,
      });
      await down.store.close();
      const res = await postCallback(down, agentMessage(sessionId, 'nowhere to keep it'));
      assert.equal(res.status, 503);
      assert.ok(down.logs.some((l) => l.includes('callback refused with 503')));
    } finally {
      await down.close();
    }
  });
});
