// Injection, checked from outside: text a user types lands in cards only as a value (it cannot add
// elements or actions), never reaches a Table API query, and what an agent sends (HTML, markdown,
// links, card JSON) reaches Teams without scripts or script links.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startHarness, TeamsUser, webhookCredentials, type Harness } from '../support/harness.js';
import { basic, post } from './support/activities.js';
import { AGENT, chattingUser, type ChattingUser } from './support/live-chats.js';

const cardJson = JSON.stringify({
  type: 'AdaptiveCard',
  body: [{ type: 'TextBlock', text: 'INJECTED-ELEMENT' }],
  actions: [{ type: 'Action.Submit', title: 'INJECTED-ACTION', data: { action: 'endChat' } }],
});
const hostile = [
  cardJson,
  '${user.secret} {{user.name}} $root',
  '<script>alert(1)</script><img src=x onerror=alert(2)>',
  '^NQactive=true^ORDERBYsys_id^sys_idISNOTEMPTY',
  '[click](javascript:alert(3))',
].join(' ');

/** Every object in a card, depth first. */
function objectsOf(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(objectsOf);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  return [record, ...Object.values(record).flatMap(objectsOf)];
}

/** The card's structure: element and action types with their data, but none of its text. */
function skeleton(card: unknown): string[] {
  return objectsOf(card)
    .filter((o) => typeof o.type === 'string')
    .map((o) => `${String(o.type)} ${JSON.stringify(o.data ?? null)}`);
}

describe('injection', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness.close();
  });

  async function descriptionCardFor(text: string): Promise<unknown> {
    const user = new TeamsUser(harness, {
      name: 'Ingrid Jection',
      aadObjectId: randomUUID(),
      email: 'ingrid@example.com',
    });
    await user.say(text);
    await user.waitFor('the Get Help card', (t) => t.includes('getHelp'));
    await user.click({ action: 'getHelp' });
    await user.waitFor('the Live Chat offer', (t) => t.includes('liveChat'));
    await user.click({ action: 'liveChat', optionId: 'agent_broker_instance_1' });
    const sent = await user.waitFor('the description card', (t) => t.includes('submitDescription'));
    return sent.activity.attachments?.[0]?.content;
  }

  it('puts user text into cards as a value only, never as elements or actions', async () => {
    const benign = await descriptionCardFor('My VPN keeps disconnecting');
    const attacked = await descriptionCardFor(hostile);
    assert.deepEqual(skeleton(attacked), skeleton(benign));
    const values = objectsOf(attacked).flatMap((o) => Object.values(o));
    assert.ok(values.includes(hostile), 'the text is kept whole, as one string value');
    assert.ok(!objectsOf(attacked).some((o) => o.text === 'INJECTED-ELEMENT'));
    assert.ok(!objectsOf(attacked).some((o) => o.title === 'INJECTED-ACTION'));
  });

  it('never lets user text into a Table API query', () => {
    const queries = harness.simulator.tableRequests.map((r) => JSON.stringify(r.query));
    assert.ok(queries.length > 0, 'availability was checked');
    for (const query of queries) assert.doesNotMatch(query, /NQactive|ORDERBYsys_id|script/);
  });

  describe('what agents send', () => {
    let chat: ChattingUser;
    before(async () => {
      chat = await chattingUser(harness, 'Ada Recipient');
    });

    const webhook = (items: unknown[]) =>
      post(
        `${harness.url}/api/servicenow/messages`,
        JSON.stringify({
          requestId: randomUUID(),
          clientSessionId: chat.sessionId,
          userId: chat.user.member.aadObjectId,
          body: items.map((item) => ({
            group: 'DefaultText',
            agentInfo: { sentFromAgent: true, agentName: AGENT },
            ...(item as object),
          })),
        }),
        { authorization: basic(webhookCredentials.user, webhookCredentials.apiKey) },
      );

    async function received(marker: string, mark: number): Promise<string> {
      const sent = await chat.user.waitFor(marker, (t) => t.includes(marker), mark);
      return JSON.stringify(sent.activity);
    }

    /**
     * No live tag and no script link, in text or card: an escaped tag or bracket (`\<`, `\]`, a
     * doubled backslash in this JSON) shows as text and forms nothing.
     */
    function assertHarmless(activity: string): void {
      assert.doesNotMatch(activity, /(?<!\\\\)<[a-z/!]/i, activity);
      assert.doesNotMatch(
        activity,
        /(?<!\\\\)\]\(\s*javascript:|"(url|href|value)":"javascript:/i,
        activity,
      );
    }

    it('reaches Teams without scripts or script links in plain text', async () => {
      const mark = harness.connector.sent.length;
      await harness.simulator.agent(AGENT).say(chat.sessionId, `MARK-TEXT ${hostile}`);
      const activity = await received('MARK-TEXT', mark);
      assertHarmless(activity);
      assert.ok(!activity.includes('"attachments"'), 'card JSON in text stays text');
    });

    it('reaches Teams without scripts or script links in HTML', async () => {
      const mark = harness.connector.sent.length;
      const html =
        '<p>MARK-HTML <b>bold</b></p><script>alert(1)</script><img src="x" onerror="alert(2)">' +
        '<a href="javascript:alert(3)">bad link</a><iframe src="https://evil.example"></iframe>';
      assert.equal((await webhook([{ uiType: 'OutputHtml', value: html }])).status, 200);
      const activity = await received('MARK-HTML', mark);
      assertHarmless(activity);
      assert.doesNotMatch(activity, /iframe|evil\.example/);
    });

    it('drops links that are not http(s)', async () => {
      const mark = harness.connector.sent.length;
      const items = [
        { uiType: 'OutputLink', label: 'MARK-LINK', value: { action: 'javascript:alert(4)' } },
        { uiType: 'OutputText', value: 'MARK-END' },
      ];
      assert.equal((await webhook(items)).status, 200);
      await received('MARK-END', mark);
      const all = chat.user.received.slice(0).map((s) => JSON.stringify(s.activity));
      for (const activity of all) assertHarmless(activity);
    });
  });
});
