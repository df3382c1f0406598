// The periodic sweeper: on its timer the tasks take turns spread over the interval (so their
// store queries never arrive back to back), a failing task does not stop the others, and a
// manual run does every task once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pino from 'pino';
import { PeriodicSweeper, type Repeat, type SweepTask } from '../../../bot/delivery/sweeper.js';

/** A timer driven by the test: `fire()` is one tick. */
function manualTimer() {
  const timer = {
    periodMs: undefined as number | undefined,
    tick: undefined as (() => void) | undefined,
    cancelled: false,
  };
  const repeat: Repeat = (ms, tick) => {
    timer.periodMs = ms;
    timer.tick = tick;
    return () => {
      timer.cancelled = true;
    };
  };
  return { timer, repeat };
}

function recordingTasks(names: readonly string[], ran: string[], failing?: string): SweepTask[] {
  return names.map((name) => ({
    name,
    run: () => {
      ran.push(name);
      return name === failing ? Promise.reject(new Error(`${name} failed`)) : Promise.resolve();
    },
  }));
}

/** Waits for the run a tick started (stop waits for it; the manual timer can still tick). */
function runFinished(sweeper: PeriodicSweeper): Promise<void> {
  return sweeper.stop();
}

describe('PeriodicSweeper', () => {
  it('runs one task per tick, in turn, ticking the interval divided by the number of tasks', async () => {
    const ran: string[] = [];
    const { timer, repeat } = manualTimer();
    const sweeper = new PeriodicSweeper(
      recordingTasks(['deliveries', 'unanswered', 'idle', 'post-chat'], ran),
      10_000,
      pino({ level: 'silent' }),
      repeat,
    );
    sweeper.start();
    assert.equal(timer.periodMs, 2_500);
    for (let i = 0; i < 6; i++) {
      timer.tick?.();
      await runFinished(sweeper);
    }
    assert.deepEqual(ran, [
      'deliveries',
      'unanswered',
      'idle',
      'post-chat',
      'deliveries',
      'unanswered',
    ]);
  });

  it('goes on with the next task when one fails, and logs the failure', async () => {
    const ran: string[] = [];
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const { timer, repeat } = manualTimer();
    const sweeper = new PeriodicSweeper(recordingTasks(['a', 'b'], ran, 'a'), 1_000, log, repeat);
    sweeper.start();
    timer.tick?.();
    await runFinished(sweeper);
    timer.tick?.();
    await runFinished(sweeper);
    assert.deepEqual(ran, ['a', 'b']);
    const warning = JSON.parse(lines[0] ?? '{}') as { task?: string; msg?: string };
    assert.equal(warning.task, 'a');
    assert.match(warning.msg ?? '', /sweep failed/);
  });

  it('does every task once on a manual run, and stops its timer on stop', async () => {
    const ran: string[] = [];
    const { timer, repeat } = manualTimer();
    const sweeper = new PeriodicSweeper(
      recordingTasks(['a', 'b', 'c'], ran),
      3_000,
      pino({ level: 'silent' }),
      repeat,
    );
    sweeper.start();
    await sweeper.runOnce();
    assert.deepEqual(ran, ['a', 'b', 'c']);
    await sweeper.stop();
    assert.equal(timer.cancelled, true);
  });

  it('skips a tick while the previous run is still going', async () => {
    const ran: string[] = [];
    let release: () => void = () => undefined;
    const slow: SweepTask = {
      name: 'slow',
      run: () => {
        ran.push('slow');
        return new Promise((resolve) => {
          release = resolve;
        });
      },
    };
    const { timer, repeat } = manualTimer();
    const sweeper = new PeriodicSweeper(
      [slow, ...recordingTasks(['next'], ran)],
      2_000,
      pino({ level: 'silent' }),
      repeat,
    );
    sweeper.start();
    timer.tick?.();
    timer.tick?.();
    assert.deepEqual(ran, ['slow']);
    release();
    await runFinished(sweeper);
    timer.tick?.();
    await runFinished(sweeper);
    assert.deepEqual(ran, ['slow', 'next']);
  });
});
