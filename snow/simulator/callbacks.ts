// ServiceNow's outbound side: POSTs each output envelope to the bot's response endpoint with Basic
// auth and a timeout (5 s by default, as ServiceNow's), records what happened, and applies the
// callback faults a test injected (dropped, duplicated, delayed or reordered callbacks). Ordering
// per conversation is the caller's job (it awaits each post before the next).
import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { basicAuthHeader } from './http-util.js';
import type {
  CallbackFault,
  CallbackFaultKind,
  CallbackTarget,
  SentCallback,
  SimulatorLog,
} from './types.js';

/** ServiceNow's default connection timeout for the response endpoint (app 4.1+). */
export const CALLBACK_TIMEOUT_MS = 5000;

export interface CallbackResult {
  readonly status?: number;
  readonly error?: string;
  /** The endpoint did not answer in time. */
  readonly timedOut?: boolean;
}

export interface CallbackSenderOptions {
  readonly log: SimulatorLog;
  readonly timeoutMs: number;
  readonly delay: (ms: number) => Promise<void>;
}

type Body = Record<string, unknown>;

export class CallbackSender {
  readonly sent: SentCallback[] = [];
  private readonly inFlight = new Set<ClientRequest>();
  private readonly faults: { fault: CallbackFault; remaining: number }[] = [];
  /** Reordered callbacks, per conversation, waiting for the conversation's next one. */
  private readonly held = new Map<string, Body>();
  private closed = false;

  constructor(
    private target: CallbackTarget | undefined,
    private readonly o: CallbackSenderOptions,
  ) {}

  setTarget(target: CallbackTarget): void {
    this.target = target;
  }

  inject(fault: CallbackFault): void {
    this.faults.push({ fault, remaining: Math.max(1, fault.times ?? 1) });
  }

  async post(clientSessionId: string, body: Body): Promise<CallbackResult> {
    const fault = this.takeFault();
    switch (fault?.kind) {
      case 'drop':
        this.record(clientSessionId, body, Date.now(), { error: 'dropped' }, 'drop');
        return {};
      case 'reorder':
        this.held.set(clientSessionId, body);
        return {};
      case 'delay':
        await this.o.delay(fault.delayMs ?? 0);
        return this.deliver(clientSessionId, body, 'delay');
      case 'duplicate': {
        const first = await this.deliver(clientSessionId, body, 'duplicate');
        await this.deliver(clientSessionId, body, 'duplicate');
        return first;
      }
      default:
        return this.deliver(clientSessionId, body);
    }
  }

  /** Aborts callbacks still in flight; later posts are recorded as failed. */
  close(): void {
    this.closed = true;
    for (const req of this.inFlight) req.destroy(new Error('simulator closed'));
  }

  private takeFault(): CallbackFault | undefined {
    const next = this.faults[0];
    if (next === undefined) return undefined;
    next.remaining -= 1;
    if (next.remaining === 0) this.faults.shift();
    return next.fault;
  }

  /** Sends one envelope, then any envelope of the conversation that was held back to follow it. */
  private async deliver(id: string, body: Body, fault?: CallbackFaultKind) {
    const result = await this.sendAndRecord(id, body, fault);
    const held = this.held.get(id);
    if (held !== undefined) {
      this.held.delete(id);
      await this.sendAndRecord(id, held, 'reorder');
    }
    return result;
  }

  private async sendAndRecord(id: string, body: Body, fault?: CallbackFaultKind) {
    const started = Date.now();
    const target = this.target;
    const result: CallbackResult = this.closed
      ? { error: 'simulator closed' }
      : target === undefined
        ? { error: 'no callback URL configured' }
        : await this.send(target, body);
    this.record(id, body, started, result, fault);
    return result;
  }

  private record(
    clientSessionId: string,
    body: Body,
    started: number,
    result: CallbackResult,
    fault?: CallbackFaultKind,
  ): void {
    const durationMs = Date.now() - started;
    this.sent.push({
      at: started,
      url: this.target?.url ?? '',
      clientSessionId,
      body,
      ...(result.status === undefined ? {} : { status: result.status }),
      ...(result.error === undefined ? {} : { error: result.error }),
      durationMs,
      ...(fault === undefined ? {} : { fault }),
    });
    const failed = result.error !== undefined;
    this.o.log(failed ? 'callback.failed' : 'callback.sent', {
      clientSessionId,
      status: result.status,
      error: result.error,
      fault,
      durationMs,
    });
  }

  private send(target: CallbackTarget, body: Body): Promise<CallbackResult> {
    const payload = JSON.stringify(body);
    const url = new URL(target.url);
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const req = request(url, {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          accept: 'application/json',
          authorization: basicAuthHeader(target.username ?? 'servicenow', target.password),
          'user-agent': 'ServiceNow',
          ...target.headers,
        },
      });
      this.inFlight.add(req);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        req.destroy(new Error(`no answer within ${this.o.timeoutMs} ms`));
      }, this.o.timeoutMs);
      const finish = (result: CallbackResult): void => {
        clearTimeout(timer);
        this.inFlight.delete(req);
        resolve(timedOut ? { ...result, timedOut } : result);
      };
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => {
          finish({ status: res.statusCode ?? 0 });
        });
        res.on('error', (error) => {
          finish({ error: error.message });
        });
      });
      req.on('error', (error) => {
        finish({ error: error.message });
      });
      req.end(payload);
    });
  }
}
