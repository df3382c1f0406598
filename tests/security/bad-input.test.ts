// Bad input against both endpoints: malformed JSON, wrong types, huge and deeply nested bodies,
// unknown and foreign session ids, invalid UTF-8. Each gets its 4xx (or is handled safely), the
// app keeps working, and two bystanders with open chats receive nothing from any of it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startHarness, webhookCredentials, type Harness } from '../support/harness.js';
import {
  activity,
  basic,
  looksLikeStackTrace,
  post,
  type PostResult,
} from './support/activities.js';
import { chattingUser, type ChattingUser } from './support/live-chats.js';

const auth = { authorization: basic(webhookCredentials.user, webhookCredentials.apiKey) };

describe('bad input', () => {
  let harness: Harness;
  let alice: ChattingUser;
  let bob: ChattingUser;
  let mark: number;
  before(async () => {
    harness = await startHarness();
    alice = await chattingUser(harness, 'Alice Bystander');
    bob = await chattingUser(harness, 'Bob Bystander');
    mark = harness.connector.sent.length;
  });
  after(async () => {
    await harness.close();
  });

  const toBot = (body: string | Buffer, headers: Record<string, string> = {}) =>
    post(`${harness.url}/api/messages`, body, headers);
  const toWebhook = (body: string | Buffer, headers: Record<string, string> = auth) =>
    post(`${harness.url}/api/servicenow/messages`, body, headers);
  const anActivity = (fields: Record<string, unknown> = {}) =>
    JSON.stringify(activity(harness.connector.serviceUrl, fields));
  const callback = (fields: Record<string, unknown> = {}) =>
    JSON.stringify({
      requestId: randomUUID(),
      clientSessionId: randomUUID(),
      userId: 'someone',
      body: [{ uiType: 'OutputText', group: 'DefaultText', value: 'hello' }],
      ...fields,
    });

  function expect(res: PostResult, status: number, error: string, what: string): void {
    assert.equal(res.status, status, `${what}: ${res.text}`);
    assert.equal((JSON.parse(res.text) as { error: string }).error, error, what);
    assert.ok(!looksLikeStackTrace(res.text), `${what}: ${res.text}`);
  }

  it('refuses malformed JSON on both endpoints', async () => {
    expect(await toBot('{"type":"message",'), 400, 'bad_request', 'bot');
    expect(await toWebhook('{"clientSessionId":'), 400, 'invalid_json', 'webhook');
  });

  it('refuses activities of the wrong shape', async () => {
    const cases: Record<string, string> = {
      'a list': '[]',
      'a string': '"message"',
      null: 'null',
      'a numeric type': anActivity({ type: 7 }),
      'numeric text': anActivity({ text: 42 }),
      'a string sender': anActivity({ from: 'alice' }),
      'a list conversation': anActivity({ conversation: [] }),
      'no serviceUrl': anActivity({ serviceUrl: undefined }),
      'a file serviceUrl': anActivity({ serviceUrl: 'file:///etc/passwd' }),
      'a string attachment list': anActivity({ attachments: 'card' }),
    };
    for (const [what, body] of Object.entries(cases)) {
      const res = await toBot(body);
      assert.equal(res.status, 400, `${what}: ${res.text}`);
      assert.ok(!looksLikeStackTrace(res.text), `${what}: ${res.text}`);
    }
  });

  it('refuses sender ids the store cannot hold, and takes any conversation id', async () => {
    const sender = anActivity({ from: { id: '29:a/b?c#d', name: 'Mallory' } });
    expect(await toBot(sender), 400, 'invalid_activity', 'sender id');
    const objectId = anActivity({ from: { id: '29:x', aadObjectId: '../users' } });
    expect(await toBot(objectId), 400, 'invalid_activity', 'object id');
    const conversation = anActivity({
      conversation: { id: 'a:x/y#z', conversationType: 'personal' },
    });
    assert.equal((await toBot(conversation)).status, 200);
  });

  it('refuses callbacks of the wrong shape', async () => {
    const cases: Record<string, string> = {
      'a list': '[]',
      'a numeric session id': callback({ clientSessionId: 42 }),
      'a body that is not a list': callback({ body: 'hello' }),
      'no session id': callback({ clientSessionId: undefined }),
      'an object timestamp': callback({ timestamp: { $gt: 0 } }),
    };
    for (const [what, body] of Object.entries(cases)) {
      expect(await toWebhook(body), 400, 'invalid_callback', what);
    }
  });

  it('refuses huge bodies on both endpoints', async () => {
    const huge = 'x'.repeat(512 * 1024);
    expect(await toBot(anActivity({ text: huge })), 413, 'payload_too_large', 'bot');
    expect(await toWebhook(callback({ requestId: huge })), 413, 'payload_too_large', 'webhook');
  });

  it('refuses a 100 KB message, longer than Teams allows', async () => {
    const res = await toBot(anActivity({ text: 'y'.repeat(100 * 1024) }));
    expect(res, 400, 'invalid_activity', 'long text');
  });

  it('refuses deeply nested JSON on both endpoints', async () => {
    const nest = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const deepActivity = anActivity({ value: 'DEEP' }).replace('"DEEP"', nest(20_000));
    expect(await toBot(deepActivity), 400, 'too_deeply_nested', 'bot');
    const deepCallback = callback({ extra: 'DEEP' }).replace('"DEEP"', nest(20_000));
    expect(await toWebhook(deepCallback), 400, 'too_deeply_nested', 'webhook');
  });

  it('answers 404 to callbacks for unknown or made-up session ids', async () => {
    for (const id of [randomUUID(), '../../sessions', 'a/b?c#d', "' OR 1=1 --", 'x'.repeat(200)]) {
      expect(await toWebhook(callback({ clientSessionId: id })), 404, 'unknown_session', id);
    }
  });

  it('delivers a callback naming another user only to the owner of its session', async () => {
    const res = await toWebhook(
      callback({
        clientSessionId: alice.sessionId,
        userId: bob.user.member.aadObjectId,
        body: [
          {
            uiType: 'OutputText',
            group: 'DefaultText',
            value: 'For the owner of this chat only',
            agentInfo: { sentFromAgent: true, agentName: 'Jordan Taylor' },
          },
        ],
      }),
    );
    assert.equal(res.status, 200);
    await alice.user.waitFor('the message', (t) => t.includes('For the owner of this chat only'));
    const toBob = bob.user.received.filter((s) => harness.connector.sent.indexOf(s) >= mark);
    assert.deepEqual(toBob, []);
    mark = harness.connector.sent.length;
  });

  it('reads invalid UTF-8 as replacement characters rather than failing', async () => {
    const bytes = Buffer.concat([
      Buffer.from(anActivity({ text: 'BAD' }).split('BAD')[0] ?? ''),
      Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
      Buffer.from(anActivity({ text: 'BAD' }).split('BAD')[1] ?? ''),
    ]);
    const res = await toBot(bytes);
    assert.equal(res.status, 200, res.text);
    const hook = Buffer.concat([
      Buffer.from('{"requestId":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    assert.equal((await toWebhook(hook)).status, 400);
  });

  it('keeps working, and nobody else received anything', async () => {
    const health = await fetch(`${harness.url}/healthz`);
    assert.equal(health.status, 200);
    const bystanders = [alice, bob].flatMap((c) =>
      c.user.received.filter((s) => harness.connector.sent.indexOf(s) >= mark),
    );
    assert.deepEqual(bystanders, []);
    const crashes = harness.logs.filter((l) => /"level":60|turn failed|uncaught/i.test(l));
    assert.deepEqual(crashes, []);
    assert.equal((await harness.store.sessions.get(alice.sessionId))?.value.state, 'connected');
    assert.equal((await harness.store.sessions.get(bob.sessionId))?.value.state, 'connected');
  });
});
