// BENCH_CPU_PROF=toServiceNow (or toTeams) npm run bench: instead of the full benchmark, drives one
// direction through the bot at saturation while the bot records a V8 CPU profile, then prints
// where the bot's time went. The profile itself stays in bench-results/profiles/.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkRelay } from './checks.js';
import { Direction, saturationPhase } from './phases.js';
import { openedContext, warmUp } from './procedures.js';
import { formatProfile, summarizeProfile, type CpuProfile } from './profile-summary.js';
import { TIMED_SESSIONS } from './quick-run.js';
import { closeOnInterrupt, startBench } from './setup.js';
import { benchSession } from './traffic.js';

const PROFILE_MS = 10_000;

export class ProfileRunError extends Error {
  readonly code = 'BENCH_PROFILE_FAILED';
}

export async function profileRun(
  directionName: string,
  root: string,
  resultsDir: string,
): Promise<void> {
  const direction = Object.values(Direction).find((d) => d === directionName);
  if (direction === undefined) {
    throw new ProfileRunError(
      `BENCH_CPU_PROF must be one of ${Object.values(Direction).join(', ')}`,
    );
  }
  const bench = await startBench({ root, resultsDir, cpuProfile: true });
  const release = closeOnInterrupt(bench);
  const startedAt = Date.now();
  try {
    // As many chats as the timed phases use, so that Teams' per-chat pace never binds.
    const sessions = Array.from({ length: TIMED_SESSIONS }, (_, i) => benchSession(i));
    const ctx = await openedContext(bench, sessions);
    await checkRelay(ctx, bench.bot);
    await warmUp(ctx, bench.bot, 2_000);
    const load = { concurrency: 32, warmupMs: 0, durationMs: PROFILE_MS };
    const phase = await saturationPhase(ctx, direction, bench.bot, load);
    process.stdout.write(
      `${direction}: ${phase.throughput.toFixed(0)} msg/s, ${phase.cpuMsPerMessage.toFixed(2)} ms CPU per message\n`,
    );
  } finally {
    release();
    await bench.close();
  }
  const file = newestProfile(join(resultsDir, 'profiles'), startedAt);
  const text = formatProfile(
    summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile),
  );
  writeFileSync(file.replace(/\.cpuprofile$/, `.${direction}.txt`), `${text}\n`);
  process.stdout.write(`${text}\n\nProfile: ${file}\n`);
}

function newestProfile(dir: string, after: number): string {
  const found = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).mtimeMs >= after)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (found[0] === undefined) throw new ProfileRunError('The bot wrote no CPU profile');
  return found[0];
}
