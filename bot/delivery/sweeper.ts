// Runs the periodic sweeps (unfinished deliveries, session deadlines) on a timer, one run at a
// time; a failed task is logged and tried again on its next turn. Every instance sweeps: the
// leases and compare-and-swap writes make sure only one acts on any one thing.
//
// On the timer the tasks take turns, spread evenly over the interval: each still runs once per
// interval, but their store queries do not arrive back to back. A query is the one store request
// whose cost grows with the number of sessions (the Cosmos DB emulator scans every document,
// holding up the point reads meanwhile; Cosmos DB charges request units by the documents read),
// so a burst of them delays the chat messages that arrive meanwhile.
import type { Logger } from 'pino';

export interface SweepTask {
  readonly name: string;
  run(): Promise<void>;
}

/** Calls `tick` every `ms` until the function returned is called; never keeps the process alive. */
export type Repeat = (ms: number, tick: () => void) => () => void;

const unrefInterval: Repeat = (ms, tick) => {
  const timer = setInterval(tick, ms);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
};

export class PeriodicSweeper {
  private cancel: (() => void) | undefined;
  private current: Promise<void> | undefined;
  private nextTask = 0;

  constructor(
    private readonly tasks: readonly SweepTask[],
    private readonly intervalMs: number,
    private readonly log: Logger,
    private readonly repeat: Repeat = unrefInterval,
  ) {}

  start(): void {
    if (this.cancel !== undefined || this.tasks.length === 0) return;
    this.cancel = this.repeat(this.intervalMs / this.tasks.length, () => {
      if (this.current === undefined) void this.runTurn();
    });
  }

  /** Runs every task once (waiting for a run in progress first). */
  runOnce(): Promise<void> {
    return this.exclusive(async () => {
      for (const task of this.tasks) await this.runTask(task);
    });
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    this.cancel?.();
    this.cancel = undefined;
    await this.current;
  }

  /** The timer's turn: the next task in order. */
  private runTurn(): Promise<void> {
    const task = this.tasks[this.nextTask % this.tasks.length];
    this.nextTask += 1;
    return this.exclusive(() => (task === undefined ? Promise.resolve() : this.runTask(task)));
  }

  private async exclusive(work: () => Promise<void>): Promise<void> {
    while (this.current !== undefined) await this.current;
    this.current = work();
    try {
      await this.current;
    } finally {
      this.current = undefined;
    }
  }

  private async runTask(task: SweepTask): Promise<void> {
    try {
      await task.run();
    } catch (err) {
      this.log.warn({ err, task: task.name }, 'sweep failed; tried again on its next turn');
    }
  }
}
