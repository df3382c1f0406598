// Starts everything the benchmark measures, each in its own process on loopback: the store, the
// ServiceNow simulator, the fake Bot Connector, the floor and the bot; and closes it all again.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../bot/logging.js';
import { connectStore, type Store } from '../../bot/store/index.js';
import { Arrivals } from './arrivals.js';
import { benchNode } from './bench-node.js';
import { BotProcess } from './bot-process.js';
import { Child } from './children.js';
import { basicAuth, LoadClient } from './http-client.js';
import type { Target } from './phases.js';

export interface BenchOptions {
  readonly root: string;
  readonly resultsDir: string;
  readonly cpuProfile: boolean;
}

export interface Bench {
  readonly client: LoadClient;
  /** VA API arrivals (by clientMessageId) and Teams arrivals (by marker), on one clock. */
  readonly arrivals: Arrivals;
  readonly store: Store;
  readonly storeProcess: Child;
  readonly simulator: Child;
  readonly connector: Child;
  readonly bot: Target;
  /** Where the bot writes heap snapshots. */
  readonly botWorkDir: string;
  readonly floor: Target;
  readonly serviceUrl: string;
  readonly simulatorUrl: string;
  readonly snowAuthorization: string;
  readonly webhookAuthorization: string;
  /** Every process the benchmark started. */
  readonly pids: readonly number[];
  close(): Promise<void>;
}

function secret(): string {
  return randomBytes(24).toString('base64url');
}

export async function startBench(options: BenchOptions): Promise<Bench> {
  const started: { stop(): Promise<void> }[] = [];
  const client = new LoadClient();
  const close = async (): Promise<void> => {
    for (const part of started.reverse()) await part.stop();
    client.close();
  };
  try {
    return { ...(await startParts(options, client, started)), close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function startParts(
  options: BenchOptions,
  client: LoadClient,
  started: { stop(): Promise<void> }[],
): Promise<Omit<Bench, 'close'>> {
  const node = benchNode(options.root);
  const snow = { username: 'bench.integration', password: secret() };
  const webhook = { user: 'servicenow', apiKey: secret() };
  const snowAuthorization = basicAuth(snow.username, snow.password);
  const arrivals = new Arrivals();
  const add = (items: Parameters<Arrivals['add']>[0]): void => {
    arrivals.add(items);
  };
  const storeProcess = await Child.start('store', 'cosmos-process.ts', []);
  started.push(storeProcess);
  const simulator = await Child.start(
    'simulator',
    'simulator-process.ts',
    [snow.username, snow.password],
    add,
  );
  started.push(simulator);
  const connector = await Child.start('connector', 'connector-process.ts', [], add);
  started.push(connector);
  const serviceUrl = connector.info.serviceUrl ?? '';
  const simulatorUrl = simulator.info.url ?? '';
  const floor = await Child.start(
    'floor',
    'floor-process.ts',
    [simulatorUrl, snowAuthorization, serviceUrl],
    undefined,
    node.path,
  );
  started.push(floor);
  const storeUrl = storeProcess.info.url ?? '';
  const store = await connectStore(
    { mode: 'remote', endpoint: storeUrl, key: 'bench-store-key', database: 'live-agent' },
    createLogger({ level: 'warn' }),
  );
  started.push({ stop: () => store.close() });
  const bot = await startBot(
    options,
    { node: node.path, storeUrl, simulatorUrl, snow, webhook },
    client,
  );
  started.push(bot);
  return {
    client,
    arrivals,
    store,
    storeProcess,
    simulator,
    connector,
    bot: { name: 'bot', url: bot.url, pid: bot.pid, gcReading: () => bot.gcReading() },
    botWorkDir: bot.workDir,
    floor: { name: 'floor', url: floor.info.url ?? '', pid: floor.pid },
    serviceUrl,
    simulatorUrl,
    snowAuthorization,
    webhookAuthorization: basicAuth(webhook.user, webhook.apiKey),
    pids: [storeProcess.pid, simulator.pid, connector.pid, floor.pid, bot.pid],
  };
}

function startBot(
  options: BenchOptions,
  services: Pick<
    Parameters<typeof BotProcess.start>[0],
    'node' | 'storeUrl' | 'simulatorUrl' | 'snow' | 'webhook'
  >,
  client: LoadClient,
): Promise<BotProcess> {
  const workDir = join(options.resultsDir, 'bot');
  mkdirSync(workDir, { recursive: true });
  const cpuProfileDir = options.cpuProfile ? join(options.resultsDir, 'profiles') : undefined;
  if (cpuProfileDir !== undefined) mkdirSync(cpuProfileDir, { recursive: true });
  return BotProcess.start(
    {
      root: options.root,
      workDir,
      logFile: join(options.resultsDir, 'bot.log'),
      ...services,
      ...(cpuProfileDir === undefined ? {} : { cpuProfileDir }),
    },
    client,
  );
}

/**
 * Stops every process of `bench` when the benchmark itself is interrupted (Ctrl-C, SIGTERM): the
 * helpers would go with their IPC channel anyway, but the bot is a plain child process and would
 * be left running. Returns a function that removes the handlers.
 */
export function closeOnInterrupt(bench: Bench): () => void {
  const stop = (signal: NodeJS.Signals): void => {
    process.stderr.write(`${signal}: stopping the benchmark's processes\n`);
    bench.close().then(
      () => process.exit(130),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  };
}
