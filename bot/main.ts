// Entry point: reads configuration once, starts the store (embedded when no Cosmos DB endpoint is
// configured) and, in sandbox mode, the ServiceNow simulator; listens; shuts down gracefully.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createSnowClient, type SnowClientOptions } from '@live-agent/snow';
import type { SnowSimulator } from '@live-agent/snow/simulator';
import { parse as parseDotenv } from 'dotenv';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config, type Environment } from './config/index.js';
import { withSandboxKnowledge } from './config/knowledge-config.js';
import { routeConsoleToLog } from './console-bridge.js';
import { createLogger } from './logging.js';
import { nodeSupport, NodeSupportStatus } from './node-support.js';
import type { SandboxControls } from './sandbox-switch.js';
import {
  describeFatal,
  exitOnCrash,
  redactingDestination,
  secretValues,
} from './security/index.js';
import { connectStore } from './store/index.js';

const sandboxAgent = { name: 'Jordan Taylor', acceptAfterMs: 2000, replyAfterMs: 1200 };
/** The survey a typed "servicenow survey" turns on: a rating after the close, then a comment. */
const sandboxSurvey = { delivery: 'afterEnd', comment: true } as const;
const shutdownGraceMs = 10_000;

async function main(env: Environment): Promise<void> {
  const config = readConfig(env);
  // Scrubs secret values from every line, wherever they might have slipped in.
  const destination = redactingDestination(process.stdout, secretValues(env));
  const log = createLogger({ level: config.logLevel, destination });
  exitOnCrash(log, (code) => process.exit(code));
  routeConsoleToLog(log);
  const runtime = nodeSupport(process.version, Date.now());
  if (runtime.status !== NodeSupportStatus.supported) {
    log.warn({ node: process.version, fix: runtime.fix }, runtime.detail);
  }
  const store = await connectStore(config.cosmos, log, {
    endedSessionTtlSeconds: config.liveChat.endedSessionTtlSeconds,
  });
  const serviceNow = await connectServiceNow(config, log);
  const app = createApp(serviceNow.config, {
    log,
    store,
    snow: createSnowClient({
      ...serviceNow.client,
      providerApplicationId: config.files.providerApplicationId,
    }),
    instanceUrl: serviceNow.client.instanceUrl,
    sandbox: serviceNow.simulator !== undefined,
    processMetrics: true,
    ...(serviceNow.simulator && { sandboxControls: sandboxControls(serviceNow.simulator) }),
  });
  await app.knowledge?.probe();
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
  const metricsServer = app.metricsServer;
  if (metricsServer !== undefined) {
    await new Promise<void>((resolve) => {
      metricsServer.listen(config.metrics.port, resolve);
    });
    log.info({ port: config.metrics.port }, 'metrics on their own port, at /metrics');
  }
  onSignals(log, async () => {
    app.server.close();
    metricsServer?.close();
    await Promise.race([app.drain(), delay(shutdownGraceMs)]);
    await serviceNow.simulator?.close();
    await store.close();
  });
}

/** process.env wins over a .env file in the working directory, which is optional. */
function readEnvironment(): Environment {
  const fromFile = existsSync('.env') ? parseDotenv(readFileSync('.env')) : {};
  return { ...fromFile, ...process.env };
}

function readConfig(env: Environment): Config {
  try {
    return loadConfig(env);
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
        ...(sn.oauth === undefined
          ? { username: sn.username, password: sn.password }
          : { oauth: sn.oauth }),
        vaToken: sn.vaToken,
        vaSigningSecret: sn.vaSigningSecret,
        appInboundId: sn.appInboundId,
      },
    };
  }
  // Loaded only in sandbox mode, so that a deployment carries none of the simulator's memory.
  const { SELF_SERVICE_KB, startSimulator } = await import('@live-agent/snow/simulator');
  // Credentials for this run only: the simulator and the bot are the only ones who know them.
  const credentials = { username: 'sandbox', password: randomBytes(24).toString('base64url') };
  // Message auth as a real set-up has it: without it ServiceNow treats every user as a guest.
  const vaToken = randomBytes(24).toString('base64url');
  const webhook = { user: 'servicenow', apiKey: randomBytes(24).toString('base64url') };
  const simLog = log.child({ component: 'simulator' });
  const simulator = await startSimulator({
    credentials,
    vaToken,
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
    config: {
      ...config,
      webhook,
      handoff: {
        ...config.handoff,
        knowledge: withSandboxKnowledge(config.handoff.knowledge, SELF_SERVICE_KB),
      },
    },
    client: { instanceUrl: simulator.url, ...credentials, vaToken },
    simulator,
  };
}

/** What typed phrases switch in sandbox mode: the scripted agent's presence, the instance's survey. */
function sandboxControls(simulator: SnowSimulator): SandboxControls {
  return {
    setAgentsAvailable: (available) => {
      simulator.setAgentAvailable(sandboxAgent.name, available);
    },
    setServiceNowSurvey: (on) => {
      simulator.setPostChatSurvey(on ? sandboxSurvey : undefined);
    },
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

const environment = readEnvironment();
main(environment).catch((err: unknown) => {
  process.stderr.write(`Failed to start: ${describeFatal(err, secretValues(environment))}\n`);
  process.exit(1);
});
