// The bot as its own process, killed with SIGKILL after it acknowledged ServiceNow's callbacks and
// before Teams took them (the connector holds the sends), then started again on the same store
// (a Cosmos-compatible server in its own process): every message arrives once, in order.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type SnowSimulator } from '@live-agent/snow/simulator';
import { loadConfig } from '../../bot/config/index.js';
import { createLogger } from '../../bot/logging.js';
import { connectStore, type Store } from '../../bot/store/index.js';
import { FakeConnector } from '../support/fake-connector.js';
import { snowCredentials, webhookCredentials, type Harness } from '../support/harness.js';
import { waitFor } from '../support/http.js';
import { connectedChat, received } from '../support/live-chat.js';
import { startBot, startCosmosServer, type Child } from '../support/processes.js';

const agent = 'Jordan Taylor';

describe('crash between acknowledging and delivering', () => {
  let cosmos: { child: Child; endpoint: string };
  let simulator: SnowSimulator;
  let connector: FakeConnector;
  let store: Store;
  const bots: Child[] = [];
  let env: Record<string, string>;

  async function bot(): Promise<string> {
    const started = await startBot(env);
    bots.push(started.child);
    simulator.setCallback({
      url: `${started.url}/api/servicenow/messages`,
      username: webhookCredentials.user,
      password: webhookCredentials.apiKey,
    });
    return started.url;
  }

  before(async () => {
    cosmos = await startCosmosServer();
    simulator = await startSimulator({ credentials: snowCredentials, scriptedAgent: false });
    connector = await FakeConnector.start();
    env = {
      SERVICENOW_INSTANCE_URL: simulator.url,
      SERVICENOW_USERNAME: snowCredentials.username,
      SERVICENOW_PASSWORD: snowCredentials.password,
      SERVICENOW_CALLBACK_USER: webhookCredentials.user,
      SERVICENOW_CALLBACK_API_KEY: webhookCredentials.apiKey,
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: 'shared-test-store',
      DELIVERY_SWEEP_SECONDS: '0.5',
      DELIVERY_LEASE_SECONDS: '2',
    };
    store = await connectStore(loadConfig(env).cosmos, createLogger({ level: 'silent' }));
  });
  after(async () => {
    for (const child of bots) await child.kill();
    await store.close();
    await connector.close();
    await simulator.close();
    await cosmos.child.kill('SIGTERM');
  });

  it('delivers every acknowledged message once, in order, after a restart', async () => {
    const harness = { url: await bot(), connector, simulator, store } as unknown as Harness;
    const { user, sessionId } = await connectedChat(harness, agent);
    connector.hold();
    const count = 5;
    for (let i = 1; i <= count; i++) await simulator.agent(agent).say(sessionId, `crash-${i}`);
    const acknowledged = simulator.callbacks.filter(
      (c) => c.clientSessionId === sessionId && JSON.stringify(c.body).includes('crash-'),
    );
    assert.deepEqual(
      acknowledged.map((c) => c.status),
      Array.from({ length: count }, () => 200),
    );
    await waitFor(
      () =>
        connector.attempts.some(
          (a) => a.conversationId === user.conversationId && a.status === 'held',
        ),
      'a delivery to be on its way to Teams',
    );
    await bots[0]?.kill('SIGKILL');
    connector.dropHeld();
    assert.deepEqual(
      received(harness, user, 'crash-'),
      [],
      'nothing was delivered before the crash',
    );

    await bot();
    await user.waitFor('the last message', (t) => t.includes(`crash-${count}`), 0);
    await waitFor(
      async () => (await store.sessions.get(sessionId))?.value.inbox?.lease === undefined,
      'the delivery to finish',
    );
    const shown = received(harness, user, 'crash-').map((t) => t.replace(/^.*(crash-\d+)$/, '$1'));
    assert.deepEqual(
      shown,
      Array.from({ length: count }, (_, i) => `crash-${i + 1}`),
    );
  });
});
