// Session deadlines over real HTTP against the real app, with a clock the test moves and sweeps
// the test runs: a request ServiceNow never answers ends with a message and does not block asking
// again; an idle chat gets a reminder, then ends, and ServiceNow is told; writing resets the timer.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { texts, textsFor } from '../../dialogs/texts.js';
import { startHarness, TeamsUser, webhookCredentials, type Harness } from '../support/harness.js';
import { waitFor } from '../support/http.js';
import { connectedChat, fastBackoff, requestChat } from '../support/live-chat.js';
import { activityResolutionFor } from '../../bot/live-chat/sessions.js';

const agent = 'Jordan Taylor';
const minute = 60_000;
/** The idle sweep allows for activity timestamps being written coarsely (360 s timeout). */
const credit = activityResolutionFor(6 * minute);

describe('live chat lifecycle', () => {
  let harness: Harness;
  let clock = 0;
  const endRequest = (sessionId: string) =>
    harness.simulator.waitFor(
      () =>
        harness.simulator.requests.find(
          (r) => r.body.clientSessionId === sessionId && r.body.action === 'END_CONVERSATION',
        ),
      { what: 'END_CONVERSATION' },
    );
  const state = async (sessionId: string) => (await harness.store.sessions.get(sessionId))?.value;

  /** ServiceNow takes requests but its callbacks go nowhere (a misconfigured outbound message). */
  async function withoutCallbacks<T>(work: () => Promise<T>): Promise<T> {
    harness.simulator.setCallback({ url: 'http://127.0.0.1:9/nowhere', password: 'unused' });
    try {
      return await work();
    } finally {
      harness.simulator.setCallback({
        url: `${harness.url}/api/servicenow/messages`,
        username: webhookCredentials.user,
        password: webhookCredentials.apiKey,
      });
    }
  }

  before(async () => {
    harness = await startHarness(
      {
        LIVE_CHAT_START_TIMEOUT_SECONDS: '60',
        LIVE_CHAT_IDLE_TIMEOUT_SECONDS: '360',
        LIVE_CHAT_IDLE_REMINDER_SECONDS: '60',
      },
      { agents: [{ name: agent, available: true, capacity: 50 }] },
      { tuning: { teamsBackoff: fastBackoff, timer: false }, now: () => Date.now() + clock },
    );
  });
  after(async () => {
    await harness.close();
  });

  it('ends a request ServiceNow never answers, says so, and tells ServiceNow', async () => {
    const { sessionId } = await withoutCallbacks(async () => {
      const chat = await requestChat(harness, 'Beth Anglin');
      assert.equal((await state(chat.sessionId))?.state, 'requested');
      clock += minute + 1000;
      await harness.app.sweep();
      await chat.user.waitFor('the notice', (t) => t === texts.noAgentAnswered);
      return chat;
    });
    const session = await state(sessionId);
    assert.equal(session?.state, 'ended');
    assert.equal(session.endReason, 'start_timeout');
    await endRequest(sessionId);
  });

  it('lets a user whose request was never answered ask again without waiting for a sweep', async () => {
    const first = await withoutCallbacks(async () => {
      const chat = await requestChat(harness, 'Fred Luddy');
      clock += minute + 1000;
      await chat.user.say('is anyone there?');
      await chat.user.waitFor('the notice', (t) => t === texts.noAgentAnswered);
      return chat;
    });
    assert.equal((await state(first.sessionId))?.endReason, 'start_timeout');
    await first.user.requestLiveChat('Still broken');
    const { simulator } = harness;
    const starts = await simulator.waitFor(
      () => {
        const mine = simulator.requests.filter(
          (r) => r.body.action === 'AGENT' && r.body.userId === first.user.member.aadObjectId,
        );
        return mine.length === 2 ? mine : undefined;
      },
      { what: 'a second start request' },
    );
    assert.notEqual(starts[1]?.body.clientSessionId, first.sessionId);
  });

  it('reminds the user of an idle chat, then ends it at the idle timeout', async () => {
    const { user, sessionId } = await connectedChat(harness);
    clock += 5 * minute + credit + 1000;
    await harness.app.sweep();
    await user.waitFor('the reminder', (t) => t.startsWith('Are you still there?'));
    await harness.app.sweep();
    assert.equal(
      user.received.filter((s) => (s.activity.text ?? '').startsWith('Are you still there?'))
        .length,
      1,
      'reminded once',
    );
    clock += minute;
    await harness.app.sweep();
    await user.waitFor('the ended notice', (t) => t === texts.idleEnded);
    assert.equal((await state(sessionId))?.endReason, 'idle_timeout');
    await endRequest(sessionId);
  });

  it("words the idle reminder in the user's language", async () => {
    const user = new TeamsUser(harness, {
      name: 'Lena Vogel',
      aadObjectId: '5d9b1c2e-8f4a-4c3b-9e2d-7a6b5c4d3e2f',
      email: 'lena.vogel@example.com',
    });
    user.locale = 'de-DE';
    await user.requestLiveChat('Mein VPN bricht ständig ab');
    const sessionId = await user.sessionId();
    await waitFor(
      async () => (await state(sessionId))?.state === 'queued',
      'the chat to be queued',
    );
    await harness.simulator.agent(agent).accept(sessionId);
    await waitFor(
      async () => (await state(sessionId))?.state === 'connected',
      'the chat to connect',
    );
    clock += 5 * minute + credit + 1000;
    await harness.app.sweep();
    const german = textsFor('de-DE').idleReminder(1);
    assert.notEqual(german, texts.idleReminder(1));
    await user.waitFor('the German reminder', (t) => t === german);
  });

  it('starts the idle time again when someone writes', async () => {
    const { user, sessionId } = await connectedChat(harness);
    clock += 5 * minute + credit + 1000;
    await harness.app.sweep();
    await user.waitFor('the reminder', (t) => t.startsWith('Are you still there?'));
    await user.say('still here');
    await waitFor(async () => (await state(sessionId))?.reminderAt === undefined, 'the reset');
    clock += 2 * minute;
    await harness.app.sweep();
    assert.equal((await state(sessionId))?.state, 'connected');
  });
});
