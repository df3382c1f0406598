// Every dead end of live chat offers the ticket, against the real app and the simulator: no
// option applies, outside business hours, availability unknown, ServiceNow failing to start
// the chat, the request never answered (start timeout), and ServiceNow closing the chat before
// an agent joined. And with tickets switched off, the old pointer to the portal.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_HANDOFF_CONFIG } from '../../bot/config/index.js';
import { texts } from '../../dialogs/texts.js';
import { startHarness, TeamsUser, webhookCredentials, type Harness } from '../support/harness.js';
import { fastBackoff, requestChat } from '../support/live-chat.js';
import type { SentActivity } from '../support/fake-connector.js';
import { cardOf, reachTicketCard, ticketData } from '../support/tickets.js';

const minute = 60_000;

/** The default handoff configuration with `change` applied, as a file for HANDOFF_CONFIG. */
function handoffFile(change: (config: Record<string, unknown>) => void): string {
  const config = JSON.parse(readFileSync(DEFAULT_HANDOFF_CONFIG, 'utf8')) as Record<
    string,
    unknown
  >;
  change(config);
  const path = join(mkdtempSync(join(tmpdir(), 'handoff-')), 'handoff.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

const optionsOf = (config: Record<string, unknown>) => config.options as Record<string, unknown>[];
const bodyOf = (sent: SentActivity) => JSON.stringify(cardOf(sent).body);

describe('dead ends found while asking for help', () => {
  const harnesses: Harness[] = [];
  after(() => Promise.all(harnesses.map((h) => h.close())));
  const start = async (env: Record<string, string> = {}) => {
    const harness = await startHarness(env);
    harnesses.push(harness);
    return harness;
  };

  it('offers the ticket when no option applies to the request', async () => {
    const harness = await start({
      HANDOFF_CONFIG: handoffFile((c) => {
        const [first] = optionsOf(c);
        if (first) first.triggerRule = "context.domain == 'HR_DOMAIN'";
      }),
    });
    const card = await reachTicketCard(new TeamsUser(harness), 'My VPN is down');
    assert.match(bodyOf(card), /not offered for this kind of request/);
    assert.equal(ticketData(card).reason, 'notOffered');
  });

  it('offers the ticket outside business hours, with when agents are back', async () => {
    const harness = await start({
      HANDOFF_CONFIG: handoffFile((c) => {
        c.availability = {
          agentsAlwaysAvailable: true,
          cacheSeconds: 0,
          businessHours: { timeZone: 'Europe/Berlin', weekly: {}, holidays: [] },
        };
      }),
    });
    const card = await reachTicketCard(new TeamsUser(harness), 'My VPN is down');
    assert.match(bodyOf(card), /only available during business hours/);
    assert.equal(ticketData(card).reason, 'outsideHours');
  });

  it('offers the ticket when availability cannot be checked', async () => {
    const harness = await start();
    const user = new TeamsUser(harness);
    await user.say('My VPN is down');
    await user.waitFor('the Get Help card', (t) => t.includes('getHelp'));
    harness.simulator.injectFault('table', { status: 401, times: 3 });
    const mark = user.received.length;
    await user.click({ action: 'getHelp' });
    const card = await user.waitFor('the ticket card', (t) => t.includes('createTicket'), mark);
    assert.match(bodyOf(card), /couldn't check whether an agent is available/);
  });

  it('offers the ticket when ServiceNow fails to start the chat', async () => {
    const harness = await start();
    const user = new TeamsUser(harness);
    harness.simulator.injectFault('va', { status: 500, times: 3 });
    await user.requestLiveChat('Teams calls keep dropping');
    const card = await user.waitFor('the ticket card', (t) => t.includes('createTicket'));
    assert.match(bodyOf(card), /couldn't start the chat/);
    assert.match(bodyOf(card), /Teams calls keep dropping/);
    assert.equal(ticketData(card).reason, 'startFailed');
    assert.equal(ticketData(card).optionId, 'agent_broker_instance_1');
    const mark = user.received.length;
    await user.click({ ...ticketData(card), description: 'Teams calls keep dropping' });
    await user.waitFor('the number', (t) => /INC\d{7}/.test(t), mark);
    const [record] = harness.simulator
      .records('incident')
      .filter((r) => r.correlation_id === ticketData(card).ticketKey);
    assert.match(record?.description ?? '', /ServiceNow could not start the chat/);
  });

  it('points to the portal, with no card, when tickets are switched off', async () => {
    const harness = await start({
      HANDOFF_CONFIG: handoffFile((c) => (c.ticket = { enabled: false })),
    });
    harness.simulator.setAgentAvailable('Jordan Taylor', false);
    const user = new TeamsUser(harness);
    await user.say('My VPN is down');
    const help = await user.waitFor('the Get Help card', (t) => t.includes('getHelp'));
    assert.doesNotMatch(JSON.stringify(help.activity), /offerTicket/);
    const mark = user.received.length;
    await user.click({ action: 'getHelp' });
    await user.waitFor(
      'the explanation',
      (t) => t.includes('raise a ticket through the IT portal'),
      mark,
    );
    assert.ok(
      !user.received.slice(mark).some((s) => JSON.stringify(s.activity).includes('createTicket')),
    );
  });
});

describe('dead ends after the chat was requested', () => {
  let harness: Harness;
  let closing: Harness;
  let clock = 0;
  before(async () => {
    harness = await startHarness(
      { LIVE_CHAT_START_TIMEOUT_SECONDS: '60' },
      {},
      { tuning: { teamsBackoff: fastBackoff, timer: false }, now: () => Date.now() + clock },
    );
    // AWA cannot route: no assignment rule, so ServiceNow closes the chat before any agent.
    closing = await startHarness({}, { queues: [{ name: 'IT Support', assignmentRule: false }] });
  });
  after(() => Promise.all([harness.close(), closing.close()]));

  it('offers the ticket, prefilled, when the request is never answered', async () => {
    harness.simulator.setCallback({ url: 'http://127.0.0.1:9/nowhere', password: 'unused' });
    let chat: Awaited<ReturnType<typeof requestChat>>;
    try {
      chat = await requestChat(harness, 'Beth Anglin');
      clock += minute + 1000;
      await harness.app.sweep();
      await chat.user.waitFor('the notice', (t) => t === texts.noAgentAnswered);
    } finally {
      harness.simulator.setCallback({
        url: `${harness.url}/api/servicenow/messages`,
        username: webhookCredentials.user,
        password: webhookCredentials.apiKey,
      });
    }
    const card = await chat.user.waitFor('the ticket card', (t) => t.includes('createTicket'));
    assert.equal(ticketData(card).reason, 'unanswered');
    assert.match(bodyOf(card), /My VPN keeps disconnecting/);
  });

  it('offers the ticket when ServiceNow closes the chat before an agent joined', async () => {
    const { user } = await requestChat(closing, 'Abel Tuter');
    const card = await user.waitFor('the ticket card', (t) => t.includes('createTicket'));
    assert.equal(ticketData(card).reason, 'closedBeforeAgent');
    assert.match(bodyOf(card), /closed the chat before an agent could join/);
    const mark = user.received.length;
    await user.click({ ...ticketData(card), description: 'My VPN keeps disconnecting' });
    await user.waitFor('the number', (t) => /INC\d{7}/.test(t), mark);
  });
});
