// The ticket path against the real app, the ServiceNow simulator and the Cosmos-compatible
// store: no agent → ticket card → one click → the number and its link; exactly one record per
// card under double clicks and repeated invokes; each refusal explained; the user asked for it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { snowCredentials, startHarness, TeamsUser, type Harness } from '../support/harness.js';
import { cardOf, reachTicketCard, ticketData } from '../support/tickets.js';

describe('a ticket where no agent can take the chat', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
    harness.simulator.setAgentAvailable('Jordan Taylor', false);
  });
  after(() => harness.close());

  const incidents = () => harness.simulator.records('incident');
  const forKey = (key: string) => incidents().filter((r) => r.correlation_id === key);

  it('creates the incident in one click and shows its number and portal link', async () => {
    const user = new TeamsUser(harness, {
      name: 'Alex Wilber',
      aadObjectId: randomUUID(),
      email: 'alexw@example.com',
    });
    const card = await reachTicketCard(user, 'My VPN keeps disconnecting');
    assert.match(JSON.stringify(cardOf(card).body), /no agents are available right now/);
    assert.match(JSON.stringify(cardOf(card).body), /create a ticket right here/);
    const data = ticketData(card);
    const mark = harness.connector.sent.length;
    await user.post({
      type: 'message',
      replyToId: card.id,
      value: { ...data, description: 'My VPN keeps disconnecting', ticketChoice: '2' },
    });
    const shown = await user.waitFor('the ticket number', (t) => /INC\d{7}/.test(t), mark);
    const [record] = forKey(data.ticketKey ?? '');
    assert.ok(record, 'the incident exists at ServiceNow');
    const number = record.number ?? '';
    assert.match(JSON.stringify(cardOf(shown).body), new RegExp(`${number} has been created`));
    const link = cardOf(shown).actions.find((a) => a.type === 'Action.OpenUrl');
    assert.equal(
      link?.url,
      `${harness.simulator.url}/sp?id=ticket&table=incident&sys_id=${record.sys_id ?? ''}`,
    );
    const alex = await callerOf('alexw@example.com');
    assert.equal(record.caller_id, alex);
    assert.equal(record.short_description, 'My VPN keeps disconnecting');
    assert.match(record.description ?? '', /^Asked for live chat at .+; no agent was available\./);
    assert.match(record.description ?? '', /\n\nMy VPN keeps disconnecting$/);
    assert.equal(record.contact_type, 'virtual_agent');
    assert.equal(record.urgency, '2');
    const retired = harness.connector.sent.find((s) => s.method === 'PUT' && s.id === card.id);
    assert.ok(retired, 'the clicked card was replaced');
    assert.doesNotMatch(JSON.stringify(retired.activity), /createTicket/);
  });

  /** A Table API read at the simulator, as the bot's service account. */
  function simulatorGet(path: string): Promise<Response> {
    const auth = Buffer.from(`${snowCredentials.username}:${snowCredentials.password}`);
    return fetch(`${harness.simulator.url}${path}`, {
      headers: { accept: 'application/json', authorization: `Basic ${auth.toString('base64')}` },
    });
  }

  async function callerOf(email: string): Promise<string | undefined> {
    const res = await simulatorGet(
      `/api/now/table/sys_user?email=${encodeURIComponent(email)}&sysparm_fields=sys_id`,
    );
    const body = (await res.json()) as { result: { sys_id: string }[] };
    return body.result[0]?.sys_id;
  }

  it('creates one record when the card is submitted twice at once (a double click)', async () => {
    const user = new TeamsUser(harness);
    const card = await reachTicketCard(user, 'Printer on floor 3 is jammed');
    const data = ticketData(card);
    const value = { ...data, description: 'Printer on floor 3 is jammed', ticketChoice: '3' };
    const mark = harness.connector.sent.length;
    const answers = await Promise.all([
      user.post({ type: 'message', replyToId: card.id, value }),
      user.post({ type: 'message', replyToId: card.id, value }),
    ]);
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200],
    );
    await user.waitFor('the ticket number', (t) => /has been created/.test(t), mark);
    await user.waitFor('the second answer', (t) => /had already been created/.test(t), mark);
    assert.equal(forKey(data.ticketKey ?? '').length, 1);
  });

  it('creates one record when Teams repeats the Action.Execute invoke', async () => {
    const user = new TeamsUser(harness);
    const card = await reachTicketCard(user, 'Outlook will not start');
    const { action, ...data } = ticketData(card);
    const invoke = {
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: randomUUID(),
      value: {
        action: {
          type: 'Action.Execute',
          verb: action,
          data: { ...data, description: 'Outlook will not start' },
        },
        trigger: 'manual',
      },
    };
    const first = await user.post(invoke);
    const again = await user.post(invoke);
    assert.equal(first.status, 200);
    assert.equal(again.status, 200);
    await user.waitFor('the repeat answered', (t) => /had already been created/.test(t));
    assert.equal(forKey(data.ticketKey ?? '').length, 1);
  });

  it("refuses another user's submit of a card, showing them nothing of the ticket", async () => {
    const owner = new TeamsUser(harness);
    const card = await reachTicketCard(owner, 'Laptop stolen');
    const data = ticketData(card);
    const value = { ...data, description: 'Laptop stolen' };
    const mark = owner.received.length;
    await owner.click(value);
    const shown = await owner.waitFor('the number', (t) => /has been created/.test(t), mark);
    const other = new TeamsUser(harness, {
      name: 'Alex Wilber',
      aadObjectId: randomUUID(),
      email: 'alexw@example.com',
    });
    await other.click(value);
    const answer = await other.waitFor('the refusal', (t) => t.includes('no longer active'));
    const number = /INC\d{7}/.exec(JSON.stringify(shown.activity))?.[0] ?? 'INC';
    assert.doesNotMatch(JSON.stringify(answer.activity), new RegExp(number));
    assert.equal(forKey(data.ticketKey ?? '').length, 1);
  });

  it('explains a refused insert to the user and logs ServiceNow’s reason for the admin', async () => {
    const user = new TeamsUser(harness);
    const card = await reachTicketCard(user, 'Need a new monitor');
    harness.simulator.refuseInserts('incident', { kind: 'businessRule' });
    try {
      const mark = user.received.length;
      await user.click({ ...ticketData(card), description: 'Need a new monitor' });
      await user.waitFor('the refusal', (t) => t.includes('did not accept the ticket'), mark);
      assert.equal(forKey(ticketData(card).ticketKey ?? '').length, 0);
      const line = harness.logs.find((l) => l.includes('ServiceNow refused the ticket'));
      assert.ok(line, 'the refusal is logged');
      assert.match(line, /Error during insert of incident/);
      assert.doesNotMatch(line, /Need a new monitor/);
    } finally {
      harness.simulator.refuseInserts('incident', undefined);
    }
  });

  it('keeps the card when ServiceNow is down, and the retry still creates only one record', async () => {
    const user = new TeamsUser(harness);
    const card = await reachTicketCard(user, 'Wifi drops every hour');
    const data = ticketData(card);
    harness.simulator.injectFault('table', { status: 503, times: 20 });
    const mark = user.received.length;
    await user.click({ ...data, description: 'Wifi drops every hour' });
    const again = await user.waitFor(
      'the card kept with the message',
      (t) => t.includes("couldn't reach the IT service desk") && t.includes('createTicket'),
      mark,
    );
    assert.equal(ticketData(again).ticketKey, data.ticketKey);
    await drainFaults();
    const next = user.received.length;
    await user.click({ ...ticketData(again), description: 'Wifi drops every hour' });
    await user.waitFor('the ticket number', (t) => /has been created/.test(t), next);
    assert.equal(forKey(data.ticketKey ?? '').length, 1);
  });

  /** Uses up what is left of injected Table API faults with reads nobody depends on. */
  async function drainFaults(): Promise<void> {
    for (let i = 0; i < 40; i++) {
      const res = await simulatorGet('/api/now/table/incident?sysparm_limit=1');
      await res.arrayBuffer();
      if (res.status === 200) return;
    }
  }

  it('tells a user ServiceNow does not know that no ticket can be filed for them', async () => {
    const user = new TeamsUser(harness, {
      name: 'Stranger',
      aadObjectId: randomUUID(),
      email: 'nobody@example.com',
    });
    const card = await reachTicketCard(user, 'Hello');
    const mark = user.received.length;
    await user.click({ ...ticketData(card), description: 'Hello' });
    await user.waitFor('the explanation', (t) => t.includes("couldn't find you"), mark);
    assert.equal(forKey(ticketData(card).ticketKey ?? '').length, 0);
  });

  it('offers the ticket on request: the Get Help card button and the typed command', async () => {
    const user = new TeamsUser(harness);
    user.locale = 'de-DE';
    await user.say('Mein Drucker druckt nicht');
    const help = await user.waitFor('the Get Help card', (t) => t.includes('getHelp'));
    assert.match(JSON.stringify(cardOf(help).actions), /Ticket erstellen/);
    const mark = user.received.length;
    await user.say('ticket erstellen');
    const card = await user.waitFor('the ticket card', (t) => t.includes('createTicket'), mark);
    assert.match(JSON.stringify(cardOf(card).body), /Mein Drucker druckt nicht/);
    assert.equal(ticketData(card).reason, 'requested');
    const next = user.received.length;
    await user.click({ ...ticketData(card), description: 'Mein Drucker druckt nicht' });
    await user.waitFor(
      'the number, in German',
      (t) => /Ihr Ticket INC\d{7} wurde erstellt/.test(t),
      next,
    );
  });

  it('counts each submitted card by outcome on /metrics', async () => {
    const text = await (await fetch(`${harness.url}/metrics`)).text();
    for (const outcome of ['created', 'repeat', 'refused', 'unavailable', 'no_user', 'foreign']) {
      assert.match(text, new RegExp(`live_agent_tickets_total\\{outcome="${outcome}"\\} [1-9]`));
    }
  });

  it('answers a forged or malformed card submit without filing anything', async () => {
    const user = new TeamsUser(harness);
    const before = incidents().length;
    const mark = user.received.length;
    await user.click({ action: 'createTicket', ticketKey: 'not-a-key', description: 'x' });
    await user.waitFor('the expired card notice', (t) => t.includes('no longer active'), mark);
    const card = await reachTicketCard(user, 'Oversized');
    const next = user.received.length;
    await user.click({ ...ticketData(card), description: 'x'.repeat(5000) });
    await user.waitFor('the length problem', (t) => t.includes('shorten it to at most 1000'), next);
    assert.equal(incidents().length, before);
  });
});
