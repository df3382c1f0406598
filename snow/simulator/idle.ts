// Idle timeouts: a conversation with no activity for a while is closed, as ServiceNow's job "Time
// Out Abandoned B2B Conversations" does. Every user request and agent action restarts the clock.
import type { Conversation } from './conversations.js';
import type { Scheduler } from './scheduler.js';

/** ServiceNow's default (`com.glide.cs.b2b_conversation_idle_timeout`): one hour. */
export const DEFAULT_IDLE_TIMEOUT_MS = 3_600_000;

export class IdleTimers {
  private readonly cancels = new Map<Conversation, () => void>();

  constructor(
    private readonly scheduler: Scheduler,
    private readonly timeoutMs: number,
    private readonly onIdle: (c: Conversation) => void,
  ) {}

  /** Restarts the conversation's clock. */
  touch(c: Conversation): void {
    this.stop(c);
    if (c.phase === 'closed') return;
    const cancel = this.scheduler.after(this.timeoutMs, () => {
      this.cancels.delete(c);
      this.onIdle(c);
    });
    this.cancels.set(c, cancel);
  }

  stop(c: Conversation): void {
    this.cancels.get(c)?.();
    this.cancels.delete(c);
  }
}
