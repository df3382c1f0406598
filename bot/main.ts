// Entry point: reads configuration once, starts the store (embedded when no Cosmos DB endpoint is
// configured) and, in sandbox mode, the ServiceNow simulator; listens; shuts down gracefully.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createSnowClient, type SnowClientOptions } from '@live-agent/snow';
import { startSimulator, type SnowSimulator } from '@live-agent/snow/simulator';
import { parse as parseDotenv } from 'dotenv';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config/index.js';
import { createLogger } from './logging.js';
import { connectStore } from './store/index.js';

const sandboxAgent = { name: 'Jordan Taylor', acceptAfterMs: 2000, replyAfterMs: 1200 };
const shutdownGraceMs = 10_000;

async function main(): Promise<void> {
  const config = readConfig();
  const log = createLogger({ level: config.logLevel });
  const store = await connectStore(config.cosmos, log);
  const serviceNow = await connectServiceNow(config, log);
  const app = createApp(serviceNow.config, {
    log,
    store,
    snow: createSnowClient(serviceNow.client),
    instanceUrl: serviceNow.client.instanceUrl,
    sandbox: serviceNow.simulator !== undefined,
  });
  await new Promise<void>((resolve) => {
    app.server.listen(config.port, resolve);
  });
  // PORT=0 asks for any free port: use the one actually bound.
  const { port } = app.server.address();
  serviceNow.simulator?.setCallback({
    url: `http://127.0.0.1:${port}/api/servicenow/messages`,
    username: serviceNow.config.webhook.user,
    password: serviceNow.config.webhook.apiKey ?? '',
  });
  log.info({ port }, `listening on http://localhost:${port}/api/messages`);
  onSignals(log, async () => {
    app.server.close();
    await Promise.race([app.drain(), delay(shutdownGraceMs)]);
    await serviceNow.simulator?.close();
    await store.close();
  });
}

/** process.env wins over a .env file in the working directory, which is optional. */
function readConfig(): Config {
  const fromFile = existsSync('.env') ? parseDotenv(readFileSync('.env')) : {};
  try {
    return loadConfig({ ...fromFile, ...process.env });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(
      `Invalid configuration:\n${err.problems.map((p) => `  - ${p}`).join('\n')}\n`,
    );
    process.exit(1);
  }
}

interface ServiceNowTarget {
  readonly config: Config;
  readonly client: SnowClientOptions;
  readonly simulator?: SnowSimulator;
}

/** The configured instance, or in sandbox mode a simulator on loopback with a scripted agent. */
async function connectServiceNow(config: Config, log: Logger): Promise<ServiceNowTarget> {
  const sn = config.serviceNow;
  if (sn.mode === 'instance') {
    return {
      config,
      client: {
        instanceUrl: sn.instanceUrl,
        username: sn.username,
        password: sn.password,
        vaToken: sn.vaToken,
        appInboundId: sn.appInboundId,
      },
    };
  }
  // Credentials for this run only: the simulator and the bot are the only ones who know them.
  const credentials = { username: 'sandbox', password: randomBytes(24).toString('base64url') };
  const webhook = { user: 'servicenow', apiKey: randomBytes(24).toString('base64url') };
  const simLog = log.child({ component: 'simulator' });
  const simulator = await startSimulator({
    credentials,
    scriptedAgent: sandboxAgent,
    log: (event, fields) => {
      simLog.debug(fields ?? {}, event);
    },
  });
  log.warn(
    { simulator: simulator.url, agent: sandboxAgent.name },
    'SANDBOX MODE: no SERVICENOW_INSTANCE_URL is configured, so a simulated ServiceNow with a scripted agent answers',
  );
  return {
    config: { ...config, webhook },
    client: { instanceUrl: simulator.url, ...credentials },
    simulator,
  };
}

function onSignals(log: Logger, shutdown: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    shutdown().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

main().catch((err: unknown) => {
  process.stderr.write(`Failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
