// Arrivals reported by the far-side processes (ServiceNow simulator, Bot Connector), by key, with
// waiters for the closed-loop driver.
import type { Arrival } from './ipc.js';

export class Arrivals {
  private readonly times = new Map<string, number>();
  private readonly waiters = new Map<string, () => void>();

  add(items: readonly Arrival[]): void {
    for (const [key, at] of items) {
      if (this.times.has(key)) continue;
      this.times.set(key, at);
      const waiter = this.waiters.get(key);
      if (waiter !== undefined) {
        this.waiters.delete(key);
        waiter();
      }
    }
  }

  at(key: string): number | undefined {
    return this.times.get(key);
  }

  /** Resolves true when `key` arrives, false after `timeoutMs`. */
  wait(key: string, timeoutMs: number): Promise<boolean> {
    if (this.times.has(key)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(key);
        resolve(false);
      }, timeoutMs);
      this.waiters.set(key, () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** Forgets keys once a phase has been summarised, so memory stays bounded over a long run. */
  forget(keys: Iterable<string>): void {
    for (const key of keys) this.times.delete(key);
  }
}
