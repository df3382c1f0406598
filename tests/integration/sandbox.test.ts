// `npm start` with no configuration: sandbox mode. The bot is started as its own process the way
// main.ts runs, with an embedded store and the simulated ServiceNow, and a client posting
// Teams-shaped activities completes the journey against the scripted agent, Jordan Taylor.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { SurveyText } from '@live-agent/snow/simulator';
import { FakeConnector } from '../support/fake-connector.js';
import { waitFor } from '../support/http.js';
import { TeamsUser, type Harness } from '../support/harness.js';
import { cardOf, reachTicketCard, ticketData } from '../support/tickets.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('sandbox mode (no configuration)', () => {
  let bot: ChildProcess;
  let exit: Promise<number | null>;
  const lines: string[] = [];
  let url = '';
  let connector: FakeConnector;

  /** A Teams user of the sandbox bot (a real process, so only its URL and the connector). */
  const sandboxUser = (name: string, aadObjectId: string, email: string) =>
    new TeamsUser({ url, connector } as unknown as Harness, { name, aadObjectId, email });

  before(async () => {
    connector = await FakeConnector.start();
    bot = spawn(
      process.execPath,
      ['--conditions=source', '--import', import.meta.resolve('tsx'), join(root, 'bot/main.ts')],
      {
        // A clean environment: no ServiceNow, no Cosmos DB, any free port; run outside the checkout
        // so that no developer's .env is read.
        cwd: mkdtempSync(join(tmpdir(), 'sandbox-')),
        env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    exit = new Promise((resolve) => bot.once('exit', resolve));
    let buffered = '';
    bot.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      lines.push(...parts);
    });
    bot.stderr?.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
    const port = await waitFor(
      () => lines.map(portOf).find((p) => p !== undefined),
      'the bot to listen',
      30_000,
    );
    url = `http://127.0.0.1:${port}`;
  });

  after(async () => {
    if (bot.exitCode === null) bot.kill('SIGKILL');
    await connector.close();
  });

  it('says in the log that it is a sandbox, with an embedded store', () => {
    const messages = lines.map((l) => messageOf(l)).join('\n');
    assert.match(messages, /SANDBOX MODE/);
    assert.match(messages, /memory/i);
  });

  it('answers /healthz at once and /readyz when the store is up', async () => {
    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { status: string }).status, 'ok');
    const ready = await fetch(`${url}/readyz`);
    assert.equal(ready.status, 200);
  });

  it('completes the journey against the scripted agent', async () => {
    const user = sandboxUser(
      'Alex Wilber',
      '6f5a1c7e-2b1d-4f8e-9a51-0c3c1d2e4f60',
      'alexw@example.com',
    );
    await user.requestLiveChat('My laptop will not charge');

    const greeting = await user.waitFor(
      'Jordan Taylor greeting the user',
      (t) => /Jordan Taylor/.test(t) && /Alex/.test(t),
    );
    assert.match(greeting.activity.text ?? '', /Alex/);

    const mark = connector.sent.length;
    await user.say('The light on the charger is off');
    await user.waitFor(
      'a reply quoting the message',
      (t) => t.includes('The light on the charger is off'),
      mark,
    );

    await user.say('bye');
    await user.waitFor(
      'the session ended notice',
      (t) => t.includes('Your live agent session has ended'),
      mark,
    );
  });

  it('shows VPN articles first; "I still need help" leads to Jordan, who knows what was tried', async () => {
    const user = sandboxUser(
      'Megan Bowen',
      '0c1d2e4f-6f5a-4c7e-8b1d-9a510c3c1d2e',
      'meganb@example.com',
    );
    await user.say('my VPN keeps disconnecting');
    await user.waitFor('the Get Help card', (t) => t.includes('getHelp'));
    await user.click({ action: 'getHelp' });
    const articles = await user.waitFor('the articles card', (t) => t.includes('articleSolved'));
    const shown = JSON.stringify(articles.activity.attachments);
    assert.match(shown, /VPN keeps disconnecting/);
    assert.match(shown, /Connect to the company VPN from home/);
    await user.click({ action: 'articleNotSolved' });
    await user.waitFor('the Live Chat offer', (t) => t.includes('liveChat'));
    await user.click({ action: 'liveChat', optionId: 'agent_broker_instance_1' });
    await user.waitFor('the description card', (t) => t.includes('submitDescription'));
    await user.click({ action: 'submitDescription', description: 'my VPN keeps disconnecting' });
    const greeting = await user.waitFor(
      'Jordan Taylor greeting with the articles tried',
      (t) => /Jordan Taylor/.test(t) && /already tried/.test(t),
    );
    assert.match(greeting.activity.text ?? '', /Hi Megan/);
    assert.match(greeting.activity.text ?? '', /KB0010001 "VPN keeps disconnecting"/);
    assert.match(greeting.activity.text ?? '', /KB0010002 "Connect to the company VPN from home"/);
    await user.say('bye');
    await user.waitFor('the session ended notice', (t) =>
      t.includes('Your live agent session has ended'),
    );
  });

  it('shows the ticket path after a typed "no agents": Create a ticket → INC0010001', async () => {
    const user = sandboxUser(
      'Megan Bowen',
      '0b3c1d2e-4f60-4f8e-9a51-6f5a1c7e2b1d',
      'meganb@example.com',
    );
    await user.say('no agents');
    await user.waitFor('the sandbox switch', (t) => t.includes('Jordan Taylor is now offline'));
    const card = await reachTicketCard(user, 'The projector in room 4 is broken');
    assert.match(JSON.stringify(cardOf(card).body), /no agents are available/);
    const mark = user.received.length;
    await user.click({ ...ticketData(card), description: 'The projector in room 4 is broken' });
    await user.waitFor('the ticket number', (t) => t.includes('INC0010001'), mark);
    await user.say('agents back');
    await user.waitFor('Jordan back', (t) => t.includes('Jordan Taylor is available again'));
  });

  it('relays ServiceNow’s own survey after a typed "servicenow survey", instead of asking its own', async () => {
    const user = sandboxUser('Alex Wilber', randomUUID(), 'alexw@example.com');
    await user.say('servicenow survey');
    await user.waitFor('the sandbox switch', (t) => t.includes('ServiceNow asks its own survey'));
    await user.requestLiveChat('My laptop will not charge');
    await user.waitFor('Jordan Taylor greeting the user', (t) => /this is Jordan Taylor/.test(t));
    const mark = connector.sent.length;
    await user.say('bye');
    const picker = await user.waitFor('the rating', (t) => t.includes(SurveyText.rating), mark);
    const card = picker.activity.attachments?.[0]?.content as {
      actions: { title: string; data: Record<string, string> }[];
    };
    const value = card.actions.find((a) => a.title === 'Very satisfied')?.data;
    await user.post({ type: 'message', replyToId: picker.id, value });
    await user.waitFor('the comment question', (t) => t.includes(SurveyText.comment), mark);
    await user.say('Very helpful, thanks');
    await user.waitFor('ServiceNow’s thanks', (t) => t.includes(SurveyText.thanks), mark);
    const since = connector.sent.slice(mark).map((s) => JSON.stringify(s.activity));
    assert.ok(!since.some((t) => t.includes('rateChat')), 'the bot does not ask as well');
    await user.say('bot survey');
    await user.waitFor('the switch back', (t) => t.includes('I ask mine again'));
  });

  it('shuts down cleanly on SIGTERM', async () => {
    bot.kill('SIGTERM');
    assert.equal(await exit, 0);
  });
});

function parse(line: string): { msg?: string; port?: number } | undefined {
  try {
    return JSON.parse(line) as { msg?: string; port?: number };
  } catch {
    return undefined;
  }
}

function portOf(line: string): number | undefined {
  const entry = parse(line);
  return entry?.msg?.startsWith('listening') === true ? entry.port : undefined;
}

function messageOf(line: string): string {
  return parse(line)?.msg ?? line;
}
