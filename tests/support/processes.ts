// Child processes for tests: the shared Cosmos-compatible server and the bot itself (bot/main.ts),
// each started with tsx, their JSON log lines collected, killed when the test is done.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './http.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Child {
  readonly process: ChildProcess;
  /** Lines written so far, stdout and stderr. */
  readonly lines: string[];
  readonly exited: Promise<number | null>;
  /** The first JSON line for which `pick` returns a value. */
  waitForLine<T>(what: string, pick: (entry: Record<string, unknown>) => T | undefined): Promise<T>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

function start(script: string, args: string[], env: Record<string, string>): Child {
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      import.meta.resolve('tsx'),
      '--no-deprecation',
      join(root, script),
      ...args,
    ],
    {
      cwd: mkdtempSync(join(tmpdir(), 'live-agent-')),
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    process: child,
    lines,
    exited,
    waitForLine: (what, pick) =>
      waitFor(
        () =>
          lines
            .map(parseLine)
            .map((e) => (e ? pick(e) : undefined))
            .find((v) => v !== undefined),
        what,
        30_000,
      ),
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

function parseLine(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Starts the shared Cosmos-compatible server; resolves with its endpoint once it listens. */
export async function startCosmosServer(): Promise<{ child: Child; endpoint: string }> {
  const child = start('tests/support/cosmos-server.ts', [], {});
  const port = await child.waitForLine('the Cosmos server to listen', (e) =>
    typeof e.port === 'number' ? e.port : undefined,
  );
  return { child, endpoint: `http://127.0.0.1:${port}` };
}

/** Starts the bot (bot/main.ts) with `env`; resolves once it listens, with its base URL. */
export async function startBot(
  env: Record<string, string>,
): Promise<{ child: Child; url: string }> {
  const child = start('bot/main.ts', [], { PORT: '0', LOG_LEVEL: 'info', ...env });
  const port = await child.waitForLine('the bot to listen', (e) =>
    typeof e.msg === 'string' && e.msg.startsWith('listening') && typeof e.port === 'number'
      ? e.port
      : undefined,
  );
  return { child, url: `http://127.0.0.1:${port}` };
}
