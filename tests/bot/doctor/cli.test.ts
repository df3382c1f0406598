// `npm run doctor` as an admin runs it: its own process, reading the environment and `.env` of the
// working directory, printing the table, and exiting non-zero when a check failed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type SnowSimulator } from '@live-agent/snow/simulator';
import { snowCredentials } from '../../support/harness.js';
import { doctorEnv } from './support.js';

const cli = fileURLToPath(new URL('../../../bot/doctor/cli.ts', import.meta.url));
const tsx = import.meta.resolve('tsx');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the doctor in `cwd` with only `env` (plus PATH) and waits for it to exit (bounded). */
function doctor(cwd: string, env: Record<string, string>, args: string[]): Promise<Run> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', tsx, '--no-deprecation', cli, ...args],
    { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the doctor did not exit within 60 s:\n${stdout}\n${stderr}`));
    }, 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run doctor', () => {
  const temp = mkdtempSync(join(tmpdir(), 'doctor-cli-'));
  const noPackage = join(temp, 'no-package');
  let simulator: SnowSimulator;

  before(async () => {
    mkdirSync(noPackage);
    simulator = await startSimulator({ credentials: snowCredentials, scriptedAgent: false });
  });
  after(async () => {
    await simulator.close();
    rmSync(temp, { recursive: true, force: true });
  });

  it('prints the table with the fix for each failure and exits 1', async () => {
    const cwd = join(temp, 'wrong-password');
    mkdirSync(cwd);
    const env = doctorEnv(simulator.url, { SERVICENOW_PASSWORD: 'not-the-password' });
    const run = await doctor(cwd, env, ['--no-bot', '--package', noPackage]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^PASS\s+Configuration valid/m);
    assert.match(
      run.stdout,
      /^FAIL\s+ServiceNow reachable, credentials accepted\s+ServiceNow rejected/m,
    );
    assert.match(run.stdout, /fix: Check SERVICENOW_USERNAME and SERVICENOW_PASSWORD/);
    assert.match(run.stdout, /^SKIP\s+Agents available now\s+not checked/m);
    assert.match(run.stdout, /PROBLEMS FOUND: \d+ failed/);
    assert.doesNotMatch(run.stdout + run.stderr, /not-the-password/);
  });

  it('reads .env in the working directory, the environment winning', async () => {
    const cwd = join(temp, 'dotenv');
    mkdirSync(cwd);
    const env = doctorEnv(simulator.url);
    writeFileSync(
      join(cwd, '.env'),
      Object.entries({ ...env, SERVICENOW_USERNAME: 'someone.else' })
        .map(([k, v]) => `${k}=${v}`)
        .join('\n'),
    );
    const run = await doctor(cwd, { SERVICENOW_USERNAME: env.SERVICENOW_USERNAME! }, [
      '--no-bot',
      '--package',
      noPackage,
      '--json',
    ]);
    const report = JSON.parse(run.stdout) as { results: { id: string; status: string }[] };
    const status = (id: string) => report.results.find((r) => r.id === id)?.status;
    assert.equal(status('servicenow'), 'pass');
    assert.equal(status('agents'), 'pass');
  });

  it('names every invalid variable, as the bot does at start-up', async () => {
    const cwd = join(temp, 'invalid');
    mkdirSync(cwd);
    const run = await doctor(cwd, { PORT: 'eighty', LOG_LEVEL: 'loud' }, ['--no-bot']);
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /^FAIL\s+Configuration valid\s+2 problem\(s\): LOG_LEVEL: .*; PORT: /m,
    );
    assert.match(
      run.stdout,
      /^SKIP\s+ServiceNow reachable, credentials accepted\s+not checked: "Configuration valid" failed/m,
    );
  });

  it('refuses an unknown option with its usage', async () => {
    const run = await doctor(temp, {}, ['--frobnicate']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Usage: npm run doctor/);
  });
});
