// ServiceNow's outbound side: POSTs each output envelope to the bot's response endpoint with Basic
// auth and a 5 s timeout, and records what happened. Ordering per conversation is the caller's job
// (it awaits each post before the next).
import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { basicAuthHeader } from './http-util.js';
import type { CallbackTarget, SentCallback, SimulatorLog } from './types.js';

/** ServiceNow's default connection timeout for the response endpoint (app 4.1+). */
const CALLBACK_TIMEOUT_MS = 5000;

export interface CallbackResult {
  readonly status?: number;
  readonly error?: string;
}

export class CallbackSender {
  readonly sent: SentCallback[] = [];
  private readonly inFlight = new Set<ClientRequest>();
  private closed = false;

  constructor(
    private target: CallbackTarget | undefined,
    private readonly log: SimulatorLog,
  ) {}

  setTarget(target: CallbackTarget): void {
    this.target = target;
  }

  async post(clientSessionId: string, body: Record<string, unknown>): Promise<CallbackResult> {
    const started = Date.now();
    const target = this.target;
    const result: CallbackResult = this.closed
      ? { error: 'simulator closed' }
      : target === undefined
        ? { error: 'no callback URL configured' }
        : await this.send(target, body);
    this.sent.push({
      at: started,
      url: target?.url ?? '',
      clientSessionId,
      body,
      ...result,
      durationMs: Date.now() - started,
    });
    this.log(result.error === undefined ? 'callback.sent' : 'callback.failed', {
      clientSessionId,
      status: result.status,
      error: result.error,
      durationMs: Date.now() - started,
    });
    return result;
  }

  /** Aborts callbacks still in flight; later posts are recorded as failed. */
  close(): void {
    this.closed = true;
    for (const req of this.inFlight) req.destroy(new Error('simulator closed'));
  }

  private send(target: CallbackTarget, body: Record<string, unknown>): Promise<CallbackResult> {
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
        },
      });
      this.inFlight.add(req);
      const timer = setTimeout(() => {
        req.destroy(new Error(`no answer within ${CALLBACK_TIMEOUT_MS} ms`));
      }, CALLBACK_TIMEOUT_MS);
      const finish = (result: CallbackResult): void => {
        clearTimeout(timer);
        this.inFlight.delete(req);
        resolve(result);
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
