// The knowledge step over HTTP against the real app and the ServiceNow simulator: articles from the
// allow-listed knowledge base only, one click to resolve or to go on to an agent who is told what
// was tried, and a search that is slow, failing or missing never stands in the way.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SELF_SERVICE_KB } from '@live-agent/snow/simulator';
import type { SimulatorOptions } from '@live-agent/snow/simulator';
import { defaultHandoff, handoffFile } from '../support/handoff-file.js';
import { startHarness, TeamsUser, visibleText, type Harness } from '../support/harness.js';

const timeoutMs = 400;

/** The shipped handoff file with the knowledge step on, searching the self-service base only. */
function knowledgeOn(knowledge: Record<string, unknown> = {}): string {
  return handoffFile({
    knowledge: {
      enabled: true,
      knowledgeBases: [SELF_SERVICE_KB],
      timeoutMs,
      cacheSeconds: 0,
      ...knowledge,
    },
  });
}

function start(knowledge?: Record<string, unknown>, sim: Partial<SimulatorOptions> = {}) {
  return startHarness({ HANDOFF_CONFIG: knowledgeOn(knowledge) }, sim);
}

/** Writes the request, clicks Get Help and returns what the bot showed next. */
async function askForHelp(user: TeamsUser, request: string) {
  await user.say(request);
  await user.waitFor('the Get Help card', (t) => t.includes('getHelp'));
  const after = user.received.length;
  await user.click({ action: 'getHelp' });
  return user.waitFor('articles or the offer', (t) => /articleSolved|liveChat/.test(t), after);
}

async function metricsOf(harness: Harness): Promise<string> {
  return (await fetch(`${harness.url}/metrics`)).text();
}

describe('knowledge step over HTTP', () => {
  let harness: Harness;
  before(async () => {
    harness = await start();
  });
  after(async () => {
    await harness.close();
  });

  it('shows the two VPN articles of the allow-listed base as safe text with portal links', async () => {
    const user = new TeamsUser(harness);
    const shown = await askForHelp(user, 'my VPN keeps disconnecting');
    const text = visibleText(shown.activity);
    assert.match(text, /articleSolved/);
    assert.match(text, /VPN keeps disconnecting/);
    assert.match(text, /Connect to the company VPN from home/);
    const link = `${harness.simulator.url}/esc?id=kb_article_view&sysparm_article=KB0010001`;
    assert.ok(text.includes(link), 'links to the article in the portal');
    // The technicians' base also has a matching article: it never reaches Teams.
    assert.doesNotMatch(text, /technicians|Gateway admin|vpn-gw/i);
    assert.doesNotMatch(text, /<img|onerror|<b>|<B>|<style|color:red/);
    assert.equal(harness.simulator.knowledgeRequests.at(-1)?.query.kb, SELF_SERVICE_KB);
  });

  it('resolves with one click: thanks, the card retired, no chat started', async () => {
    const user = new TeamsUser(harness);
    const shown = await askForHelp(user, 'How do I reset my password?');
    assert.match(visibleText(shown.activity), /Reset your password/);
    const startsBefore = harness.simulator.requests.length;
    await user.post({ type: 'message', value: { action: 'articleSolved' }, replyToId: shown.id });
    await user.waitFor('the thanks', (t) => t.includes('Glad that helped'));
    const retired = await harness.connector.waitForActivity(
      'the retired card',
      (s) => s.method === 'PUT' && s.id === shown.id,
    );
    assert.match(visibleText(retired.activity), /You said this solved your problem/);
    assert.doesNotMatch(visibleText(retired.activity), /articleSolved/);
    assert.equal(harness.simulator.requests.length, startsBefore);
    assert.match(
      await metricsOf(harness),
      /live_agent_knowledge_verdicts_total\{domain="IT_DOMAIN",verdict="resolved"\} 1/,
    );
  });

  it('goes on to an agent who is told what was tried, in the message and in context variables', async () => {
    const user = new TeamsUser(harness);
    await askForHelp(user, 'my VPN keeps disconnecting');
    const after = user.received.length;
    await user.click({ action: 'articleNotSolved' });
    await user.waitFor('the Live Chat offer', (t) => t.includes('liveChat'), after);
    await user.click({ action: 'liveChat', optionId: 'agent_broker_instance_1' });
    await user.waitFor('the description card', (t) => t.includes('submitDescription'));
    await user.click({ action: 'submitDescription', description: 'VPN drops every 10 minutes' });
    await user.sessionId();
    const start = harness.simulator.requests.find(
      (r) => r.body.action === 'AGENT' && r.body.userId === user.member.aadObjectId,
    );
    const message = (start?.body.message as { text: string }).text;
    assert.match(message, /^VPN drops every 10 minutes\n/);
    assert.match(message, /1\. KB0010001 – VPN keeps disconnecting/);
    assert.match(message, /2\. KB0010002 – Connect to the company VPN from home/);
    assert.match(message, /did not solve it/);
    assert.match(message, /They asked: "my VPN keeps disconnecting"/);
    assert.match(message, /Domain: IT_DOMAIN\. Language: en\./);
    const variables = start?.body.contextVariables as Record<string, string>;
    assert.equal(variables.kb_articles_tried, 'KB0010001,KB0010002');
    assert.equal(variables.kb_articles_tried_count, '2');
    assert.equal(variables.kb_articles_outcome, 'not_solved');
    assert.equal(variables.kb_request, 'my VPN keeps disconnecting');
    assert.equal(variables.kb_request_domain, 'IT_DOMAIN');
    assert.equal(variables.kb_request_language, 'en');
    assert.equal(variables.live_agent_only, 'true');
  });

  it('goes straight to the offer when nothing current matches (retired, outdated, internal only)', async () => {
    const user = new TeamsUser(harness);
    const next = await askForHelp(user, 'My laptop will not charge');
    assert.match(visibleText(next.activity), /liveChat/);
    assert.doesNotMatch(visibleText(next.activity), /articleSolved|KB00/);
    assert.match(
      await metricsOf(harness),
      /live_agent_knowledge_searches_total\{domain="IT_DOMAIN",outcome="no_match"\} [1-9]/,
    );
  });

  it('does not search, and briefs nobody, when the user asks for a live chat by name', async () => {
    const user = new TeamsUser(harness);
    await user.say('my VPN keeps disconnecting');
    await user.waitFor('the Get Help card', (t) => t.includes('getHelp'));
    const searches = harness.simulator.knowledgeRequests.length;
    await user.say('live chat');
    await user.waitFor('the Live Chat offer', (t) => t.includes('liveChat'));
    await user.click({ action: 'liveChat', optionId: 'agent_broker_instance_1' });
    await user.waitFor('the description card', (t) => t.includes('submitDescription'));
    await user.click({ action: 'submitDescription', description: 'VPN drops' });
    await user.sessionId();
    const start = harness.simulator.requests.find(
      (r) => r.body.action === 'AGENT' && r.body.userId === user.member.aadObjectId,
    );
    assert.equal((start?.body.message as { text: string }).text, 'VPN drops');
    assert.equal(
      (start?.body.contextVariables as Record<string, string>).kb_articles_tried,
      undefined,
    );
    assert.equal(harness.simulator.knowledgeRequests.length, searches);
  });

  it("searches in the employee's language, falling back to English", async () => {
    const german = new TeamsUser(harness);
    german.locale = 'de-DE';
    const de = visibleText(
      (await askForHelp(german, 'Meine VPN-Verbindung bricht ständig ab')).activity,
    );
    assert.match(de, /VPN-Verbindung bricht ständig ab/);
    assert.match(de, /Das hat geholfen/);
    const spanish = new TeamsUser(harness);
    spanish.locale = 'es-ES';
    const es = visibleText((await askForHelp(spanish, 'Mi VPN se desconecta')).activity);
    assert.match(es, /La VPN se desconecta constantemente/);
    const french = new TeamsUser(harness);
    french.locale = 'fr-FR';
    const fr = visibleText((await askForHelp(french, 'my VPN keeps disconnecting')).activity);
    assert.match(fr, /VPN keeps disconnecting/);
    assert.equal(harness.simulator.knowledgeRequests.at(-1)?.query.language, 'fr,en');
  });

  it('makes one ServiceNow call per request', async () => {
    const user = new TeamsUser(harness);
    const before = harness.simulator.knowledgeRequests.length;
    const tableBefore = harness.simulator.tableRequests.filter((r) =>
      r.path.includes('kb_'),
    ).length;
    await askForHelp(user, 'printer shows offline');
    assert.equal(harness.simulator.knowledgeRequests.length, before + 1);
    assert.equal(
      harness.simulator.tableRequests.filter((r) => r.path.includes('kb_')).length,
      tableBefore,
    );
  });

  it('skips a slow search after its timeout, and the offer comes right after', async () => {
    harness.simulator.setKnowledge({ delayMs: 3000 });
    try {
      const user = new TeamsUser(harness);
      await user.say('my VPN keeps disconnecting');
      await user.waitFor('the Get Help card', (t) => t.includes('getHelp'));
      const clicked = Date.now();
      await user.click({ action: 'getHelp' });
      const next = await user.waitFor('the offer', (t) => /liveChat|articleSolved/.test(t));
      const waited = Date.now() - clicked;
      assert.match(visibleText(next.activity), /liveChat/);
      assert.ok(waited >= timeoutMs, `waited ${waited} ms`);
      assert.ok(waited < timeoutMs + 1500, `the offer came ${waited} ms after the click`);
      assert.match(
        await metricsOf(harness),
        /live_agent_knowledge_searches_total\{domain="IT_DOMAIN",outcome="timeout"\} 1/,
      );
    } finally {
      harness.simulator.setKnowledge({});
    }
  });

  it('skips a failing search and logs it without the request text', async () => {
    harness.simulator.setKnowledge({ failStatus: 500 });
    try {
      const user = new TeamsUser(harness);
      const next = await askForHelp(user, 'secret project printer jam');
      assert.match(visibleText(next.activity), /liveChat/);
      const line = harness.logs.find((l) => l.includes('knowledge search failed'));
      assert.ok(line, 'logged');
      assert.doesNotMatch(line, /secret project/);
    } finally {
      harness.simulator.setKnowledge({});
    }
  });
});

describe('knowledge step without the Knowledge API plugin', () => {
  let harness: Harness;
  before(async () => {
    harness = await start({}, { knowledge: { installed: false } });
  });
  after(async () => {
    await harness.close();
  });

  it('falls back to the kb_knowledge table after one warning', async () => {
    const first = new TeamsUser(harness);
    // The first search finds the plugin missing and is skipped; later ones use the table.
    const skipped = await askForHelp(first, 'my VPN keeps disconnecting');
    assert.match(visibleText(skipped.activity), /liveChat/);
    const user = new TeamsUser(harness);
    const shown = visibleText((await askForHelp(user, 'my VPN keeps disconnecting')).activity);
    assert.match(shown, /VPN keeps disconnecting/);
    assert.doesNotMatch(shown, /technicians/i);
    assert.ok(
      harness.simulator.tableRequests.some((r) => r.path === '/api/now/table/kb_knowledge'),
    );
    assert.equal(harness.logs.filter((l) => l.includes('not installed')).length, 1);
  });
});

describe('knowledge step turned off for an option', () => {
  let harness: Harness;
  before(async () => {
    const base = defaultHandoff();
    const path = handoffFile({
      options: base.options.map((o) => ({ ...o, knowledge: { enabled: false } })),
      knowledge: { enabled: true, knowledgeBases: [SELF_SERVICE_KB] },
    });
    harness = await startHarness({ HANDOFF_CONFIG: path });
  });
  after(async () => {
    await harness.close();
  });

  it('offers live chat at once', async () => {
    const next = await askForHelp(new TeamsUser(harness), 'my VPN keeps disconnecting');
    assert.match(visibleText(next.activity), /liveChat/);
    assert.equal(harness.simulator.knowledgeRequests.length, 0);
  });
});
