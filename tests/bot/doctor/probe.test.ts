// The doctor beside a running bot: a probe chat proves the VA token end to end, and the bot's
// webhook shows whose callback credentials disagree.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { PROBE_USER_ID } from '../../../bot/doctor/checks/va-token.js';
import { startHarness, webhookCredentials, type Harness } from '../../support/harness.js';
import { diagnose, doctorEnv } from './support.js';

const vaToken = 'va-token-0123456789';

describe('doctor beside a running bot', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({}, { vaToken });
  });
  afterEach(() => {
    harness.simulator.setCallback({
      url: `${harness.url}/api/servicenow/messages`,
      username: webhookCredentials.user,
      password: webhookCredentials.apiKey,
    });
  });
  after(async () => {
    await harness.close();
  });

  it('proves the token with a probe chat whose callback reaches the bot, then closes it', async () => {
    const d = await diagnose({
      env: doctorEnv(harness.simulator.url, { SERVICENOW_VA_TOKEN: vaToken }),
      botUrl: harness.url,
    });
    const token = d.get('va-token');
    assert.equal(token.status, 'pass', token.detail);
    assert.match(token.detail, /ServiceNow accepted a probe chat; its callback reached the bot/);
    assert.equal(d.get('callback-credentials').status, 'pass');
    assert.match(
      d.get('callback-credentials').detail,
      /the running bot accepts the configured webhook credentials; ServiceNow's probe callback passed/,
    );
    const probe = harness.simulator.requests.filter((r) => r.body.userId === PROBE_USER_ID);
    assert.deepEqual(
      probe.map((r) => [r.body.action, r.outcome]),
      [
        ['START_CONVERSATION', 'accepted'],
        ['END_CONVERSATION', 'accepted'],
      ],
    );
  });

  it('fails when ServiceNow drops the probe because the token is wrong', async () => {
    const d = await diagnose({
      env: doctorEnv(harness.simulator.url, { SERVICENOW_VA_TOKEN: 'not-the-token-000' }),
      botUrl: harness.url,
      probeTimeoutMs: 1000,
    });
    const token = d.get('va-token');
    assert.equal(token.status, 'fail');
    assert.match(token.detail, /no callback reached the bot within 1 s of a probe chat/);
    assert.match(token.fix ?? '', /SERVICENOW_VA_TOKEN equals the token_verification/);
    assert.doesNotMatch(JSON.stringify(token), /not-the-token/);
    assert.equal(d.ok, false);
  });

  it('cannot verify the token away from the bot, and says why', async () => {
    const sentBefore = harness.simulator.requests.length;
    const d = await diagnose({
      env: doctorEnv(harness.simulator.url, { SERVICENOW_VA_TOKEN: vaToken }),
      botUrl: false,
    });
    const token = d.get('va-token');
    assert.equal(token.status, 'skip');
    assert.match(token.detail, /not verifiable here: ServiceNow answers 200 even to a wrong token/);
    assert.match(token.fix ?? '', /beside the running bot/);
    assert.equal(harness.simulator.requests.length, sentBefore, 'no probe chat was sent');
  });

  it("fails when ServiceNow's callbacks carry other credentials than the bot checks", async () => {
    harness.simulator.setCallback({
      url: `${harness.url}/api/servicenow/messages`,
      username: webhookCredentials.user,
      password: 'an-outdated-key-0123456789',
    });
    const d = await diagnose({
      env: doctorEnv(harness.simulator.url, { SERVICENOW_VA_TOKEN: vaToken }),
      botUrl: harness.url,
    });
    assert.equal(d.get('va-token').status, 'pass');
    const callback = d.get('callback-credentials');
    assert.equal(callback.status, 'fail');
    assert.match(callback.detail, /refused ServiceNow's probe callback \(401\)/);
    assert.match(callback.fix ?? '', /outbound REST message/);
  });

  it('fails when the running bot was started with other callback credentials than this configuration', async () => {
    const d = await diagnose({
      env: doctorEnv(harness.simulator.url, {
        SERVICENOW_VA_TOKEN: vaToken,
        SERVICENOW_CALLBACK_API_KEY: 'a-different-key-0123456789',
      }),
      botUrl: harness.url,
      probe: false,
    });
    const callback = d.get('callback-credentials');
    assert.equal(callback.status, 'fail');
    assert.match(callback.detail, /refuses the callback credentials of this configuration \(401\)/);
  });

  it('warns when the webhook key is the service account password', async () => {
    const d = await diagnose({
      env: doctorEnv(harness.simulator.url, {
        SERVICENOW_CALLBACK_API_KEY: 'shared-secret-0123456789',
        SERVICENOW_PASSWORD: 'shared-secret-0123456789',
      }),
      botUrl: false,
    });
    assert.equal(d.get('callback-credentials').status, 'warn');
    assert.match(d.get('callback-credentials').fix ?? '', /separate random secret/);
  });

  it('warns that chats stay anonymous when no token is configured and ServiceNow needs none', async () => {
    const open = await startHarness();
    try {
      const d = await diagnose({ env: doctorEnv(open.simulator.url), botUrl: open.url });
      assert.equal(d.get('va-token').status, 'warn');
      assert.match(d.get('va-token').detail, /without a token .* every chat user is a guest/);
    } finally {
      await open.close();
    }
  });
});

describe('doctor beside a bot whose /metrics needs a token or has a port of its own', () => {
  const metricsToken = 'metrics-token-0123456789abcdef';
  let harness: Harness;
  let metricsUrl: string;
  before(async () => {
    harness = await startHarness(
      { METRICS_TOKEN: metricsToken, METRICS_PORT: '9464' },
      { vaToken },
    );
    const server = harness.app.metricsServer;
    assert.ok(server);
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', resolve);
    });
    metricsUrl = `http://127.0.0.1:${server.address().port}`;
  });
  after(async () => {
    harness.app.metricsServer?.close();
    await harness.close();
  });

  it('reads them with the configured token at --metrics-url', async () => {
    const d = await diagnose({
      env: doctorEnv(harness.simulator.url, {
        SERVICENOW_VA_TOKEN: vaToken,
        METRICS_TOKEN: metricsToken,
      }),
      botUrl: harness.url,
      metricsUrl,
    });
    assert.equal(d.get('va-token').status, 'pass', d.get('va-token').detail);
  });

  it('says where to look when it cannot read them', async () => {
    const d = await diagnose({
      env: doctorEnv(harness.simulator.url, { SERVICENOW_VA_TOKEN: vaToken }),
      botUrl: harness.url,
      metricsUrl,
    });
    assert.match(
      d.get('va-token').detail,
      /does not expose \/metrics.*--metrics-url and METRICS_TOKEN/,
    );
  });
});
