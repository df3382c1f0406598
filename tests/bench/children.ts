// The parent's side of the helper processes: fork one, wait until it is ready, call it, collect
// the arrivals it reports, and stop it (only the processes this benchmark started). The calls
// also reach the bot's GC probe, which answers in the same protocol.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Arrival, FromChild, ToChild } from './ipc.js';

const READY_TIMEOUT_MS = 30_000;
const CALL_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 10_000;

/** Node options for a TypeScript child: workspace sources through tsx, as the tests run. */
export const TS_EXEC_ARGV = ['--conditions=source', '--import', 'tsx', '--no-deprecation'];

export class BenchChildError extends Error {
  readonly code = 'BENCH_CHILD_FAILED';
}

/** Calls over a child's IPC channel (ipc.ts's protocol): one answer per call, bounded in time. */
export class IpcCalls {
  private nextId = 1;
  private readonly pending = new Map<number, (message: FromChild & { kind: 'result' }) => void>();

  constructor(
    private readonly name: string,
    private readonly process: ChildProcess,
    private readonly timeoutMs = CALL_TIMEOUT_MS,
  ) {
    process.on('message', (message: FromChild) => {
      if (message.kind !== 'result') return;
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
    });
  }

  call<T>(op: string, args?: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new BenchChildError(`${this.name}: ${op} took longer than ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(id, (message) => {
        clearTimeout(timer);
        if (message.error === undefined) resolve(message.value as T);
        else reject(new BenchChildError(`${this.name}: ${op} failed: ${message.error}`));
      });
      const call: ToChild = { kind: 'call', id, op, args };
      this.process.send(call);
    });
  }
}

export class Child {
  private readonly calls: IpcCalls;

  private constructor(
    readonly name: string,
    private readonly process: ChildProcess,
    readonly info: Readonly<Record<string, string>>,
  ) {
    this.calls = new IpcCalls(name, process);
  }

  /** Forks `script` (a file next to this one) and resolves once it reported ready. */
  static async start(
    name: string,
    script: string,
    args: readonly string[],
    onArrivals: (items: readonly Arrival[]) => void = () => undefined,
    /** The node binary to run it on; default this process's. */
    execPath: string = process.execPath,
  ): Promise<Child> {
    const path = fileURLToPath(new URL(script, import.meta.url));
    const child = fork(path, [...args], {
      execPath,
      execArgv: TS_EXEC_ARGV,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (message: FromChild) => {
      if (message.kind === 'arrivals') onArrivals(message.items);
    });
    const info = await new Promise<Readonly<Record<string, string>>>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new BenchChildError(`${name} did not start within ${READY_TIMEOUT_MS} ms`));
      }, READY_TIMEOUT_MS);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new BenchChildError(`${name} exited during start-up (code ${String(code)})`));
      });
      child.on('message', (message: FromChild) => {
        if (message.kind !== 'ready') return;
        clearTimeout(timer);
        resolve(message.info);
      });
    });
    return new Child(name, child, info);
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  call<T>(op: string, args?: unknown): Promise<T> {
    return this.calls.call<T>(op, args);
  }

  /** Disconnecting asks the child to close; it is killed if it has not exited in time. */
  async stop(): Promise<void> {
    await stopProcess(this.process, () => {
      if (this.process.connected) this.process.disconnect();
    });
  }
}

/** Runs `ask`, waits for the process to exit, and kills it (by its own pid) if it does not. */
export async function stopProcess(child: ChildProcess, ask: () => void): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  ask();
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
