// ServiceNow → Teams under faults, over real HTTP against the real app: callbacks are acknowledged
// before delivery, repeats are shown once, order is kept while Teams is slow, failing or
// throttling, sends are paced per conversation, and a user Teams no longer reaches ends the chat.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { startHarness, type Harness } from '../support/harness.js';
import { waitFor } from '../support/http.js';
import {
  agentMessage,
  connectedChat,
  failMessages,
  fastBackoff,
  postCallback,
  received,
  sessionWhen,
} from '../support/live-chat.js';
import { countStoreOperations } from '../support/store-counter.js';

const agent = 'Jordan Taylor';

describe('agent messages to Teams', () => {
  let harness: Harness;
  let clock = 0;
  before(async () => {
    harness = await startHarness(
      { DELIVERY_SWEEP_SECONDS: '5' },
      { agents: [{ name: agent, available: true, capacity: 50 }] },
      { tuning: { teamsBackoff: fastBackoff, timer: false }, now: () => Date.now() + clock },
    );
  });
  after(async () => {
    await harness.close();
  });
  afterEach(() => {
    harness.connector.setFaultPolicy(undefined);
  });

  it('shows a redelivered callback and a repeated message id once', async () => {
    const { user, sessionId } = await connectedChat(harness);
    const first = agentMessage(sessionId, 'repeat-1 only once');
    assert.equal((await postCallback(harness, first)).status, 200);
    assert.equal((await postCallback(harness, first)).status, 200);
    const sameId = { ...first, requestId: 'another-request' };
    assert.equal((await postCallback(harness, sameId)).status, 200);
    assert.equal((await postCallback(harness, agentMessage(sessionId, 'repeat-2'))).status, 200);
    await user.waitFor('the message after the repeats', (t) => t.includes('repeat-2'));
    assert.deepEqual(received(harness, user, 'repeat-'), [
      '**Jordan Taylor:** repeat-1 only once',
      '**Jordan Taylor:** repeat-2',
    ]);
  });

  it('shows a callback that ServiceNow sent twice once', async () => {
    const { user, sessionId } = await connectedChat(harness);
    harness.simulator.injectCallbackFault({ kind: 'duplicate' });
    await harness.simulator.agent(agent).say(sessionId, 'twice-sent');
    await harness.simulator.agent(agent).say(sessionId, 'next-one');
    await user.waitFor('the next message', (t) => t.includes('next-one'));
    assert.equal(received(harness, user, 'twice-sent').length, 1);
    const posts = harness.simulator.callbacks.filter((c) =>
      JSON.stringify(c.body).includes('twice-sent'),
    );
    assert.equal(posts.length, 2, 'ServiceNow did send it twice');
  });

  it('shows callbacks that arrive out of order once each, in the order they were accepted', async () => {
    // Callbacks carry no sequence number: the order the webhook accepted them is the order shown.
    const { user, sessionId } = await connectedChat(harness);
    harness.simulator.injectCallbackFault({ kind: 'reorder' });
    await harness.simulator.agent(agent).say(sessionId, 'sent-first');
    await harness.simulator.agent(agent).say(sessionId, 'sent-second');
    await user.waitFor('both', () => received(harness, user, 'sent-').length >= 2);
    const accepted = harness.simulator.callbacks
      .filter((c) => c.status === 200 && JSON.stringify(c.body).includes('sent-'))
      .map((c) => (JSON.stringify(c.body).includes('sent-first') ? 'sent-first' : 'sent-second'));
    const shown = received(harness, user, 'sent-').map((t) => t.replace(/^.*(sent-\w+)$/, '$1'));
    assert.deepEqual(shown, accepted);
  });

  it('keeps the order of callbacks acknowledged while Teams answers slowly', async () => {
    const { user, sessionId } = await connectedChat(harness);
    harness.connector.setDelay(60);
    try {
      for (let i = 1; i <= 8; i++) await harness.simulator.agent(agent).say(sessionId, `slow-${i}`);
      await user.waitFor('the last message', (t) => t.includes('slow-8'));
    } finally {
      harness.connector.setDelay(0);
    }
    const texts = received(harness, user, 'slow-').map((t) => t.replace(/^.*slow-/, 'slow-'));
    assert.deepEqual(
      texts,
      [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `slow-${i}`),
    );
  });

  it('retries 429, 412, 502 and 504 and delivers the message once', async () => {
    const { user, sessionId } = await connectedChat(harness);
    failMessages(
      harness,
      'after-faults',
      { status: 429 },
      { status: 412 },
      { status: 502 },
      { status: 504 },
    );
    await harness.simulator.agent(agent).say(sessionId, 'after-faults');
    await user.waitFor('the message', (t) => t.includes('after-faults'));
    assert.equal(received(harness, user, 'after-faults').length, 1);
    const statuses = harness.connector.attempts
      .filter((a) => a.conversationId === user.conversationId)
      .map((a) => a.status)
      .slice(-5);
    assert.deepEqual(statuses, [429, 412, 502, 504, 200]);
  });

  it('delivers an agent message for two store operations', async () => {
    const { user, sessionId } = await connectedChat(harness);
    const counter = countStoreOperations(harness.store);
    try {
      await harness.simulator.agent(agent).say(sessionId, 'counted');
      await user.waitFor('the message', (t) => t.includes('counted'));
      await waitFor(() => counter.writes === 2, 'the removal from the inbox');
    } finally {
      counter.stop();
    }
    // The append (from the version this instance wrote last, so no read), the removal once
    // Teams took it.
    assert.deepEqual(counter.calls, ['sessions.replace', 'sessions.replace']);
  });

  it('follows the user to the serviceUrl their latest message came from', async () => {
    const { user, sessionId } = await connectedChat(harness);
    const moved = harness.connector.serviceUrl.replace(/teams\/$/, 'moved/');
    await user.post({ type: 'message', text: 'writing from elsewhere', serviceUrl: moved });
    await sessionWhen(
      harness,
      sessionId,
      (s) => s.conversationReference.serviceUrl === moved,
      'the session to follow',
    );
    await harness.simulator.agent(agent).say(sessionId, 'found you');
    const [delivered] = await user
      .waitFor('the message', (t) => t.includes('found you'))
      .then(() =>
        harness.connector.sent.filter((s) => (s.activity.text ?? '').includes('found you')),
      );
    assert.match(delivered?.path ?? '', /^\/moved\/v3\/conversations\//);
  });

  it('waits as long as Retry-After asks on a 429', async () => {
    const { user, sessionId } = await connectedChat(harness);
    failMessages(harness, 'throttled', { status: 429, headers: { 'retry-after': '1' } });
    await harness.simulator.agent(agent).say(sessionId, 'throttled');
    await user.waitFor('the message', (t) => t.includes('throttled'));
    const [refused, accepted] = harness.connector.attempts
      .filter((a) => a.conversationId === user.conversationId)
      .slice(-2);
    assert.equal(refused?.status, 429);
    assert.ok(accepted !== undefined);
    assert.ok(accepted.at - refused.at >= 950, `waited ${accepted.at - refused.at} ms`);
  });

  it('keeps messages Teams refuses for longer than the retries, and delivers them in order once it is back', async () => {
    const { user, sessionId } = await connectedChat(harness);
    harness.connector.setFaultPolicy((conversation) =>
      conversation === user.conversationId ? { status: 502 } : undefined,
    );
    await harness.simulator.agent(agent).say(sessionId, 'outage-1');
    await harness.simulator.agent(agent).say(sessionId, 'outage-2');
    await waitFor(
      async () => (await harness.store.sessions.get(sessionId))?.value.inbox?.lease === undefined,
      'the delivery to be deferred',
    );
    assert.deepEqual(received(harness, user, 'outage-'), []);
    harness.connector.setFaultPolicy(undefined);
    clock += 10_000; // the entries are now older than a sweep interval
    await harness.app.sweep();
    await user.waitFor('the second message', (t) => t.includes('outage-2'));
    assert.deepEqual(received(harness, user, 'outage-'), [
      '**Jordan Taylor:** outage-1',
      '**Jordan Taylor:** outage-2',
    ]);
  });

  it('paces a burst of agent messages well inside the Teams limits per conversation', async () => {
    const { user, sessionId } = await connectedChat(harness);
    const from = harness.connector.attempts.length;
    for (let i = 1; i <= 12; i++) await harness.simulator.agent(agent).say(sessionId, `burst-${i}`);
    await user.waitFor('the last message', (t) => t.includes('burst-12'), 0);
    const times = harness.connector.attempts
      .slice(from)
      .filter((a) => a.conversationId === user.conversationId)
      .map((a) => a.at);
    const busiest = (ms: number) =>
      Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + ms).length));
    // Paced at 4 per second and 5 per 2 seconds; HTTP timing may blur one send across a boundary.
    assert.ok(busiest(1000) <= 5, `${busiest(1000)} sends within one second (Teams allows 7)`);
    assert.ok(busiest(2000) <= 6, `${busiest(2000)} sends within two seconds (Teams allows 8)`);
    assert.equal(received(harness, user, 'burst-').length, 12);
  });

  for (const status of [403, 404]) {
    it(`ends the session and tells ServiceNow when Teams answers ${status}`, async () => {
      const { sessionId } = await connectedChat(harness);
      failMessages(harness, 'nobody there', {
        status,
        body: { error: { code: 'BotNotInConversationRoster' } },
      });
      await harness.simulator.agent(agent).say(sessionId, 'nobody there');
      const { simulator } = harness;
      await simulator.waitFor(
        () =>
          simulator.requests.find(
            (r) => r.body.clientSessionId === sessionId && r.body.action === 'END_CONVERSATION',
          ),
        { what: 'END_CONVERSATION', timeoutMs: 10_000 },
      );
      const session = (await harness.store.sessions.get(sessionId))?.value;
      assert.equal(session?.state, 'ended');
      assert.equal(session.endReason, 'teams:unreachable');
    });
  }
});
