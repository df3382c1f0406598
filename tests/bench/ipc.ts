// The messages between the benchmark and the helper processes it forks (store, ServiceNow
// simulator, Bot Connector, floor), and the child's side of that channel.
import { monotonicMs } from './clock.js';

/** A key (message id or marker) and when it arrived, in monotonicMs. */
export type Arrival = readonly [key: string, atMs: number];

export type ToChild = {
  readonly kind: 'call';
  readonly id: number;
  readonly op: string;
  readonly args?: unknown;
};

export type FromChild =
  | { readonly kind: 'ready'; readonly info: Readonly<Record<string, string>> }
  | {
      readonly kind: 'result';
      readonly id: number;
      readonly value?: unknown;
      readonly error?: string;
    }
  | { readonly kind: 'arrivals'; readonly items: readonly Arrival[] };

export type Handlers = Readonly<Record<string, (args: unknown) => unknown>>;

/** How often arrivals are sent to the parent: batching keeps IPC off the measured path. */
const FLUSH_MS = 2;

function send(message: FromChild): void {
  process.send?.(message);
}

/**
 * Answers the parent's calls with `handlers`, tells it the child is ready, and shuts down with
 * `close` when the parent disconnects (it finished, or it died: either way this child must go).
 */
export function serveParent(
  info: Record<string, string>,
  handlers: Handlers,
  close: () => Promise<void>,
): void {
  process.on('message', (raw: ToChild) => {
    const handler = handlers[raw.op];
    Promise.resolve()
      .then(() => {
        if (handler === undefined) throw new Error(`unknown operation ${raw.op}`);
        return handler(raw.args);
      })
      .then(
        (value: unknown) => {
          send({ kind: 'result', id: raw.id, value });
        },
        (error: unknown) => {
          send({
            kind: 'result',
            id: raw.id,
            error: error instanceof Error ? error.message : 'failed',
          });
        },
      );
  });
  process.once('disconnect', () => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  send({ kind: 'ready', info });
}

/** Collects arrivals and sends them to the parent in small batches. */
export class ArrivalReporter {
  private pending: Arrival[] = [];
  private timer: NodeJS.Timeout | undefined;

  record(key: string, atMs = monotonicMs()): void {
    this.pending.push([key, atMs]);
    this.timer ??= setTimeout(() => {
      this.flush();
    }, FLUSH_MS);
  }

  flush(): void {
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const items = this.pending;
    this.pending = [];
    send({ kind: 'arrivals', items });
  }
}
