// The whole journey over HTTP against the real app: a Teams user asks for help, is offered Live
// Chat, describes the issue, is connected to a ServiceNow agent, chats both ways, and is told when
// the agent ends the chat; afterwards the bot's own dialogs answer again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, TeamsUser, visibleText, type Harness } from '../support/harness.js';
import { sessionWhen } from '../support/live-chat.js';

describe('live chat journey', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness.close();
  });

  it('hands the user to a live agent and relays both ways until the agent ends the chat', async () => {
    const { simulator } = harness;
    const user = new TeamsUser(harness);

    const first = await user.say('My VPN keeps disconnecting');
    assert.equal(first.status, 200);
    await user.waitFor('the Get Help card', (t) => t.includes('getHelp'));

    await user.click({ action: 'getHelp' });
    const offer = await user.waitFor('the Live Chat offer', (t) => t.includes('liveChat'));
    assert.match(visibleText(offer.activity), /Live Chat/);

    await user.click({ action: 'liveChat', optionId: 'agent_broker_instance_1' });
    const describe = await user.waitFor('the description card', (t) =>
      t.includes('submitDescription'),
    );
    assert.match(visibleText(describe.activity), /My VPN keeps disconnecting/);

    await user.click({
      action: 'submitDescription',
      description: 'VPN drops every 10 minutes since this morning',
    });
    const start = await simulator.waitFor(
      () => simulator.requests.find((r) => r.body.action === 'AGENT'),
      {
        what: 'the start request',
      },
    );
    assert.equal(start.body.userId, user.member.aadObjectId);
    assert.equal(start.body.emailId, user.member.email);
    assert.equal(
      (start.body.message as { text: string }).text,
      'VPN drops every 10 minutes since this morning',
    );
    const contextVariables = start.body.contextVariables as Record<string, string>;
    assert.equal(contextVariables.live_agent_only, 'true');
    assert.equal(contextVariables.requester_session_language, 'en');
    const sessionId = start.body.clientSessionId as string;
    await user.waitFor('the connecting notice', (t) => /connecting you/i.test(t));
    await user.waitFor('the queue notice', (t) => /stand by/i.test(t));

    await simulator.agent('Jordan Taylor').accept(sessionId);
    await user.waitFor('the agent joined notice', (t) => t.includes('Jordan Taylor'));
    await sessionWhen(harness, sessionId, (s) => s.state === 'connected', 'the session connected');

    await user.say('It happens on Wi-Fi and on cable');
    await user.say('I already restarted the laptop');
    const seen = await simulator.waitFor(
      () => {
        const messages = simulator.conversation(sessionId)?.userMessages ?? [];
        return messages.length >= 2 ? messages : undefined;
      },
      { what: 'both user messages at the agent' },
    );
    assert.deepEqual(
      seen.slice(-2).map((m) => m.text),
      ['It happens on Wi-Fi and on cable', 'I already restarted the laptop'],
    );

    const mark = harness.connector.sent.length;
    await simulator.agent('Jordan Taylor').say(sessionId, 'Thanks, checking the VPN gateway now.');
    await simulator.agent('Jordan Taylor').say(sessionId, 'Please reconnect and try again.');
    await user.waitFor('the second agent message', (t) => t.includes('Please reconnect'), mark);
    const agentTexts = user.received
      .slice(0)
      .filter((s) => harness.connector.sent.indexOf(s) >= mark)
      .map((s) => s.activity.text ?? '');
    const firstAt = agentTexts.findIndex((t) => t.includes('checking the VPN gateway'));
    const secondAt = agentTexts.findIndex((t) => t.includes('Please reconnect'));
    assert.ok(firstAt >= 0 && secondAt > firstAt, 'agent messages arrive in order');
    assert.match(agentTexts[firstAt] ?? '', /Jordan Taylor/);
    await sessionWhen(
      harness,
      sessionId,
      (s) => s.agentName === 'Jordan Taylor',
      'the agent named',
    );

    await simulator.agent('Jordan Taylor').end(sessionId);
    await user.waitFor('the session ended notice', (t) =>
      t.includes('Your live agent session has ended'),
    );
    await sessionWhen(harness, sessionId, (s) => s.state === 'ended', 'the session ended');

    const requestsBefore = simulator.requests.length;
    const afterEnd = harness.connector.sent.length;
    await user.say('Hello again');
    await user.waitFor('the dialogs answering again', (t) => t.includes('getHelp'), afterEnd);
    assert.equal(simulator.requests.length, requestsBefore, 'nothing more was sent to ServiceNow');
  });

  it('ends the chat from the user side when they type "end chat"', async () => {
    const { simulator } = harness;
    const user = new TeamsUser(harness, {
      name: 'Beth Anglin',
      aadObjectId: 'c0ffee00-0000-4000-8000-000000000001',
      email: 'beth.anglin@example.com',
    });
    await user.requestLiveChat('Printer on floor 3 is jammed');
    const sessionId = await user.sessionId();
    await simulator.agent('Jordan Taylor').accept(sessionId);
    await user.waitFor('the agent joined notice', (t) => t.includes('Jordan Taylor'));

    await user.say('end chat');
    await user.waitFor('the session ended notice', (t) =>
      t.includes('Your live agent session has ended'),
    );
    const end = await simulator.waitFor(
      () =>
        simulator.requests.find(
          (r) => r.body.clientSessionId === sessionId && r.body.action === 'END_CONVERSATION',
        ),
      { what: 'the END_CONVERSATION request' },
    );
    assert.equal((end.body.message as { text: string }).text, '');
    await sessionWhen(harness, sessionId, (s) => s.state === 'ended', 'the session ended');
  });
});

describe('live chat when no agent is available', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({}, { agents: [{ name: 'Jordan Taylor', available: false }] });
  });
  after(async () => {
    await harness.close();
  });

  it('says plainly that no agent is available and starts nothing', async () => {
    const user = new TeamsUser(harness);
    await user.say('Need a new monitor');
    await user.click({ action: 'getHelp' });
    await user.waitFor('the no-agents message', (t) => /no agents are available/i.test(t));
    assert.ok(!user.received.some((s) => visibleText(s.activity).includes('liveChat')));
    assert.equal(harness.simulator.requests.length, 0);
  });
});

describe('live chat when the service account may not read who the agents are', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
    harness.simulator.restrictFieldReads('awa_agent_presence_capacity', ['ap_agent']);
  });
  after(async () => {
    await harness.close();
  });

  it('still offers Live Chat, since the rows say an agent is available', async () => {
    const user = new TeamsUser(harness);
    await user.requestLiveChat('My VPN keeps disconnecting');
    assert.ok(await user.sessionId());
    assert.ok(!user.received.some((s) => /no agents are available/i.test(visibleText(s.activity))));
  });
});
