// Bot Framework authentication on /api/messages: with an app id configured, only a token signed
// by a published key, from the expected issuer, for this bot and this serviceUrl, gets a turn.
// Tokens are signed by a local key set served on loopback: no network.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { routeConsoleToLog } from '../../bot/console-bridge.js';
import { createLogger } from '../../bot/logging.js';
import { TeamsUser } from '../support/harness.js';
import { activity, looksLikeStackTrace, post } from './support/activities.js';
import { startAuthApp } from './support/app-only.js';
import { OUTBOUND_TOKEN } from './support/outbound-credentials.js';
import { APP_ID, startSecureHarness, type SecureHarness } from './support/secure-harness.js';
import { TokenIssuer } from './support/token-issuer.js';

describe('Bot Framework tokens on /api/messages', () => {
  let harness: SecureHarness;
  let messages: string;
  before(async () => {
    harness = await startSecureHarness();
    messages = `${harness.url}/api/messages`;
  });
  after(async () => {
    await harness.close();
  });

  const send = (authorization?: string) =>
    post(
      messages,
      JSON.stringify(activity(harness.connector.serviceUrl)),
      authorization === undefined ? {} : { authorization },
    );

  async function assertRefused(authorization: string | undefined, what: string): Promise<void> {
    const sentBefore = harness.connector.sent.length;
    const documentsBefore = (await harness.documents()).length;
    const res = await send(authorization);
    assert.equal(res.status, 401, what);
    assert.deepEqual(JSON.parse(res.text), { error: 'unauthorized' }, what);
    assert.equal(harness.connector.sent.length, sentBefore, `${what}: nobody was answered`);
    assert.equal((await harness.documents()).length, documentsBefore, `${what}: nothing stored`);
  }

  it('refuses a request without a token', async () => {
    await assertRefused(undefined, 'no Authorization header');
    await assertRefused('', 'an empty Authorization header');
    await assertRefused('Bearer', 'a scheme without a token');
    await assertRefused('Bearer not.a.token', 'a token that is not a JWT');
  });

  it('refuses an unsigned token', async () => {
    const claims = { aud: APP_ID, serviceurl: harness.connector.serviceUrl };
    await assertRefused(`Bearer ${harness.issuer.unsigned(claims)}`, 'alg none');
  });

  it('refuses a token signed with a key that is not published (with a 401, not a 500)', async () => {
    const claims = { aud: APP_ID, serviceurl: harness.connector.serviceUrl };
    await assertRefused(`Bearer ${harness.issuer.forged(claims)}`, 'forged signature');
  });

  it('refuses a token for another bot', async () => {
    await assertRefused(harness.bearer({ aud: randomUUID() }), 'wrong audience');
  });

  it('refuses an expired token', async () => {
    // Beyond the verifier's five minutes of tolerated clock skew.
    await assertRefused(harness.bearer({ expiresIn: -600 }), 'expired');
  });

  it('refuses a token from another issuer', async () => {
    await assertRefused(harness.bearer({ iss: 'https://issuer.example' }), 'wrong issuer');
    await assertRefused(
      harness.bearer({ iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/' }),
      'an Entra issuer',
    );
  });

  it('refuses a token issued for another serviceUrl', async () => {
    await assertRefused(harness.bearer({ serviceurl: 'https://smba.example/' }), 'serviceurl');
  });

  it('writes refused tokens to the log only, never to the console', async () => {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger({
      level: 'info',
      destination: { write: (line: string) => lines.push(JSON.parse(line) as never) },
    });
    const raw: unknown[][] = [];
    const original = { error: console.error, warn: console.warn };
    console.error = (...args: unknown[]) => raw.push(args);
    console.warn = (...args: unknown[]) => raw.push(args);
    try {
      // Without the bridge main installs, only the verifier itself writes to the console:
      // CloudAdapter's catch, which printed every refusal, is never reached.
      await assertRefused(undefined, 'no Authorization header');
      await assertRefused(harness.bearer({ aud: randomUUID() }), 'wrong audience');
      assert.deepEqual(raw, []);
      const restore = routeConsoleToLog(log);
      try {
        await assertRefused(harness.bearer({ expiresIn: -600 }), 'expired');
        const claims = { aud: APP_ID, serviceurl: harness.connector.serviceUrl };
        await assertRefused(`Bearer ${harness.issuer.forged(claims)}`, 'forged signature');
      } finally {
        restore();
      }
      assert.deepEqual(raw, [], 'nothing reached the console');
      const texts = lines.filter((l) => l.component === 'console').map((l) => String(l.text));
      assert.ok(
        texts.some((t) => /jwt expired/.test(t)),
        'the expired token is in the log',
      );
      assert.ok(
        texts.some((t) => /Error finding key/.test(t)),
        'the unknown key is in the log',
      );
    } finally {
      console.error = original.error;
      console.warn = original.warn;
    }
  });

  it('runs the turn for a valid token and answers with the bot credentials', async () => {
    const user = new TeamsUser(harness);
    const res = await user.say('My VPN keeps disconnecting');
    assert.equal(res.status, 200);
    const reply = await user.waitFor('the Get Help card', (t) => t.includes('getHelp'));
    assert.equal(reply.authorization, `Bearer ${OUTBOUND_TOKEN}`);
  });

  it('never puts an exception text in a refusal', async () => {
    const claims = { aud: APP_ID, serviceurl: harness.connector.serviceUrl };
    const res = await send(`Bearer ${harness.issuer.forged(claims)}`);
    assert.ok(!looksLikeStackTrace(res.text), res.text);
    assert.ok(!/signature|jwt|token/i.test(res.text), res.text);
  });
});

describe('Bot Framework app types', () => {
  let issuer: TokenIssuer;
  before(async () => {
    issuer = await TokenIssuer.start();
  });
  after(async () => {
    await issuer.close();
  });

  const tenant = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
  const cases = {
    SingleTenant: {
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'single-tenant-password',
      MicrosoftAppTenantId: tenant,
    },
    UserAssignedMsi: {
      MicrosoftAppType: 'UserAssignedMsi',
      MicrosoftAppId: APP_ID,
      MicrosoftAppTenantId: tenant,
    },
  };

  for (const [type, env] of Object.entries(cases)) {
    it(`verifies tokens for a ${type} bot`, async () => {
      const bot = await startAuthApp(issuer, env);
      try {
        const serviceUrl = 'http://127.0.0.1:9/teams/';
        // A reaction needs no answer, so no outbound token is ever requested from Entra ID.
        const body = JSON.stringify(activity(serviceUrl, { type: 'messageReaction' }));
        const token = (aud: string) => `Bearer ${issuer.token({ aud, serviceurl: serviceUrl })}`;
        const ok = await post(`${bot.url}/api/messages`, body, { authorization: token(APP_ID) });
        assert.equal(ok.status, 200, ok.text);
        const wrong = await post(`${bot.url}/api/messages`, body, {
          authorization: token(randomUUID()),
        });
        assert.equal(wrong.status, 401);
        const none = await post(`${bot.url}/api/messages`, body);
        assert.equal(none.status, 401);
      } finally {
        await bot.close();
      }
    });
  }
});
