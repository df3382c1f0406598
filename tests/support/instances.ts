// Several bot instances (the real createApp) in the test process, sharing one Cosmos-compatible
// server in its own process, one ServiceNow simulator and one fake Bot Connector, with ServiceNow's
// callbacks and the Teams traffic spread over the instances in turn, as a load balancer would.
import { Writable } from 'node:stream';
import { createSnowClient } from '@live-agent/snow';
import {
  startSimulator,
  type SimulatorOptions,
  type SnowSimulator,
} from '@live-agent/snow/simulator';
import { createApp, type App } from '../../bot/app.js';
import { loadConfig } from '../../bot/config/index.js';
import { createLogger } from '../../bot/logging.js';
import { connectStore, type Store } from '../../bot/store/index.js';
import { FakeConnector } from './fake-connector.js';
import { FaultProxy } from './fault-proxy.js';
import { snowCredentials, webhookCredentials, type AppOptions, type Harness } from './harness.js';
import { startCosmosServer, type Child } from './processes.js';

export interface Instance {
  readonly app: App;
  readonly url: string;
  readonly store: Store;
  readonly logs: string[];
}

export interface Cluster {
  readonly instances: readonly Instance[];
  readonly simulator: SnowSimulator;
  readonly connector: FakeConnector;
  /** Spreads ServiceNow's callbacks over the instances. */
  readonly callbacks: FaultProxy;
  /** What TeamsUser needs: each request goes to the next instance. */
  readonly harness: Harness;
  close(): Promise<void>;
}

export async function startCluster(
  count: number,
  env: Record<string, string> = {},
  simulatorOptions: Partial<SimulatorOptions> = {},
  appOptions: AppOptions = {},
): Promise<Cluster> {
  const cosmos = await startCosmosServer();
  const simulator = await startSimulator({
    credentials: snowCredentials,
    scriptedAgent: false,
    ...simulatorOptions,
  });
  const connector = await FakeConnector.start();
  const config = loadConfig({
    SERVICENOW_INSTANCE_URL: simulator.url,
    SERVICENOW_USERNAME: snowCredentials.username,
    SERVICENOW_PASSWORD: snowCredentials.password,
    SERVICENOW_CALLBACK_USER: webhookCredentials.user,
    SERVICENOW_CALLBACK_API_KEY: webhookCredentials.apiKey,
    COSMOS_ENDPOINT: cosmos.endpoint,
    COSMOS_KEY: 'shared-test-store',
    LOG_LEVEL: 'debug',
    ...env,
  });
  const instances: Instance[] = [];
  for (let i = 0; i < count; i++) {
    instances.push(
      await startInstance(config, simulator.url, { instanceId: `instance-${i}`, ...appOptions }),
    );
  }
  const callbacks = await FaultProxy.start(
    ...instances.map((i) => `${i.url}/api/servicenow/messages`),
  );
  simulator.setCallback({
    url: `${callbacks.url}/api/servicenow/messages`,
    username: webhookCredentials.user,
    password: webhookCredentials.apiKey,
  });
  let turn = 0;
  const harness = {
    get url() {
      return instances[turn++ % instances.length]?.url ?? '';
    },
    connector,
    simulator,
    store: instances[0]?.store,
  } as unknown as Harness;
  return {
    instances,
    simulator,
    connector,
    callbacks,
    harness,
    async close() {
      await stopAll(instances, cosmos.child);
      await callbacks.close();
      await simulator.close();
      await connector.close();
    },
  };
}

async function startInstance(
  config: ReturnType<typeof loadConfig>,
  simulatorUrl: string,
  options: AppOptions,
): Promise<Instance> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const log = createLogger({ level: 'debug', destination: sink });
  const store = await connectStore(config.cosmos, log);
  const app = createApp(config, {
    log,
    store,
    snow: createSnowClient({ instanceUrl: simulatorUrl, ...snowCredentials }),
    instanceUrl: simulatorUrl,
    sandbox: false,
    ...options,
  });
  await new Promise<void>((resolve) => {
    app.server.listen(0, '127.0.0.1', resolve);
  });
  return { app, url: `http://127.0.0.1:${app.server.address().port}`, store, logs };
}

async function stopAll(instances: readonly Instance[], cosmos: Child): Promise<void> {
  for (const { app } of instances) app.server.close();
  await Promise.all(instances.map((i) => i.app.drain()));
  await Promise.all(instances.map((i) => i.store.close()));
  await cosmos.kill('SIGTERM');
}
