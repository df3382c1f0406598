// POST /api/sn_va_as_service/bot/integration: HTTP-level checks answer 4xx; everything past them
// gets a quick 200 {"status":"success"}, and the work (or a silent drop, for a bad token or an
// incomplete body) happens afterwards, as on a real instance.
import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallerAuth } from './caller-auth.js';
import { conversationKey } from './conversations.js';
import type { FaultInjector } from './faults.js';
import {
  acceptsJson,
  BodyTooLargeError,
  errorBody,
  lowerCaseHeaders,
  readBody,
  redactedHeaders,
  parseJsonObject,
  sameSecret,
  sendJson,
  sendUnauthorized,
} from './http-util.js';
import type { KeyedSerialQueue } from './serial-queue.js';
import type { ReceivedVaRequest, SimulatorLog, VaRequestOutcome } from './types.js';
import type { UserRequests } from './user-requests.js';
import { readVaRequest, type ReadResult } from './va-request.js';

export interface VaApiOptions {
  readonly auth: CallerAuth;
  readonly vaToken?: string;
  readonly signingSecret?: string;
  readonly faults: FaultInjector;
  readonly queue: KeyedSerialQueue;
  readonly handler: UserRequests;
  readonly requests: ReceivedVaRequest[];
  readonly log: SimulatorLog;
}

interface HttpRejection {
  readonly status: number;
  readonly why: string;
  readonly body: unknown;
}

function failure(status: number, why: string, message: string): HttpRejection {
  return { status, why, body: { status: 'failure', error: { message, detail: why } } };
}

function checkHeaders(headers: Record<string, string>): HttpRejection | undefined {
  if (!(headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    return failure(415, 'Content-Type must be application/json', 'Unsupported Media Type');
  }
  const accept = headers.accept;
  if (accept !== undefined && !acceptsJson(accept)) {
    return failure(406, 'Accept must allow application/json', 'Not Acceptable');
  }
  return undefined;
}

const BAD_JSON = failure(400, 'invalid JSON', 'Bad Request');

/**
 * What ServiceNow checks `x-b2b-signature` against: the body as compact JSON. Its own example
 * signs `JSON.stringify(JSON.parse(body))`, so a client must send (and sign) compact JSON.
 */
function signatureOf(body: Record<string, unknown>, secret: string): string {
  return createHmac('sha1', secret).update(JSON.stringify(body), 'utf8').digest('hex');
}

export class VaApi {
  constructor(private readonly o: VaApiOptions) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers = lowerCaseHeaders(req);
    const record = (status: number | 'reset', outcome: VaRequestOutcome, body = {}): void => {
      const recorded = redactedHeaders(headers);
      this.o.requests.push({ at: Date.now(), headers: recorded, body, status, outcome });
      this.o.log('va.request', { status, outcome });
    };
    const checked = await this.checkHttp(req, res, headers);
    if ('outcome' in checked) {
      record(checked.status, checked.outcome);
      return;
    }
    const read = this.read(headers, checked.body);
    if (checked.reset) {
      // It reached ServiceNow and was acted on; only the answer is lost on the way back.
      res.destroy();
    } else {
      sendJson(res, 200, { status: 'success' });
    }
    const status = checked.reset ? 'reset' : 200;
    if ('rejected' in read) {
      record(status, `rejected: ${read.rejected}`, checked.body);
      return;
    }
    record(status, 'accepted', checked.body);
    this.process(read.request);
  }

  /** The checks that do fail at the HTTP level; answers the failure itself. */
  private async checkHttp(
    req: IncomingMessage,
    res: ServerResponse,
    headers: Record<string, string>,
  ): Promise<
    | { status: number; outcome: VaRequestOutcome }
    | { body: Record<string, unknown>; reset: boolean }
  > {
    let text: string;
    try {
      text = await readBody(req);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      sendJson(res, 413, errorBody('Request entity too large', null));
      return { status: 413, outcome: 'rejected: body too large' };
    }
    const fault = await this.o.faults.next('va');
    if (fault?.status !== undefined) {
      this.o.faults.send(res, { ...fault, status: fault.status });
      return { status: fault.status, outcome: `rejected: injected fault ${fault.status}` };
    }
    if (!this.o.auth.authenticated(req)) {
      sendUnauthorized(res);
      return { status: 401, outcome: 'rejected: not authenticated' };
    }
    const body = parseJsonObject(text);
    const rejection = checkHeaders(headers) ?? (body === undefined ? BAD_JSON : undefined);
    if (rejection !== undefined || body === undefined) {
      const answer = rejection ?? BAD_JSON;
      sendJson(res, answer.status, answer.body);
      return { status: answer.status, outcome: `rejected: ${answer.why}` };
    }
    return { body, reset: fault?.reset === true };
  }

  /** Message auth first (token: header wins over body; or signature), then the body itself. */
  private read(headers: Record<string, string>, body: Record<string, unknown>): ReadResult {
    const expected = this.o.vaToken;
    if (expected !== undefined) {
      const given = headers.token ?? (typeof body.token === 'string' ? body.token : undefined);
      if (given === undefined) return { rejected: 'token missing' };
      if (!sameSecret(given, expected)) return { rejected: 'token mismatch' };
    }
    const secret = this.o.signingSecret;
    if (secret !== undefined) {
      const given = headers['x-b2b-signature'];
      if (given === undefined) return { rejected: 'signature missing' };
      if (!sameSecret(given.toLowerCase(), signatureOf(body, secret))) {
        return { rejected: 'signature mismatch' };
      }
    }
    return readVaRequest(body);
  }

  private process(request: Parameters<UserRequests['handle']>[0]): void {
    const key = conversationKey(request.clientSessionId, request.appInboundId);
    this.o.queue
      .run(key, () => this.o.handler.handle(request))
      .catch((error: unknown) => {
        this.o.log('va.processing_failed', {
          clientSessionId: request.clientSessionId,
          error: error instanceof Error ? error.name : 'unknown',
        });
      });
  }
}
