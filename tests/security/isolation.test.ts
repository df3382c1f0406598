// Isolation between users: a user's messages and "end chat" reach only their own session, even
// when a click names someone else's; a callback reaches only its session's owner; session ids are
// random UUIDs (version 4), so nobody can guess another's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isSessionId } from '../../bot/security/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { AGENT, chattingUser, type ChattingUser } from './support/live-chats.js';

describe('isolation between users', () => {
  let harness: Harness;
  let alice: ChattingUser;
  let bob: ChattingUser;
  before(async () => {
    harness = await startHarness();
    alice = await chattingUser(harness, 'Alice Owner');
    bob = await chattingUser(harness, 'Bob Other');
  });
  after(async () => {
    await harness.close();
  });

  const since = (mark: number, who: ChattingUser) =>
    who.user.received.filter((s) => harness.connector.sent.indexOf(s) >= mark);
  const messagesAt = (sessionId: string) =>
    (harness.simulator.conversation(sessionId)?.userMessages ?? []).map((m) => m.text);

  it('gives every chat an unguessable id', () => {
    const ids = harness.simulator.requests
      .filter((r) => r.body.action === 'AGENT')
      .map((r) => r.body.clientSessionId as string);
    assert.equal(ids.length, 2);
    assert.notEqual(ids[0], ids[1]);
    for (const id of ids) assert.ok(isSessionId(id), id);
  });

  it("sends a user's message only to that user's own chat", async () => {
    await bob.user.say('Only my agent may read this');
    await harness.simulator.waitFor(
      () => messagesAt(bob.sessionId).includes('Only my agent may read this') || undefined,
      { what: "Bob's message at his agent" },
    );
    assert.ok(!messagesAt(alice.sessionId).includes('Only my agent may read this'));
  });

  it('delivers an agent message only to the owner of the chat', async () => {
    const mark = harness.connector.sent.length;
    await harness.simulator.agent(AGENT).say(alice.sessionId, 'Alice, your laptop is ready');
    await alice.user.waitFor('the agent message', (t) => t.includes('laptop is ready'), mark);
    assert.deepEqual(since(mark, bob), []);
  });

  it("ends only the clicking user's chat, whatever session the click names", async () => {
    const mark = harness.connector.sent.length;
    await bob.user.click({
      action: 'endChat',
      sessionId: alice.sessionId,
      clientSessionId: alice.sessionId,
    });
    await bob.user.waitFor('the ended notice', (t) => t.includes('session has ended'), mark);
    assert.equal((await harness.store.sessions.get(bob.sessionId))?.value.state, 'ended');
    assert.equal((await harness.store.sessions.get(alice.sessionId))?.value.state, 'connected');
    assert.deepEqual(since(mark, alice), []);
    const { simulator } = harness;
    const ended = (r: (typeof simulator.requests)[number]) => r.body.action === 'END_CONVERSATION';
    await simulator.waitFor(() => simulator.requests.find(ended), { what: "Bob's end request" });
    const ends = simulator.requests.filter(ended).map((r) => r.body.clientSessionId);
    assert.deepEqual(ends, [bob.sessionId]);
  });
});
