// File figures for `npm run bench`: how long the bot takes to relay a 10 MB file from Teams to
// ServiceNow (download from the fake connector, streamed upload to the simulator's media API,
// VA API message with the attachment), and ten 5 MB files sent at once by ten employees; and how
// much the bot's resident memory grows meanwhile (sampled every 10 ms from /proc). The bot runs as
// its own process, built as `npm start` runs it, with the embedded store.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startSimulator, type SnowSimulator } from '@live-agent/snow/simulator';
import { FakeConnector } from '../support/fake-connector.js';
import { attachButtonFile } from '../support/files.js';
import { TeamsUser, type Harness } from '../support/harness.js';
import { waitFor } from '../support/http.js';
import { freePort } from './bot-process.js';
import { rssMb } from './procstat.js';

export interface FileRun {
  readonly files: number;
  readonly fileMb: number;
  readonly seconds: number;
  readonly baselineRssMb: number;
  readonly peakRssMb: number;
  readonly growthMb: number;
}

export interface FileFigures {
  readonly maxTransfers: number;
  readonly single: FileRun;
  readonly parallel: FileRun;
}

const snow = { username: 'bench.files', password: 'bench-files-password-0123' };
const webhook = { user: 'servicenow', apiKey: 'bench-files-webhook-key-0123' };
const agent = 'Jordan Taylor';

/** `node`: the binary the bot runs on (bench-node.ts). */
export async function fileFigures(
  root: string,
  logFile: string,
  node: string,
): Promise<FileFigures> {
  const simulator = await startSimulator({
    credentials: snow,
    scriptedAgent: false,
    agents: [{ name: agent, available: true, capacity: 50 }],
  });
  const connector = await FakeConnector.start();
  const port = await freePort();
  const log = openSync(logFile, 'w');
  const child = spawn(node, ['--enable-source-maps', join(root, 'dist/bot/main.js')], {
    cwd: mkdtempSync(join(tmpdir(), 'bench-files-')),
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SERVICENOW_INSTANCE_URL: simulator.url,
      SERVICENOW_USERNAME: snow.username,
      SERVICENOW_PASSWORD: snow.password,
      SERVICENOW_CALLBACK_USER: webhook.user,
      SERVICENOW_CALLBACK_API_KEY: webhook.apiKey,
      FILES_ALLOW_LOOPBACK: 'true',
    },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      async () => (await fetch(`${url}/healthz`).catch(() => undefined))?.ok,
      'the bot',
      30_000,
    );
    simulator.setCallback({
      url: `${url}/api/servicenow/messages`,
      username: webhook.user,
      password: webhook.apiKey,
    });
    const pid = child.pid ?? -1;
    // A first small file warms the code paths up, so the runs measure transfers, not loading.
    await relay({ simulator, connector, url, pid }, 1, 0.1);
    const single = await relay({ simulator, connector, url, pid }, 1, 10);
    const parallel = await relay({ simulator, connector, url, pid }, 10, 5);
    return { maxTransfers: 4, single, parallel };
  } finally {
    child.kill('SIGTERM');
    await simulator.close();
    await connector.close();
  }
}

interface Rig {
  readonly simulator: SnowSimulator;
  readonly connector: FakeConnector;
  readonly url: string;
  readonly pid: number;
}

/** `files` employees, each in a connected chat, send one file of `fileMb` at the same moment. */
async function relay(rig: Rig, files: number, fileMb: number): Promise<FileRun> {
  // The TeamsUser helper needs only these parts of a test harness.
  const harness = {
    url: rig.url,
    connector: rig.connector,
    simulator: rig.simulator,
  } as unknown as Harness;
  const chats = await Promise.all(
    Array.from({ length: files }, async (_, i) => {
      const user = new TeamsUser(harness, {
        name: `Bench User ${i}`,
        aadObjectId: randomUUID(),
        email: `bench.${randomUUID()}@example.com`,
      });
      await user.requestLiveChat('My VPN keeps disconnecting');
      const sessionId = await user.sessionId(30_000);
      await rig.simulator.waitFor(() => rig.simulator.conversation(sessionId)?.state === 'queued', {
        what: 'the chat to be queued',
        timeoutMs: 30_000,
      });
      await rig.simulator.agent(agent).accept(sessionId);
      return { user, sessionId };
    }),
  );
  const bytes = Buffer.alloc(Math.round(fileMb * 1024 * 1024), 0x41);
  const uploadsBefore = rig.simulator.uploads.length;
  const baselineRssMb = rssMb(rig.pid);
  let peakRssMb = baselineRssMb;
  const sampler = setInterval(() => {
    peakRssMb = Math.max(peakRssMb, rssMb(rig.pid));
  }, 10);
  const started = performance.now();
  await Promise.all(
    chats.map(({ user }) =>
      user.post({
        type: 'message',
        text: 'the log',
        attachments: [attachButtonFile('vpn.log', rig.connector.hostFile(bytes), 'log')],
      }),
    ),
  );
  await waitFor(
    () =>
      chats.every(({ sessionId }) =>
        rig.simulator.conversation(sessionId)?.userMessages.some((m) => m.attachments?.length),
      ),
    'every file at the agent',
    120_000,
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const uploaded = rig.simulator.uploads.slice(uploadsBefore);
  if (uploaded.length !== files || uploaded.some((u) => u.size !== bytes.length)) {
    throw new Error('the benchmark files did not arrive whole');
  }
  return { files, fileMb, seconds, baselineRssMb, peakRssMb, growthMb: peakRssMb - baselineRssMb };
}

/** The figures as a Markdown table, for the README and bench-results/files.md. */
export function fileMarkdown(f: FileFigures): string {
  const row = (label: string, r: FileRun) =>
    `| ${label} | ${r.seconds.toFixed(2)} s | ${r.baselineRssMb.toFixed(0)} MB | ${r.peakRssMb.toFixed(0)} MB | ${r.growthMb.toFixed(0)} MB |`;
  return [
    `Files, employee → ServiceNow (FILES_MAX_TRANSFERS=${f.maxTransfers}):`,
    '',
    '| run | time to reach the agent | bot RSS before | peak RSS | growth |',
    '| --- | --- | --- | --- | --- |',
    row('1 file of 10 MB', f.single),
    row('10 files of 5 MB at once', f.parallel),
    '',
  ].join('\n');
}
