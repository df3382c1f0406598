// A whole journey with every secret configured (app password, ServiceNow credentials of either
// kind, both webhook keys and shared headers, the Cosmos DB key, the metrics token), including
// refusals and failures: no secret appears in any log line, any HTTP answer of the bot, or any
// document in the store.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SECRET_ENV_KEYS } from '../../bot/config/index.js';
import { secretValues } from '../../bot/security/index.js';
import { TeamsUser } from '../support/harness.js';
import { waitFor } from '../support/http.js';
import { basic, post } from './support/activities.js';
import { AGENT } from './support/live-chats.js';
import {
  CALLBACK_USER,
  OAUTH_CLIENT,
  SECRETS,
  SHARED_HEADER,
  SNOW_USER,
  startSecureHarness,
  type SecureHarness,
} from './support/secure-harness.js';

/** Each secret as it could leak: raw, as a header's value alone, inside a Basic header. */
function leakForms(): string[] {
  const forms = new Set(secretValues(SECRETS));
  const encode = (user: string, password: string) =>
    Buffer.from(`${user}:${password}`).toString('base64');
  forms.add(encode(SNOW_USER, SECRETS.SERVICENOW_PASSWORD));
  forms.add(encode(OAUTH_CLIENT, SECRETS.SERVICENOW_OAUTH_CLIENT_SECRET));
  forms.add(encode(CALLBACK_USER, SECRETS.SERVICENOW_CALLBACK_API_KEY));
  forms.add(encode(CALLBACK_USER, SECRETS.SERVICENOW_CALLBACK_API_KEY_NEXT));
  return [...forms];
}

/** The journey, with the refusals and failures where secrets tend to slip into logs. */
async function journey(harness: SecureHarness): Promise<void> {
  const { simulator } = harness;
  const user = new TeamsUser(harness);
  await user.requestLiveChat('My VPN keeps disconnecting');
  const start = await simulator.waitFor(
    () => simulator.requests.find((r) => r.body.action === 'AGENT'),
    { what: 'the start request' },
  );
  const sessionId = start.body.clientSessionId as string;
  await simulator.agent(AGENT).accept(sessionId);
  await user.waitFor('the agent', (t) => t.includes(AGENT));
  await user.say('It drops every ten minutes');
  await simulator.agent(AGENT).say(sessionId, 'Please reinstall the VPN client');
  await user.waitFor('the agent message', (t) => t.includes('reinstall'));

  const hook = `${harness.url}/api/servicenow/messages`;
  await post(hook, '{}', { authorization: basic(CALLBACK_USER, 'wrong-key-0123456789') });
  await post(hook, '{"clientSessionId":', {
    authorization: basic(CALLBACK_USER, SECRETS.SERVICENOW_CALLBACK_API_KEY_NEXT),
    [SHARED_HEADER.name]: SHARED_HEADER.value,
  });
  await post(`${harness.url}/api/messages`, '{}', { authorization: 'Bearer forged.token.here' });
  for (const token of [SECRETS.METRICS_TOKEN, 'wrong-metrics-token-0123456789']) {
    const scraped = await fetch(`${harness.url}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await scraped.text();
  }
  simulator.injectFault('table', { status: 500, times: 3 });
  await (await fetch(`${harness.url}/readyz`)).text();
  harness.connector.failNext({ status: 500 });
  await simulator.agent(AGENT).say(sessionId, 'Did that help?');
  await user.waitFor('the retried agent message', (t) => t.includes('Did that help?'));

  await simulator.agent(AGENT).end(sessionId);
  await user.waitFor('the end', (t) => t.includes('session has ended'));
  // The notice goes to Teams before the session document records the end.
  await waitFor(
    async () => (await harness.store.sessions.get(sessionId))?.value.state === 'ended',
    'the session to be recorded as ended',
  );
}

describe('secrets never leak', () => {
  it('configures every secret the bot knows of in these tests', () => {
    const missing = SECRET_ENV_KEYS.filter((k) => !(k in SECRETS));
    assert.deepEqual(missing, [], 'add the new secret keys to SECRETS in secure-harness.ts');
  });

  for (const kind of ['user', 'oauth'] as const) {
    describe(`with ServiceNow credentials of kind "${kind}"`, () => {
      let harness: SecureHarness;
      before(async () => {
        harness = await startSecureHarness(kind);
      });
      after(async () => {
        await harness.close();
      });

      it('keeps every secret out of logs, answers and the store through a whole journey', async () => {
        await journey(harness);
        const documents = await harness.documents();
        const places = {
          logs: harness.logs.join('\n'),
          answers: harness.answers.join('\n'),
          store: JSON.stringify(documents),
        };
        // The capture sees what it must: refusals' bodies, the chat's documents, the log.
        assert.match(places.answers, /"error":"unauthorized"/);
        assert.match(places.store, /"state":"ended"/);
        assert.match(places.logs, /live chat requested/);
        for (const form of leakForms()) {
          for (const [place, text] of Object.entries(places)) {
            assert.ok(!text.includes(form), `a secret (${form.slice(0, 8)}…) is in the ${place}`);
          }
        }
      });
    });
  }
});
