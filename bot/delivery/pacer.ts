// Paces sends into one Teams conversation so that the bot stays well inside Teams' per-thread
// limits (7 per second, 8 per 2 seconds, 60 per 30 seconds): each send waits until every window
// has room. One instance holds a session's delivery lease at a time, so pacing in memory is
// enough; after a lease moves, the new holder starts with empty windows, which the margin covers.

import { sleep } from './backoff.js';

export interface PaceLimit {
  readonly windowMs: number;
  readonly max: number;
}

/** Roughly half of Teams' documented limits per bot and conversation. */
export const teamsPace: readonly PaceLimit[] = [
  { windowMs: 1_000, max: 4 },
  { windowMs: 2_000, max: 5 },
  { windowMs: 30_000, max: 40 },
];

/** Conversations with no send for this long are forgotten. */
const forgetAfterMs = 60_000;

export class ConversationPacer {
  private readonly sends = new Map<string, number[]>();
  private readonly longestWindow: number;
  private forgottenAt = 0;

  constructor(
    private readonly limits: readonly PaceLimit[] = teamsPace,
    private readonly now: () => number = Date.now,
    private readonly wait: (ms: number) => Promise<void> = sleep,
  ) {
    this.longestWindow = Math.max(0, ...limits.map((l) => l.windowMs));
  }

  /** Resolves when a send into `conversationId` is allowed, and counts it. */
  async take(conversationId: string): Promise<void> {
    for (;;) {
      const delay = this.delayFor(conversationId);
      if (delay <= 0) break;
      await this.wait(delay);
    }
    const times = this.sends.get(conversationId) ?? [];
    times.push(this.now());
    this.sends.set(conversationId, times);
  }

  /** How long the next send into `conversationId` has to wait (0: it may go now). */
  delayFor(conversationId: string): number {
    this.forgetIdle();
    const now = this.now();
    const times = (this.sends.get(conversationId) ?? []).filter(
      (t) => now - t < this.longestWindow,
    );
    this.sends.set(conversationId, times);
    let delay = 0;
    for (const { windowMs, max } of this.limits) {
      const inWindow = times.filter((t) => now - t < windowMs);
      const oldest = inWindow[inWindow.length - max];
      if (inWindow.length >= max && oldest !== undefined) {
        delay = Math.max(delay, oldest + windowMs - now);
      }
    }
    return delay;
  }

  private forgetIdle(): void {
    const now = this.now();
    if (now - this.forgottenAt < forgetAfterMs) return;
    this.forgottenAt = now;
    for (const [id, times] of this.sends) {
      const last = times[times.length - 1];
      if (last === undefined || now - last > forgetAfterMs) this.sends.delete(id);
    }
  }
}
