import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import restify from 'restify';
import { PrometheusMetrics, countOpenSessions, type OpenSessionCounts } from '../../bot/metrics.js';
import {
  InMemorySessionStore,
  type LiveChatSession,
  type SessionState,
} from '../../bot/store/index.js';
import { recordAnswers, serveMetrics } from '../../bot/metrics-endpoint.js';
import { startHarness, TeamsUser, type Harness } from '../support/harness.js';
import { connectedChat } from '../support/live-chat.js';

/** The value of one sample in a text exposition; undefined when it is not there. */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match?.[1] !== name) continue;
    const found = new Map(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]] as const),
    );
    if (Object.entries(labels).every(([k, v]) => found.get(k) === v)) return Number(match[3]);
  }
  return undefined;
}

function session(state: SessionState): LiveChatSession {
  const at = new Date(0).toISOString();
  return {
    id: randomUUID(),
    userKey: randomUUID(),
    snowUserId: randomUUID(),
    conversationReference: {},
    state,
    handoffOptionId: 'agent_broker_instance_1',
    createdAt: at,
    updatedAt: at,
  };
}

async function scrape(metrics: PrometheusMetrics): Promise<string> {
  return (await metrics.exposition()).body;
}

describe('metrics', () => {
  it('counts relayed messages by direction and records how long each took to deliver', async () => {
    let now = 10_000;
    const metrics = new PrometheusMetrics({ now: () => now });
    metrics.messageRelayed('to_user', now - 1500);
    now += 100;
    metrics.messageRelayed('to_agent', now - 40);
    const text = await scrape(metrics);
    assert.equal(sample(text, 'live_agent_relayed_messages_total', { direction: 'to_user' }), 1);
    assert.equal(sample(text, 'live_agent_relayed_messages_total', { direction: 'to_agent' }), 1);
    const bucket = 'live_agent_delivery_latency_seconds_bucket';
    assert.equal(sample(text, bucket, { direction: 'to_user', le: '1' }), 0);
    assert.equal(sample(text, bucket, { direction: 'to_user', le: '2' }), 1);
    assert.equal(sample(text, bucket, { direction: 'to_agent', le: '0.05' }), 1);
    assert.equal(
      sample(text, 'live_agent_delivery_latency_seconds_sum', { direction: 'to_user' }),
      1.5,
    );
  });

  it('counts ServiceNow and Teams failures by their code', async () => {
    const metrics = new PrometheusMetrics();
    metrics.callFailed('servicenow', 'SNOW_UNAVAILABLE');
    metrics.callFailed('servicenow', 'SNOW_UNAVAILABLE');
    metrics.callFailed('teams', '429');
    const text = await scrape(metrics);
    const errors = 'live_agent_errors_total';
    assert.equal(sample(text, errors, { source: 'servicenow', code: 'SNOW_UNAVAILABLE' }), 2);
    assert.equal(sample(text, errors, { source: 'teams', code: '429' }), 1);
  });

  it("keeps each app's counts to itself", async () => {
    const first = new PrometheusMetrics();
    const second = new PrometheusMetrics();
    first.callFailed('teams', '403');
    assert.equal(sample(await scrape(first), 'live_agent_errors_total', { code: '403' }), 1);
    assert.equal(
      sample(await scrape(second), 'live_agent_errors_total', { code: '403' }),
      undefined,
    );
  });

  it('reports open sessions by state from the store, re-read only after the cache expires', async () => {
    const store = new InMemorySessionStore();
    for (const state of ['requested', 'queued', 'connected', 'connected', 'ended'] as const) {
      await store.create(session(state));
    }
    let now = 0;
    const metrics = new PrometheusMetrics({
      openSessions: countOpenSessions(store),
      openSessionsCacheMs: 1000,
      now: () => now,
    });
    const open = 'live_agent_open_sessions';
    const text = await scrape(metrics);
    assert.equal(sample(text, open, { state: 'requested' }), 1);
    assert.equal(sample(text, open, { state: 'queued' }), 1);
    assert.equal(sample(text, open, { state: 'connected' }), 2);
    assert.equal(sample(text, open, { state: 'ended' }), undefined);

    await store.create(session('queued'));
    now = 500;
    assert.equal(sample(await scrape(metrics), open, { state: 'queued' }), 1);
    now = 1000;
    assert.equal(sample(await scrape(metrics), open, { state: 'queued' }), 2);
  });

  it('still answers a scrape when the store cannot count sessions', async () => {
    let fail = false;
    const counts: OpenSessionCounts = { requested: 0, queued: 3, connected: 1 };
    const metrics = new PrometheusMetrics({
      openSessions: () =>
        fail ? Promise.reject(new Error('store down')) : Promise.resolve(counts),
      openSessionsCacheMs: 0,
    });
    assert.equal(sample(await scrape(metrics), 'live_agent_open_sessions', { state: 'queued' }), 3);
    fail = true;
    const text = await scrape(metrics);
    assert.equal(sample(text, 'live_agent_open_sessions', { state: 'queued' }), 3);
  });
});

describe('GET /metrics', () => {
  it('serves the text format and counts answers by route and status', async () => {
    const server = restify.createServer({ handleUncaughtExceptions: false });
    const metrics = new PrometheusMetrics();
    recordAnswers(server, metrics);
    serveMetrics(server, metrics);
    server.get('/things/:id', async (_req, res) => {
      res.send(404, { error: 'unknown' });
      return Promise.resolve();
    });
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', resolve);
    });
    const base = `http://127.0.0.1:${server.address().port}`;
    try {
      await (await fetch(`${base}/things/a`)).text();
      await (await fetch(`${base}/things/b`)).text();
      await (await fetch(`${base}/elsewhere`)).text();
      const res = await fetch(`${base}/metrics`);
      const text = await res.text();
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
      const requests = 'live_agent_http_requests_total';
      assert.equal(sample(text, requests, { route: '/things/:id', status: '404' }), 2);
      assert.equal(sample(text, requests, { route: 'unmatched', status: '404' }), 1);
      assert.equal(
        sample(text, 'live_agent_http_request_duration_seconds_count', { route: '/things/:id' }),
        2,
      );
    } finally {
      server.close();
    }
  });
});

describe('the app on /metrics', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness.close();
  });

  async function scrapeApp(): Promise<string> {
    return (await fetch(`${harness.url}/metrics`)).text();
  }

  // First in this app: open sessions are counted at the first scrape and then cached for 15 s.
  it('counts the messages relayed each way once they reached the other side', async () => {
    const { simulator } = harness;
    const user = new TeamsUser(harness);
    await user.requestLiveChat('My VPN keeps disconnecting');
    const start = await simulator.waitFor(() =>
      simulator.requests.find(
        (r) => r.body.action === 'AGENT' && r.body.userId === user.member.aadObjectId,
      ),
    );
    const sessionId = start.body.clientSessionId as string;
    await user.waitFor('the queue notice', (t) => /stand by/i.test(t));
    await simulator.agent('Jordan Taylor').accept(sessionId);
    await user.waitFor('the agent joined notice', (t) => t.includes('Jordan Taylor'));
    await simulator.agent('Jordan Taylor').say(sessionId, 'Hello, checking now.');
    await user.waitFor('the agent message', (t) => t.includes('checking now'));
    await user.say('Thanks');
    await simulator.waitFor(() =>
      simulator.conversation(sessionId)?.userMessages.some((m) => m.text === 'Thanks'),
    );
    const text = await waitForScrape(
      (t) => (sample(t, 'live_agent_relayed_messages_total', { direction: 'to_agent' }) ?? 0) >= 1,
    );
    assert.equal(sample(text, 'live_agent_relayed_messages_total', { direction: 'to_user' }), 1);
    assert.equal(sample(text, 'live_agent_relayed_messages_total', { direction: 'to_agent' }), 1);
    assert.equal(
      sample(text, 'live_agent_delivery_latency_seconds_count', { direction: 'to_user' }),
      1,
    );
    assert.equal(sample(text, 'live_agent_open_sessions', { state: 'connected' }), 1);

    // The log lines of this chat carry its ids, so one grep finds its whole story.
    const lines = harness.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    const interactionId = simulator.conversation(sessionId)?.interactionId;
    assert.ok(interactionId !== undefined);
    assert.ok(
      lines.some((l) => l.sessionId === sessionId && l.interactionId === interactionId),
      'a line with the session and interaction ids',
    );
    assert.ok(
      lines.some((l) => l.sessionId === sessionId && typeof l.activityId === 'string'),
      'a line with the session and Teams activity ids',
    );
  });

  /** Scrapes until `ready` holds: the relay counts after ServiceNow acknowledged, a moment later. */
  async function waitForScrape(ready: (text: string) => boolean): Promise<string> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const text = await scrapeApp();
      if (ready(text) || Date.now() > deadline) return text;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('counts ServiceNow failures by code', async () => {
    harness.simulator.injectFault('table', { status: 401, times: 1 });
    const ready = await fetch(`${harness.url}/readyz`);
    await ready.text();
    assert.equal(ready.status, 503);
    const text = await scrapeApp();
    assert.equal(
      sample(text, 'live_agent_errors_total', { source: 'servicenow', code: 'SNOW_AUTH' }),
      1,
    );
  });

  it('counts Teams failures by status', async () => {
    const user = new TeamsUser(harness);
    harness.connector.failNext({ status: 403 });
    await user.say('My VPN keeps disconnecting');
    const text = await scrapeApp();
    assert.ok(
      (sample(text, 'live_agent_errors_total', { source: 'teams', code: '403' }) ?? 0) >= 1,
    );
  });

  it('counts failed proactive sends to Teams by status, each attempt', async () => {
    const { user, sessionId } = await connectedChat(harness);
    harness.connector.failNext(
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 429, headers: { 'retry-after': '0' } },
    );
    await harness.simulator.agent('Jordan Taylor').say(sessionId, 'Sent on the third try.');
    await user.waitFor('the agent message', (t) => t.includes('third try'));
    const text = await scrapeApp();
    assert.equal(sample(text, 'live_agent_errors_total', { source: 'teams', code: '429' }), 2);
  });

  it('counts the webhook answers ServiceNow gets', async () => {
    const res = await fetch(`${harness.url}/api/servicenow/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await res.text();
    const text = await scrapeApp();
    assert.equal(
      sample(text, 'live_agent_http_requests_total', {
        route: '/api/servicenow/messages',
        status: String(res.status),
      }),
      1,
    );
  });
});
