// Runs the periodic sweeps (unfinished deliveries, session deadlines) on a timer, one run at a
// time; a failed task is logged and tried again on the next tick. Every instance sweeps: the
// leases and compare-and-swap writes make sure only one acts on any one thing.
import type { Logger } from 'pino';

export interface SweepTask {
  readonly name: string;
  run(): Promise<void>;
}

export class PeriodicSweeper {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;

  constructor(
    private readonly tasks: readonly SweepTask[],
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => {
      if (this.current === undefined) void this.runOnce();
    }, this.intervalMs);
    // The sweep never keeps a process alive on its own.
    this.timer.unref();
  }

  /** Runs every task once (waiting for a run in progress first). */
  async runOnce(): Promise<void> {
    while (this.current !== undefined) await this.current;
    this.current = this.runTasks();
    try {
      await this.current;
    } finally {
      this.current = undefined;
    }
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.current;
  }

  private async runTasks(): Promise<void> {
    for (const task of this.tasks) {
      try {
        await task.run();
      } catch (err) {
        this.log.warn({ err, task: task.name }, 'sweep failed; tried again on the next tick');
      }
    }
  }
}
