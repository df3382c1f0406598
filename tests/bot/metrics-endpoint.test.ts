// GET /metrics kept off the public ingress: behind a bearer token, or on a port of its own while
// the bot's port answers 404 for it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, type Harness } from '../support/harness.js';

const token = 'metrics-token-0123456789abcdef';

describe('/metrics behind a bearer token', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ METRICS_TOKEN: token });
  });
  after(async () => {
    await harness.close();
  });

  const scrape = (authorization?: string) =>
    fetch(`${harness.url}/metrics`, {
      headers: authorization === undefined ? {} : { authorization },
    });

  it('serves the figures to a scraper with the token', async () => {
    const res = await scrape(`Bearer ${token}`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /live_agent_open_sessions/);
  });

  it('refuses a scraper without it, or with another, saying nothing else', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789abc', token, 'Basic x']) {
      const res = await scrape(authorization);
      assert.equal(res.status, 401, String(authorization));
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
      assert.deepEqual(await res.json(), { error: 'unauthorized' });
    }
  });

  it('leaves the other routes as they were', async () => {
    assert.equal((await fetch(`${harness.url}/healthz`)).status, 200);
  });
});

describe('/metrics on a port of its own', () => {
  let harness: Harness;
  let metricsUrl: string;
  before(async () => {
    harness = await startHarness({ METRICS_PORT: '9464' });
    const server = harness.app.metricsServer;
    assert.ok(server, 'a metrics listener exists');
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', resolve);
    });
    metricsUrl = `http://127.0.0.1:${server.address().port}`;
  });
  after(async () => {
    harness.app.metricsServer?.close();
    await harness.close();
  });

  it('serves /metrics there, counting the bot port’s answers', async () => {
    await (await fetch(`${harness.url}/healthz`)).text();
    const res = await fetch(`${metricsUrl}/metrics`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /live_agent_http_requests_total\{route="\/healthz"/);
  });

  it('answers 404 for /metrics on the bot’s own port', async () => {
    assert.equal((await fetch(`${harness.url}/metrics`)).status, 404);
  });
});
