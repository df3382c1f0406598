// The Teams experience over HTTP against the real app: card clicks of both kinds (the clicked
// card is retired), one welcome per install, one open chat per user, pickers answered with the
// option's value, users without an email, and the user's language.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startHarness, TeamsUser, visibleText, type Harness } from '../support/harness.js';

interface CardContent {
  body: unknown[];
  actions?: unknown[];
}

function cardOf(activity: { attachments?: { content: unknown }[] }): CardContent {
  const content = activity.attachments?.[0]?.content as CardContent | undefined;
  assert.ok(content, 'expected a card');
  return content;
}

describe('the Teams experience', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness.close();
  });

  /** Walks a new user to a chat the agent has accepted; returns the session id. */
  async function connected(user: TeamsUser): Promise<string> {
    const { simulator } = harness;
    await user.requestLiveChat('My VPN keeps disconnecting');
    const sessionId = await user.sessionId();
    await simulator.agent('Jordan Taylor').accept(sessionId);
    await user.waitFor('the agent joined card', (t) => t.includes('has joined the chat'));
    return sessionId;
  }

  it('replaces a clicked card with what the user chose, so it cannot be clicked twice', async () => {
    const user = new TeamsUser(harness);
    await user.say('My VPN keeps disconnecting');
    const card = await user.waitFor('the Get Help card', (t) => t.includes('getHelp'));
    const mark = harness.connector.sent.length;
    await user.post({ type: 'message', value: { action: 'getHelp' }, replyToId: card.id });
    const update = await harness.connector.waitForActivity(
      'the clicked card updated',
      (s) => s.method === 'PUT' && s.id === card.id,
      mark,
    );
    const receipt = cardOf(update.activity);
    assert.match(JSON.stringify(receipt.body), /You selected: Get Help/);
    assert.deepEqual(receipt.actions, []);
    await user.waitFor('the Live Chat offer', (t) => t.includes('liveChat'), mark);
  });

  it('handles an Action.Execute click like a submit and answers with the updated card', async () => {
    const user = new TeamsUser(harness);
    await user.say('Outlook crashes');
    await user.waitFor('the Get Help card', (t) => t.includes('getHelp'));
    const mark = harness.connector.sent.length;
    const res = await fetch(`${harness.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: 'getHelp', data: {} }, trigger: 'manual' },
        id: randomUUID(),
        channelId: 'msteams',
        serviceUrl: harness.connector.serviceUrl,
        locale: 'en-US',
        from: { id: user.teamsId, name: user.member.name, aadObjectId: user.member.aadObjectId },
        recipient: { id: '28:bot', name: 'Live Agent' },
        conversation: { id: user.conversationId, conversationType: 'personal' },
      }),
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { statusCode: number; type: string; value: CardContent };
    assert.equal(body.statusCode, 200);
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(JSON.stringify(body.value.body), /You selected: Get Help/);
    await user.waitFor('the Live Chat offer', (t) => t.includes('liveChat'), mark);
  });

  it('greets once when Teams announces the install twice', async () => {
    const user = new TeamsUser(harness);
    await user.post({ type: 'installationUpdate', action: 'add' });
    await user.post({
      type: 'conversationUpdate',
      membersAdded: [{ id: '28:bot' }, { id: user.teamsId }],
    });
    await user.post({ type: 'conversationUpdate', membersAdded: [{ id: '28:bot' }] });
    await user.waitFor('the welcome card', (t) => t.includes('Welcome to IT help'));
    const welcomes = user.received.filter((s) => visibleText(s.activity).includes('Welcome to IT'));
    assert.equal(welcomes.length, 1);
    assert.ok((await harness.store.users.get(user.member.aadObjectId)) !== undefined);
  });

  it('answers "live chat" during a chat by saying one is open, without relaying it', async () => {
    const user = new TeamsUser(harness);
    const sessionId = await connected(user);
    const mark = harness.connector.sent.length;
    await user.say('Live chat');
    await user.click({ action: 'getHelp' });
    await user.waitFor(
      'the already chatting notice',
      (t) => t.includes('already have a live chat'),
      mark,
    );
    await user.say('Still broken');
    const messages = await harness.simulator.waitFor(
      () => {
        const seen = harness.simulator.conversation(sessionId)?.userMessages ?? [];
        return seen.length > 0 ? seen : undefined;
      },
      { what: 'the user message at the agent' },
    );
    assert.deepEqual(
      messages.map((m) => m.text),
      ['Still broken'],
    );
  });

  it("sends a picked option's value back to the agent as not typed", async () => {
    const user = new TeamsUser(harness);
    const sessionId = await connected(user);
    await user.click({ action: 'pickOption', value: 'yes_value', label: 'Yes' });
    const request = await harness.simulator.waitFor(
      () =>
        harness.simulator.requests.find(
          (r) =>
            r.body.clientSessionId === sessionId &&
            (r.body.message as { text?: string } | undefined)?.text === 'yes_value',
        ),
      { what: 'the picked value at ServiceNow' },
    );
    assert.equal((request.body.message as { typed: unknown }).typed, false);
  });

  it('tells a user without an email address that it cannot connect them', async () => {
    const user = new TeamsUser(harness);
    const stranger = { id: `29:${randomUUID()}`, name: 'No Mail', aadObjectId: randomUUID() };
    const post = (activity: Record<string, unknown>) => user.post({ ...activity, from: stranger });
    await post({ type: 'message', text: 'VPN down' });
    await post({ type: 'message', value: { action: 'getHelp' } });
    await user.waitFor('the Live Chat offer', (t) => t.includes('liveChat'));
    await post({
      type: 'message',
      value: { action: 'liveChat', optionId: 'agent_broker_instance_1' },
    });
    await user.waitFor('the description card', (t) => t.includes('submitDescription'));
    await post({
      type: 'message',
      value: { action: 'submitDescription', description: 'VPN down' },
    });
    await user.waitFor('the no-email message', (t) =>
      t.includes("couldn't find your email address"),
    );
    assert.ok(!harness.simulator.requests.some((r) => r.body.userId === stranger.aadObjectId));
  });

  it("speaks the user's language, from the Teams locale", async () => {
    const user = new TeamsUser(harness);
    await user.post({ type: 'message', text: 'Mein Laptop startet nicht', locale: 'de-DE' });
    const reply = await user.waitFor('the Get Help card', (t) => t.includes('getHelp'));
    assert.match(reply.activity.text ?? '', /Danke, ich habe das notiert/);
    assert.match(visibleText(reply.activity), /Hilfe holen/);
  });
});
