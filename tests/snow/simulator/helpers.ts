// Test helpers for the simulator: a callback receiver standing in for the bot's webhook, and
// small clients for the VA API and the Table API over real HTTP.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  startSimulator,
  type SimulatorOptions,
  type SnowSimulator,
} from '@live-agent/snow/simulator';

export const credentials = { username: 'va.integration', password: 'pw-0123456789abcdef' };
/**
 * The static message-auth token rigs require by default and request bodies carry (in the body,
 * which the contract allows): with message auth, chats are linked to users by email.
 */
export const rigToken = 'rig-token-0123456789';
export const webhook = { username: 'servicenow', password: 'hook-secret-0123456789' };

export interface ReceivedCallback {
  readonly authorization: string;
  readonly contentType: string;
  readonly body: Record<string, unknown>;
}

export type Envelope = Record<string, unknown> & { body: Record<string, unknown>[] };

/** The bot's side of the callback: records every POST and answers with `status(body)`. */
export class CallbackReceiver {
  readonly received: ReceivedCallback[] = [];
  /** `arrive:<n>` / `answer:<n>` in the order they happened, to check one-at-a-time delivery. */
  readonly events: string[] = [];
  status: (body: Record<string, unknown>) => number = () => 200;
  /** Slows every answer down, so that overlapping posts would show up in `events`. */
  answerDelayMs = 0;

  private readonly server: Server;
  private address = '';

  private constructor() {
    this.server = createServer((req, res) => {
      void readJson(req).then((body) => {
        const n = this.received.push({
          authorization: req.headers.authorization ?? '',
          contentType: req.headers['content-type'] ?? '',
          body,
        });
        this.events.push(`arrive:${n}`);
        setTimeout(() => {
          this.events.push(`answer:${n}`);
          res.writeHead(this.status(body)).end();
        }, this.answerDelayMs);
      });
    });
  }

  get url(): string {
    return this.address;
  }

  static async start(): Promise<CallbackReceiver> {
    const receiver = new CallbackReceiver();
    const server = receiver.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    receiver.address = `http://127.0.0.1:${port}/callback`;
    return receiver;
  }

  /** Envelopes received for one conversation, in arrival order. */
  envelopes(clientSessionId: string): Envelope[] {
    return this.received
      .map((r) => r.body as Envelope)
      .filter((b) => b.clientSessionId === clientSessionId);
  }

  /** Every body[] item for one conversation, flattened, in order. */
  items(clientSessionId: string): Record<string, unknown>[] {
    return this.envelopes(clientSessionId).flatMap((e) => e.body);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => {
      this.server.close((err) => {
        if (err) reject(err);
        else resolve();
      });
    });
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

export function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

export interface Rig {
  readonly sim: SnowSimulator;
  readonly receiver: CallbackReceiver;
  close(): Promise<void>;
}

export async function startRig(options: Partial<SimulatorOptions> = {}): Promise<Rig> {
  const receiver = await CallbackReceiver.start();
  const sim = await startSimulator({
    credentials,
    scriptedAgent: false,
    vaToken: rigToken,
    callback: { url: receiver.url, ...webhook },
    ...options,
  });
  return {
    sim,
    receiver,
    async close() {
      await sim.close();
      await receiver.close();
    },
  };
}

export interface PostOptions {
  readonly auth?: string | null;
  readonly headers?: Record<string, string>;
  readonly raw?: string;
}

export async function postVa(
  sim: SnowSimulator,
  body: Record<string, unknown>,
  options: PostOptions = {},
): Promise<{ status: number; json: unknown; headers: Headers }> {
  const auth =
    options.auth === undefined ? basic(credentials.username, credentials.password) : options.auth;
  const res = await fetch(`${sim.url}/api/sn_va_as_service/bot/integration`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(auth === null ? {} : { authorization: auth }),
      ...options.headers,
    },
    body: options.raw ?? JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    json: text === '' ? undefined : JSON.parse(text),
    headers: res.headers,
  };
}

export type Row = Record<string, unknown>;

export interface TableJson {
  readonly result?: Row[] | Row;
  readonly error?: { readonly message: string; readonly detail: string | null };
  readonly status?: string;
}

export interface TableResponse {
  readonly status: number;
  readonly json: TableJson;
  readonly headers: Headers;
}

/** The rows of a list answer (fails the test when the answer is not a list). */
export function rowsOf(response: TableResponse): Row[] {
  const result = response.json.result;
  if (!Array.isArray(result)) throw new Error(`expected a list, got status ${response.status}`);
  return result;
}

export async function getTable(
  sim: SnowSimulator,
  path: string,
  options: { auth?: string | null; accept?: string | null } = {},
): Promise<TableResponse> {
  const auth =
    options.auth === undefined ? basic(credentials.username, credentials.password) : options.auth;
  const accept = options.accept === undefined ? 'application/json' : options.accept;
  const res = await fetch(`${sim.url}${path}`, {
    headers: {
      ...(auth === null ? {} : { authorization: auth }),
      ...(accept === null ? {} : { accept }),
    },
  });
  return { status: res.status, json: (await res.json()) as TableJson, headers: res.headers };
}

/** A copy of `body` without `key`. */
export function without(body: Record<string, unknown>, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([k]) => k !== key));
}

/** A VA API request body with fresh ids; `overrides` win. */
export function vaBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = randomUUID();
  return {
    requestId: `req-${id}`,
    clientSessionId: 'session-1',
    userId: 'aad-user-1',
    emailId: 'alexw@example.com',
    message: { text: '', typed: true, clientMessageId: `msg-${id}` },
    token: rigToken,
    ...overrides,
  };
}

export function agentRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return vaBody({
    action: 'AGENT',
    message: { text: 'My VPN keeps dropping', typed: true },
    contextVariables: { live_agent_only: 'true', requester_session_language: 'en' },
    ...overrides,
  });
}

export function userMessage(clientSessionId: string, text: string): Record<string, unknown> {
  return vaBody({ clientSessionId, message: { text, typed: true, clientMessageId: `c-${text}` } });
}
