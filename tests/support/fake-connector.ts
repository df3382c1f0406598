// A fake Bot Connector (the Teams service side of the Bot Framework REST API) on loopback.
// It records every activity the bot sends, answers member look-ups, and can be told to fail, to
// answer slowly, or to hold sends unanswered (as a connector would while the bot crashes).
// It also hosts files as Teams does: a pre-authorised download URL for the attach button (no
// token; a secret in the URL) and inline images under /v3/attachments that need a bearer token.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { close, listen, readBody, waitFor } from './http.js';

export interface SentActivity {
  readonly method: 'POST' | 'PUT';
  readonly conversationId: string;
  /** The id the connector assigned (POST) or the id that was updated (PUT). */
  readonly id: string;
  readonly replyToId?: string;
  readonly authorization?: string;
  /** The request path (which shows the serviceUrl the bot used). */
  readonly path: string;
  readonly activity: {
    type?: string;
    text?: string;
    attachments?: { contentType: string; content: unknown }[];
    [key: string]: unknown;
  };
}

export interface Member {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
  readonly email: string;
}

export interface Fault {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/** Decides per send whether it fails (undefined: it succeeds). */
export type FaultPolicy = (
  conversationId: string,
  activity: SentActivity['activity'],
) => Fault | undefined;

/** Every send the connector received, whatever it answered ('held' when it never did). */
export interface SendAttempt {
  readonly at: number;
  readonly conversationId: string;
  readonly status: number | 'held';
}

/** One request for a hosted file, whatever it was answered. */
export interface FileRequest {
  readonly path: string;
  readonly authorization?: string;
  readonly status: number;
}

interface HostedFile {
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly needsToken: boolean;
  /** Status to answer instead of the file (an expired link, say). */
  status?: number;
}

export class FakeConnector {
  readonly sent: SentActivity[] = [];
  readonly fileRequests: FileRequest[] = [];
  private readonly files = new Map<string, HostedFile>();
  readonly attempts: SendAttempt[] = [];
  private readonly members = new Map<string, Member>();
  private readonly faults: Fault[] = [];
  private readonly held: ServerResponse[] = [];
  private holding = false;
  private delayMs = 0;
  private faultPolicy: FaultPolicy | undefined;
  private readonly server = createServer((req, res) => {
    void this.handle(req, res);
  });
  private base = '';

  static async start(): Promise<FakeConnector> {
    const connector = new FakeConnector();
    connector.base = await listen(connector.server);
    return connector;
  }

  /** The serviceUrl to put in inbound activities. */
  get serviceUrl(): string {
    return `${this.base}/teams/`;
  }

  /** A file sent with the attach button: its pre-authorised, token-free download URL. */
  hostFile(bytes: Buffer, contentType = 'application/octet-stream'): string {
    const id = `${randomUUID()}?tempauth=${randomUUID()}`;
    this.files.set(`/files/${id}`, { bytes, contentType, needsToken: false });
    return `${this.base}/files/${id}`;
  }

  /** A pasted image: its contentUrl on the connector, which needs the bot's bearer token. */
  hostInlineImage(bytes: Buffer, contentType = 'image/png'): string {
    const path = `/teams/v3/attachments/${randomUUID()}/views/original`;
    this.files.set(path, { bytes, contentType, needsToken: true });
    return `${this.base}${path}`;
  }

  /** The hosted file at `url` answers `status` from now on (e.g. 403 for an expired link). */
  expireFile(url: string, status = 403): void {
    const { pathname, search } = new URL(url);
    const file = this.files.get(`${pathname}${search}`);
    if (file !== undefined) file.status = status;
  }

  addMember(member: Member): void {
    this.members.set(member.id, member);
  }

  /** The next sends fail with these answers, in order. */
  failNext(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  /** From now on, each send gets a fault whenever `policy` returns one (e.g. a random 5 %). */
  setFaultPolicy(policy: FaultPolicy | undefined): void {
    this.faultPolicy = policy;
  }

  /** Answers every send `ms` later (0: at once). */
  setDelay(ms: number): void {
    this.delayMs = ms;
  }

  /** Sends are received but not answered (nor recorded) until `dropHeld`. */
  hold(): void {
    this.holding = true;
  }

  /** Stops holding; sends held so far are dropped unanswered, as if the connector never got them. */
  dropHeld(): void {
    this.holding = false;
    for (const res of this.held.splice(0)) res.destroy();
  }

  messagesTo(conversationId: string): SentActivity[] {
    return this.sent.filter((s) => s.conversationId === conversationId);
  }

  /** Waits until an activity matching `match` was sent, counting only those after `after` (an index into `sent`). */
  async waitForActivity(
    what: string,
    match: (s: SentActivity) => boolean,
    after = 0,
    timeoutMs = 10_000,
  ): Promise<SentActivity> {
    return waitFor(() => this.sent.slice(after).find(match), what, timeoutMs);
  }

  close(): Promise<void> {
    this.dropHeld();
    return close(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const hosted = this.files.get(`${url.pathname}${url.search}`);
    if (hosted !== undefined && req.method === 'GET') {
      this.serveFile(req, res, url, hosted);
      return;
    }
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    // /teams/v3/conversations/{conversationId}/activities[/{activityId}] or /members/{userId}
    const [, , , conversationId = '', collection, itemId] = parts;
    if (collection === 'members' && req.method === 'GET' && itemId !== undefined) {
      const member = this.members.get(itemId);
      if (member === undefined)
        reply(res, 404, { error: { code: 'MemberNotFoundInConversation' } });
      else reply(res, 200, member);
      return;
    }
    if (collection !== 'activities' || (req.method !== 'POST' && req.method !== 'PUT')) {
      reply(res, 404, { error: { code: 'NotFound' } });
      return;
    }
    const activity = JSON.parse(await readBody(req)) as SentActivity['activity'];
    if (this.holding) {
      this.attempts.push({ at: Date.now(), conversationId, status: 'held' });
      this.held.push(res);
      return;
    }
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const fault = this.faults.shift() ?? this.faultPolicy?.(conversationId, activity);
    this.attempts.push({ at: Date.now(), conversationId, status: fault?.status ?? 200 });
    if (fault !== undefined) {
      reply(res, fault.status, fault.body ?? {}, fault.headers);
      return;
    }
    const id = req.method === 'PUT' && itemId !== undefined ? itemId : randomUUID();
    this.sent.push({
      method: req.method,
      path: url.pathname,
      conversationId,
      id,
      replyToId: req.method === 'POST' ? itemId : undefined,
      authorization: req.headers.authorization,
      activity,
    });
    reply(res, 200, { id });
  }

  private serveFile(req: IncomingMessage, res: ServerResponse, url: URL, file: HostedFile): void {
    const authorization = req.headers.authorization;
    const status =
      file.status ?? (file.needsToken && !/^Bearer \S+/.test(authorization ?? '') ? 401 : 200);
    this.fileRequests.push({ path: url.pathname, authorization, status });
    if (status !== 200) {
      reply(res, status, { error: { code: 'Unauthorized' } });
      return;
    }
    res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length });
    res.end(file.bytes);
  }
}

function reply(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
