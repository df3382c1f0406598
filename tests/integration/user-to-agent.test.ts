// Teams → ServiceNow under faults, over real HTTP against the real app: a retried Teams activity
// reaches the agent once, the user's messages keep their order while ServiceNow fails, an outage
// is explained to the user and nothing they wrote is lost, a refused message is reported, and
// "end chat" reaches ServiceNow after what the user wrote before it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, before, describe, it } from 'node:test';
import { texts } from '../../dialogs/texts.js';
import type { ProxiedRequest } from '../support/fault-proxy.js';
import { startHarness, type Harness } from '../support/harness.js';
import { waitFor } from '../support/http.js';
import { connectedChat, fastBackoff } from '../support/live-chat.js';
import { countStoreOperations } from '../support/store-counter.js';

const agent = 'Jordan Taylor';

/** A VA API message post whose text contains `marker`. */
function messagePost(req: ProxiedRequest, marker: string): boolean {
  const text = (req.body as { message?: { text?: unknown } } | undefined)?.message?.text;
  return req.path.includes('sn_va_as_service') && typeof text === 'string' && text.includes(marker);
}

describe('user messages to ServiceNow', () => {
  let harness: Harness;
  let clock = 0;
  before(async () => {
    harness = await startHarness(
      { DELIVERY_SWEEP_SECONDS: '5' },
      { agents: [{ name: agent, available: true, capacity: 50 }] },
      {
        tuning: { serviceNowBackoff: fastBackoff, teamsBackoff: fastBackoff, timer: false },
        now: () => Date.now() + clock,
        proxy: true,
      },
    );
  });
  after(async () => {
    await harness.close();
  });
  afterEach(() => {
    harness.proxy?.setPolicy(undefined);
  });

  const seenByAgent = (sessionId: string, marker: string) =>
    (harness.simulator.conversation(sessionId)?.userMessages ?? [])
      .map((m) => m.text)
      .filter((t) => t.includes(marker));

  it('hands a message straight to ServiceNow: one store read, no write', async () => {
    const { user, sessionId } = await connectedChat(harness);
    // The chat's first message finds it through the user's document ...
    let counter = countStoreOperations(harness.store);
    try {
      await user.say('straight-1');
      await waitFor(() => seenByAgent(sessionId, 'straight-1').length === 1, 'the message');
    } finally {
      counter.stop();
    }
    assert.deepEqual(counter.calls, ['users.get', 'sessions.get']);
    // ... the next ones read the chat alone.
    counter = countStoreOperations(harness.store);
    try {
      await user.say('straight-2');
      await waitFor(() => seenByAgent(sessionId, 'straight-2').length === 1, 'the message');
    } finally {
      counter.stop();
    }
    assert.deepEqual(counter.calls, ['sessions.get']);
    assert.equal(
      (await harness.store.sessions.get(sessionId))?.value.outbox,
      undefined,
      'nothing went through the outbox',
    );
  });

  it('passes a Teams activity that Teams sent again (same id) to the agent once', async () => {
    const { user, sessionId } = await connectedChat(harness);
    const id = randomUUID();
    await Promise.all([
      user.post({ type: 'message', id, text: 'retried-1' }),
      user.post({ type: 'message', id, text: 'retried-1' }),
    ]);
    await user.post({ type: 'message', id, text: 'retried-1' });
    await user.say('retried-2');
    await harness.simulator.waitFor(() => seenByAgent(sessionId, 'retried-2').length === 1, {
      what: 'the message after the repeats',
    });
    assert.deepEqual(seenByAgent(sessionId, 'retried-'), ['retried-1', 'retried-2']);
  });

  it('keeps the order of what the user writes while ServiceNow fails now and then', async () => {
    const { user, sessionId } = await connectedChat(harness);
    let calls = 0;
    harness.proxy?.setPolicy((req) =>
      messagePost(req, 'order-') && calls++ % 2 === 0 ? 503 : undefined,
    );
    for (let i = 1; i <= 6; i++) await user.say(`order-${i}`);
    await harness.simulator.waitFor(() => seenByAgent(sessionId, 'order-').length >= 6, {
      what: 'all six messages at the agent',
      timeoutMs: 15_000,
    });
    assert.deepEqual(
      seenByAgent(sessionId, 'order-'),
      [1, 2, 3, 4, 5, 6].map((i) => `order-${i}`),
    );
    assert.ok((harness.proxy?.refused.length ?? 0) >= 3, 'ServiceNow did refuse some');
  });

  it('tells the user when ServiceNow is down, keeps their messages and sends them once it is back', async () => {
    const { user, sessionId } = await connectedChat(harness);
    harness.proxy?.setPolicy((req) => (messagePost(req, 'kept-') ? 503 : undefined));
    await user.say('kept-1');
    await user.say('kept-2');
    await user.waitFor('the outage notice', (t) => t === texts.messagesDelayed);
    await waitFor(
      async () => (await harness.store.sessions.get(sessionId))?.value.outbox?.lease === undefined,
      'the delivery to be deferred',
    );
    assert.deepEqual(seenByAgent(sessionId, 'kept-'), []);
    harness.proxy?.setPolicy(undefined);
    clock += 10_000;
    await harness.app.sweep();
    await user.waitFor('the recovery notice', (t) => t === texts.messagesDelivered);
    assert.deepEqual(seenByAgent(sessionId, 'kept-'), ['kept-1', 'kept-2']);
    const notices = user.received.filter((s) => s.activity.text === texts.messagesDelayed);
    assert.equal(notices.length, 1, 'the user is told once per outage');
  });

  it('tells the user when ServiceNow refuses a message', async () => {
    const { user, sessionId } = await connectedChat(harness);
    harness.proxy?.setPolicy((req) => (messagePost(req, 'refused') ? 400 : undefined));
    await user.say('refused');
    await user.say('accepted after');
    await user.waitFor('the notice', (t) => t === texts.messageNotDelivered);
    await harness.simulator.waitFor(() => seenByAgent(sessionId, 'accepted after').length === 1, {
      what: 'the next message at the agent',
    });
    assert.deepEqual(seenByAgent(sessionId, 'refused'), []);
  });

  it('sends END_CONVERSATION only after what the user wrote before ending the chat', async () => {
    const { user, sessionId } = await connectedChat(harness);
    harness.proxy?.setPolicy((req) => (req.path.includes('sn_va_as_service') ? 503 : undefined));
    await user.say('last words');
    await user.say('end chat');
    await user.waitFor('the ended notice', (t) => t.includes('Your live agent session has ended'));
    assert.equal((await harness.store.sessions.get(sessionId))?.value.state, 'ended');
    harness.proxy?.setPolicy(undefined);
    clock += 10_000;
    await harness.app.sweep();
    const { simulator } = harness;
    const end = await simulator.waitFor(
      () =>
        simulator.requests.find(
          (r) => r.body.clientSessionId === sessionId && r.body.action === 'END_CONVERSATION',
        ),
      { what: 'END_CONVERSATION' },
    );
    const words = simulator.requests.find(
      (r) =>
        r.body.clientSessionId === sessionId &&
        (r.body.message as { text?: string } | undefined)?.text === 'last words',
    );
    assert.ok(words !== undefined && words.at <= end.at, 'the message went first');
  });
});

describe('user messages through the outbox (DELIVERY_USER_MESSAGES=outbox)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness(
      { DELIVERY_USER_MESSAGES: 'outbox' },
      { agents: [{ name: agent, available: true, capacity: 5 }] },
    );
  });
  after(async () => {
    await harness.close();
  });

  it('stores each message before it is sent, and removes it once ServiceNow took it', async () => {
    const { user, sessionId } = await connectedChat(harness);
    const counter = countStoreOperations(harness.store);
    try {
      await user.say('stored-1');
      await waitFor(
        () =>
          (harness.simulator.conversation(sessionId)?.userMessages ?? []).some(
            (m) => m.text === 'stored-1',
          ),
        'the message at the agent',
      );
      await waitFor(() => counter.writes >= 2, 'the removal from the outbox');
    } finally {
      counter.stop();
    }
    // The turn's reads, then the append (from the version just read) and the removal.
    assert.deepEqual(counter.calls, [
      'users.get',
      'sessions.get',
      'sessions.replace',
      'sessions.replace',
    ]);
  });
});
