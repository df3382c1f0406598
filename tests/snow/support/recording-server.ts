// A stand-in for a ServiceNow instance that records every request (method, path, query, headers,
// body) and answers canned responses, so tests can assert the exact wire format on loopback.
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { close, listen, readBody } from '../../support/http.js';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  readonly json: unknown;
}

export interface CannedResponse {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  /** A string is sent as-is; anything else as JSON. */
  readonly body?: unknown;
  /** Never answer: the client must give up on its own (timeouts). */
  readonly hang?: boolean;
  /** Close the connection without an answer, after reading the request. */
  readonly reset?: boolean;
  /** Answer this much later. */
  readonly delayMs?: number;
}

export type Responder = (request: RecordedRequest) => CannedResponse;

export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  /** `arrive:<n>` and `answer:<n>` (1-based request numbers) in the order they happened. */
  readonly events: string[] = [];
  private readonly server = createServer((req, res) => {
    void this.handle(req, res);
  });
  private baseUrl = '';

  private constructor(private readonly responder: Responder) {}

  /**
   * Starts a server answering with `responder`, or with the given responses in turn (the last one
   * repeats for every later request).
   */
  static async start(
    responder: Responder | CannedResponse | readonly CannedResponse[],
  ): Promise<RecordingServer> {
    const server = new RecordingServer(toResponder(responder));
    server.baseUrl = await listen(server.server);
    return server;
  }

  /** `http://127.0.0.1:<port>` */
  get url(): string {
    return this.baseUrl;
  }

  close(): Promise<void> {
    return close(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', this.baseUrl);
    const request: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      json: parseJson(body),
    };
    const n = this.requests.push(request);
    this.events.push(`arrive:${n}`);
    const canned = this.responder(request);
    if (canned.hang === true) return;
    if (canned.reset === true) {
      req.socket.destroy();
      return;
    }
    if (canned.delayMs !== undefined) {
      await new Promise((resolve) => setTimeout(resolve, canned.delayMs));
    }
    this.events.push(`answer:${n}`);
    const payload =
      canned.body === undefined
        ? ''
        : typeof canned.body === 'string'
          ? canned.body
          : JSON.stringify(canned.body);
    res.writeHead(canned.status ?? 200, {
      'content-type': typeof canned.body === 'string' ? 'text/html' : 'application/json',
      ...canned.headers,
    });
    res.end(payload);
  }
}

function toResponder(value: Responder | CannedResponse | readonly CannedResponse[]): Responder {
  if (typeof value === 'function') return value;
  if (!Array.isArray(value)) return () => value as CannedResponse;
  const responses = value as readonly CannedResponse[];
  let next = 0;
  return () => {
    const response = responses[Math.min(next, responses.length - 1)] ?? {};
    next++;
    return response;
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** ServiceNow's answer when a VA API request was accepted. */
export const vaAccepted: CannedResponse = { body: { status: 'success' } };

/** A Table API v2 answer with these rows. */
export function rows(...result: Record<string, unknown>[]): CannedResponse {
  return { body: { result } };
}

/** Table API v1's answer to a valid query with no rows. */
export const v1NoRows: CannedResponse = {
  status: 404,
  body: {
    error: { message: 'No Record found', detail: 'Records matching query not found' },
    status: 'failure',
  },
};

/** Every string reachable from `value` (own properties, including non-enumerable, and causes). */
export function reachableStrings(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  const out: string[] = [];
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor !== undefined && 'value' in descriptor)
      out.push(...reachableStrings(descriptor.value, seen));
  }
  return out;
}
