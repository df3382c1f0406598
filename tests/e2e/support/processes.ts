// The processes of the end-to-end test: the bot in sandbox mode (as `npm start` runs it, from
// the sources) and Microsoft 365 Agents Playground pointed at it. Each runs in its own temporary
// directory, with its output collected, and is stopped with a bound.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../../support/http.js';

export const root = fileURLToPath(new URL('../../..', import.meta.url));

export class RunningProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', resolve));
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = '';
      stream?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const parts = buffered.split('\n');
        buffered = parts.pop() ?? '';
        this.lines.push(...parts);
      });
    }
  }

  /** Waits for an output line that `match` accepts, failing with the output so far. */
  async waitForLine<T>(what: string, match: (line: string) => T | undefined, timeoutMs: number) {
    try {
      return await waitFor(
        () => this.lines.map(match).find((v) => v !== undefined),
        what,
        timeoutMs,
      );
    } catch (err) {
      throw new Error(
        `${this.name}: ${(err as Error).message}\n${this.lines.slice(-20).join('\n')}`,
        {
          cause: err,
        },
      );
    }
  }

  /** SIGTERM, then SIGKILL if it has not exited within the bound; removes its directory. */
  async stop(timeoutMs = 5000): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const timer = new Promise<'timeout'>((resolve) =>
        setTimeout(() => {
          resolve('timeout');
        }, timeoutMs).unref(),
      );
      if ((await Promise.race([this.exited, timer])) === 'timeout') {
        this.child.kill('SIGKILL');
        await this.exited;
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * The bot with no configuration: sandbox mode, embedded store, scripted agent Jordan Taylor.
 * `env` adds settings on top (say, a handoff configuration of the test's own).
 */
export async function startSandboxBot(
  env: Record<string, string> = {},
): Promise<{ process: RunningProcess; url: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-bot-'));
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', import.meta.resolve('tsx'), join(root, 'bot/main.ts')],
    {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const bot = new RunningProcess('bot', child, dir);
  const port = await bot.waitForLine('the bot to listen', portOfLogLine, 30_000);
  return { process: bot, url: `http://127.0.0.1:${port}` };
}

/**
 * Agents Playground, Microsoft's emulator of the Teams client and its Bot Connector, pointed at
 * the bot with a fresh conversation id. It opens a browser with `xdg-open` after it starts and
 * exits when that fails, so a stand-in that does nothing comes first on PATH.
 */
export async function startPlayground(
  botUrl: string,
  conversationId: string,
): Promise<{ process: RunningProcess; url: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-playground-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'xdg-open'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(bin, 'xdg-open'), 0o755);
  const cli = join(root, 'node_modules/@microsoft/m365agentsplayground/cli.js');
  const child = spawn(
    process.execPath,
    [
      cli,
      ...['-e', `${botUrl}/api/messages`, '-c', 'msteams', '--dt'],
      ...['-p', String(await freePort()), '--conversation-id', conversationId],
    ],
    {
      // It writes a devTools/ folder into its working directory.
      cwd: dir,
      env: { PATH: `${bin}:${process.env.PATH ?? ''}`, HOME: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const playground = new RunningProcess('playground', child, dir);
  // It silently picks another port when the one asked for is taken: read the real one.
  const port = await playground.waitForLine(
    'the playground to listen',
    (line) => /Listening on (\d+)/.exec(line)?.[1],
    60_000,
  );
  return { process: playground, url: `http://localhost:${port}/` };
}

/** A port that was free a moment ago (the playground needs a number, not 0). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function portOfLogLine(line: string): number | undefined {
  try {
    const entry = JSON.parse(line) as { msg?: string; port?: number };
    return entry.msg?.startsWith('listening') === true ? entry.port : undefined;
  } catch {
    return undefined;
  }
}
