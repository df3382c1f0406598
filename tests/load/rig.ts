// The load test's set-up: the bot as its own process (bot/main.ts, as in production), the store
// as another (a Cosmos-compatible server), and in the test process what stands for the outside
// world: the ServiceNow simulator behind a fault proxy, and the fake Bot Connector.
import {
  startSimulator,
  type SimulatorOptions,
  type SnowSimulator,
} from '@live-agent/snow/simulator';
import { FakeConnector } from '../support/fake-connector.js';
import { FaultProxy } from '../support/fault-proxy.js';
import { snowCredentials, webhookCredentials, type Harness } from '../support/harness.js';
import { startBot, startCosmosServer } from '../support/processes.js';

export interface LoadRig {
  /** The bot's base URL. */
  readonly url: string;
  readonly simulator: SnowSimulator;
  readonly connector: FakeConnector;
  /** Between the bot and ServiceNow: makes ServiceNow fail on demand. */
  readonly proxy: FaultProxy;
  /** What TeamsUser needs to talk to the bot. */
  readonly harness: Harness;
  /** The bot's log lines. */
  readonly botLines: readonly string[];
  close(): Promise<void>;
}

export async function startRig(
  simulatorOptions: Partial<SimulatorOptions>,
  env: Record<string, string>,
): Promise<LoadRig> {
  const cosmos = await startCosmosServer();
  const simulator = await startSimulator({
    credentials: snowCredentials,
    scriptedAgent: false,
    ...simulatorOptions,
  });
  const proxy = await FaultProxy.start(simulator.url);
  const connector = await FakeConnector.start();
  const bot = await startBot({
    SERVICENOW_INSTANCE_URL: proxy.url,
    SERVICENOW_USERNAME: snowCredentials.username,
    SERVICENOW_PASSWORD: snowCredentials.password,
    SERVICENOW_CALLBACK_USER: webhookCredentials.user,
    SERVICENOW_CALLBACK_API_KEY: webhookCredentials.apiKey,
    COSMOS_ENDPOINT: cosmos.endpoint,
    COSMOS_KEY: 'load-test',
    ...env,
  });
  simulator.setCallback({
    url: `${bot.url}/api/servicenow/messages`,
    username: webhookCredentials.user,
    password: webhookCredentials.apiKey,
  });
  const harness = { url: bot.url, connector, simulator } as unknown as Harness;
  return {
    url: bot.url,
    simulator,
    connector,
    proxy,
    harness,
    botLines: bot.child.lines,
    async close() {
      await bot.child.kill('SIGTERM');
      await proxy.close();
      await simulator.close();
      await connector.close();
      await cosmos.child.kill('SIGTERM');
    },
  };
}
