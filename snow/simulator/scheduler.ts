// Timers the simulator owns (scripted agent delays, polling), so that close() can cancel every one
// of them and a test run exits without hanging handles.
import { SimulatorError, SimulatorErrorCode } from './errors.js';
import type { WaitForOptions } from './types.js';

const POLL_MS = 5;
const DEFAULT_WAIT_MS = 5000;

export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  get isClosed(): boolean {
    return this.closed;
  }

  /** Runs `task` after `ms`, unless the simulator closed first; returns a function cancelling it. */
  after(ms: number, task: () => void): () => void {
    if (this.closed) return () => undefined;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      task();
    }, ms);
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  /** Resolves after `ms`; never settles if the simulator closes first. */
  delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.after(ms, resolve);
    });
  }

  waitFor<T>(probe: () => T | undefined | false, opts: WaitForOptions = {}): Promise<T> {
    const timeoutMs = opts.timeoutMs ?? DEFAULT_WAIT_MS;
    const deadline = Date.now() + timeoutMs;
    const what = opts.what ?? 'the condition';
    return new Promise<T>((resolve, reject) => {
      const poll = (): void => {
        let value: T | undefined | false;
        try {
          value = probe();
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (value !== undefined && value !== false) resolve(value);
        else if (this.closed) reject(this.closedError(what));
        else if (Date.now() >= deadline) reject(this.timeoutError(what, timeoutMs));
        else void this.after(POLL_MS, poll);
      };
      poll();
    });
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private timeoutError(what: string, timeoutMs: number): SimulatorError {
    return new SimulatorError(
      SimulatorErrorCode.WaitTimeout,
      `Timed out after ${timeoutMs} ms waiting for ${what}`,
    );
  }

  private closedError(what: string): SimulatorError {
    return new SimulatorError(
      SimulatorErrorCode.Closed,
      `The simulator closed while waiting for ${what}`,
    );
  }
}
