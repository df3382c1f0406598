// A whole live chat between the client and the simulator, read as typed events, with each kind of
// authentication the client supports.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { chat, queued, startPair, type Pair } from './pair.js';

const oauth = { clientId: 'teams-bot', clientSecret: 'client-secret-value' };

describe('client and simulator: a live chat', () => {
  let pair: Pair | undefined;
  afterEach(async () => {
    await pair?.close();
    pair = undefined;
  });

  it('queues, joins, relays both ways and ends, all as typed events', async () => {
    pair = await startPair();
    const { sim, client, hook } = pair;
    await queued(pair);
    assert.deepEqual(hook.types(), ['message', 'waitTime', 'queued']);
    assert.ok((await client.presence.availableAgents({ withFreeCapacity: true })) >= 1);
    await sim.agent('Jordan Taylor').accept('chat-1');
    await sim.agent('Jordan Taylor').typing('chat-1', true);
    await sim.agent('Jordan Taylor').say('chat-1', 'Hi Alex, looking into it.');
    const said = hook.events().find((e) => e.type === 'message' && e.fromAgent);
    assert.ok(said?.type === 'message');
    assert.equal(said.agent?.name, 'Jordan Taylor');
    assert.ok(
      said.agent.avatarUrl?.startsWith(`${sim.url}/`),
      'avatar resolved against the instance',
    );
    assert.match(said.messageId ?? '', /^[0-9a-f]{32}$/);
    const interactionId = hook.callbacks.at(-1)?.interactionId ?? '';
    assert.equal((await client.interactions.get(interactionId))?.state, 'work_in_progress');
    await client.va.sendTyping(chat, true);
    await client.va.sendMessage({ ...chat, text: 'Thanks!', clientMessageId: 'm-1' });
    await sim.waitFor(
      () => sim.conversation('chat-1')?.userMessages.some((m) => m.text === 'Thanks!'),
      { what: 'the user message' },
    );
    await client.va.endChat(chat);
    await sim.waitFor(() => hook.types().includes('chatEnded'), { what: 'the end' });
    assert.deepEqual(hook.types().slice(3), [
      'spinner',
      'liveChatStarted',
      'agentJoined',
      'system',
      'typing',
      'message',
      'message',
      'chatEnded',
    ]);
    assert.deepEqual(hook.events().at(-1), { type: 'chatEnded', reason: 'completed' });
  });

  it('reads the end from the agent closing the chat, not from its words', async () => {
    pair = await startPair();
    await queued(pair);
    await pair.sim.agent('Jordan Taylor').accept('chat-1');
    await pair.sim.agent('Jordan Taylor').end('chat-1');
    await pair.sim.waitFor(() => pair!.hook.callbacks.length >= 5, {
      what: 'the closing callbacks',
    });
    const ends = pair.hook.events().filter((e) => e.type === 'chatEnded');
    assert.deepEqual(ends, [
      { type: 'chatEnded', reason: 'switchedToVirtualAgent' },
      { type: 'chatEnded', reason: 'completed' },
    ]);
  });

  it('works with OAuth and signed bodies, refreshing a revoked token on the way', async () => {
    pair = await startPair(
      { oauth, vaSigningSecret: 'b2b-secret' },
      { oauth, vaSigningSecret: 'b2b-secret' },
    );
    const { sim, client } = pair;
    await queued(pair);
    await sim.agent('Jordan Taylor').accept('chat-1');
    sim.revokeTokens();
    await client.va.sendMessage({ ...chat, text: 'after revocation', clientMessageId: 'm-1' });
    await sim.waitFor(
      () => sim.conversation('chat-1')?.userMessages.some((m) => m.text === 'after revocation'),
      { what: 'the message after revocation' },
    );
    assert.equal(sim.tokenRequests.length, 2);
    assert.deepEqual(
      sim.requests.map((r) => [r.status, r.outcome]),
      [
        [200, 'accepted'],
        [401, 'rejected: not authenticated'],
        [200, 'accepted'],
      ],
    );
    assert.ok(sim.requests.every((r) => r.headers.authorization === 'Bearer [redacted]'));
  });

  it('gets an acknowledgement but no callback when its signing secret is wrong', async () => {
    pair = await startPair({ vaSigningSecret: 'b2b-secret' }, { vaSigningSecret: 'not-it' });
    const ack = await pair.client.va.startLiveChat({ ...chat, text: 'hi', clientMessageId: 'm-0' });
    assert.ok(ack.requestId !== '');
    await pair.sim.waitFor(() => pair!.sim.requests.length === 1, { what: 'the request' });
    assert.equal(pair.sim.requests[0]?.outcome, 'rejected: signature mismatch');
    assert.equal(pair.sim.conversation('chat-1'), undefined);
    assert.equal(pair.hook.raw.length, 0);
  });

  it('links the chat to the user by email only with message authentication', async () => {
    pair = await startPair({ vaToken: 'static-token' }, { vaToken: 'static-token' });
    await queued(pair);
    const alex = await pair.client.users.findByEmail('alexw@example.com');
    assert.equal(pair.sim.conversation('chat-1')?.openedFor, alex?.sysId);
    const found = await pair.client.interactions.findActiveForUser(alex?.sysId ?? '');
    assert.equal(found?.sysId, pair.sim.conversation('chat-1')?.interactionId);
  });
});
