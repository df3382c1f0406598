// The bot as its own process, started the way `npm start` starts it (the built entry point, the
// image's Node flags), configured for a ServiceNow instance (the simulator) and a Cosmos DB
// endpoint (the store process) on loopback. Two additions measure it and do nothing until asked: a
// heap snapshot on a signal, and gc-probe.mjs, which reports its collections over an IPC channel.
// Its output goes to a log file; LOG_LEVEL=warn keeps it quiet.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { execForm, readDockerfile, stage } from '../infra/dockerfile.js';
import { IpcCalls, stopProcess } from './children.js';
import { pollUntil } from './clock.js';
import type { GcReading } from './gc.js';
import { HEAP_SNAPSHOT_SIGNAL } from './heap.js';
import type { LoadClient } from './http-client.js';

export interface BotProcessOptions {
  readonly root: string;
  /** The node binary it runs on (bench-node.ts). */
  readonly node: string;
  /** Working directory without a `.env`, so that no developer's settings leak into the run. */
  readonly workDir: string;
  readonly logFile: string;
  readonly storeUrl: string;
  readonly simulatorUrl: string;
  readonly snow: { readonly username: string; readonly password: string };
  readonly webhook: { readonly user: string; readonly apiKey: string };
  /** When set, the bot writes a V8 CPU profile there on exit (`--cpu-prof`). */
  readonly cpuProfileDir?: string;
}

export class BenchBotError extends Error {
  readonly code = 'BENCH_BOT_FAILED';
}

const READY_TIMEOUT_MS = 30_000;
const GC_READING_TIMEOUT_MS = 10_000;
const GC_PROBE = new URL('gc-probe.mjs', import.meta.url).href;
/** The one call gc-probe.mjs answers. */
const GC_READING_OP = 'gc-reading';

export class BotProcess {
  /** The GC probe's side of the IPC channel. */
  private readonly probe: IpcCalls;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    /** Its working directory, where it writes heap snapshots. */
    readonly workDir: string,
  ) {
    this.probe = new IpcCalls("the bot's GC probe", child, GC_READING_TIMEOUT_MS);
  }

  static async start(options: BotProcessOptions, client: LoadClient): Promise<BotProcess> {
    const port = await freePort();
    const log = openSync(options.logFile, 'w');
    const profile =
      options.cpuProfileDir === undefined
        ? []
        : ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`];
    const child = spawn(
      options.node,
      [
        ...imageNodeFlags(options.root),
        ...(process.env.BENCH_BOT_FLAGS ?? '').split(' ').filter(Boolean),
        // Idle until signalled; the memory readings use it to get a full collection.
        `--heapsnapshot-signal=${HEAP_SNAPSHOT_SIGNAL}`,
        '--import',
        GC_PROBE,
        ...profile,
        join(options.root, 'dist/bot/main.js'),
      ],
      {
        cwd: options.workDir,
        env: environment(options, port),
        stdio: ['ignore', log, log, 'ipc'],
      },
    );
    closeSync(log);
    const url = `http://127.0.0.1:${port}`;
    const exited = (): boolean => child.exitCode !== null || child.signalCode !== null;
    const answered = await pollUntil(
      async () => exited() || (await client.get(`${url}/healthz`)).status === 200,
      READY_TIMEOUT_MS,
      50,
    );
    if (!answered || exited()) {
      child.kill('SIGKILL');
      throw new BenchBotError(`The bot did not start; see ${options.logFile}`);
    }
    return new BotProcess(child, url, options.workDir);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** The collections since the last reading (gc-probe.mjs), and the heap's size now. */
  gcReading(): Promise<GcReading> {
    return this.probe.call<GcReading>(GC_READING_OP);
  }

  /** SIGTERM, as a platform stops it: the bot drains and exits (and writes its profile). */
  stop(): Promise<void> {
    return stopProcess(this.child, () => this.child.kill('SIGTERM'));
  }
}

function environment(options: BotProcessOptions, port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    SERVICENOW_INSTANCE_URL: options.simulatorUrl,
    SERVICENOW_USERNAME: options.snow.username,
    SERVICENOW_PASSWORD: options.snow.password,
    SERVICENOW_CALLBACK_USER: options.webhook.user,
    SERVICENOW_CALLBACK_API_KEY: options.webhook.apiKey,
    COSMOS_ENDPOINT: options.storeUrl,
    COSMOS_KEY: 'bench-store-key',
  };
}

/** A port nothing listens on now (a child process is told to listen there). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/**
 * The Node flags the container image starts the bot with (its runtime stage's CMD, up to the
 * script), so that the bench measures the bot as it is deployed, heap limit included.
 */
export function imageNodeFlags(root: string): string[] {
  const [, ...args] = execForm(
    stage(readDockerfile(join(root, 'infra/Dockerfile')), 'runtime'),
    'CMD',
  );
  return args.filter((arg) => arg.startsWith('--'));
}
