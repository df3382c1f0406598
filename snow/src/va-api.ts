// The Virtual Agent API "bot-to-bot" integration (`POST /api/sn_va_as_service/bot/integration`):
// what the bot sends to ServiceNow for one chat. ServiceNow only acknowledges here; what happens
// next (queue, agent joined, agent messages, end) arrives later on the callback.
import { createHmac, randomUUID } from 'node:crypto';
import { SnowBadResponseError, SnowConfigError, SnowRejectedError } from './errors.js';
import { errorForStatus, type SnowHttp } from './http.js';
import { SerialQueue } from './serial-queue.js';

export type StartAction = 'AGENT' | 'START_CONVERSATION';

/** Identifies one chat and its user on every request. */
export interface VaSessionRef {
  /** Our conversation id; ServiceNow echoes it on every callback. */
  readonly clientSessionId: string;
  /** Stable id of the user in our system (the AAD object id). */
  readonly userId: string;
  /** Lets ServiceNow link the chat to the sys_user with this email; a guest without it. */
  readonly emailId?: string;
  /** IANA time zone, e.g. `Europe/Berlin`. */
  readonly timezone?: string;
}

export interface StartLiveChatRequest extends VaSessionRef {
  /** The issue as the user described it; the agent sees it first. */
  readonly text: string;
  readonly clientMessageId: string;
  /**
   * Routing and context for AWA (language, skills, ...); string values only. `live_agent_only`
   * is `"true"` unless set here, so that ServiceNow skips its own virtual agent.
   */
  readonly contextVariables?: Readonly<Record<string, string>>;
  /** Overrides the client's configured start action for this chat (e.g. per handoff option). */
  readonly action?: StartAction;
}

/** A file ServiceNow fetches by URL; its domain must be a trusted media domain there. */
export interface VaAttachment {
  readonly url: string;
  readonly contentType: string;
  readonly fileName: string;
  readonly clientAttachmentId?: string;
  /** Headers ServiceNow sends when fetching `url` (e.g. a bearer token for a private URL). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface UserMessageRequest extends VaSessionRef {
  readonly text: string;
  readonly clientMessageId: string;
  /** false when the text is an option the user picked rather than typed; default true. */
  readonly typed?: boolean;
  /**
   * Files that go with the text: one is sent as an object, several as an array (multiple files
   * per request since app 3.7.3; servicenow-va-api.md §3). None: the key is left out.
   */
  readonly attachments?: readonly VaAttachment[];
}

/** ServiceNow accepted the request; its output follows on the callback with this `requestId`. */
export interface VaAck {
  readonly requestId: string;
}

export interface VirtualAgentApiOptions {
  readonly http: SnowHttp;
  /** How a live chat is started; default `AGENT` (straight to a live agent). */
  readonly startAction?: StartAction;
  /** Static message-auth token, sent as the `token` header. */
  readonly vaToken?: string;
  /** Hash message-auth secret: each body is signed in `x-b2b-signature` instead of a token. */
  readonly signingSecret?: string;
  /** Provider application's inbound id, for instances with several primary bots. */
  readonly appInboundId?: string;
  readonly now?: () => number;
  readonly newRequestId?: () => string;
}

const path = 'api/sn_va_as_service/bot/integration';

export class VirtualAgentApi {
  /** Requests of one chat go one at a time, in order. */
  private readonly queue = new SerialQueue();

  constructor(private readonly options: VirtualAgentApiOptions) {
    if (options.vaToken !== undefined && options.signingSecret !== undefined) {
      throw new SnowConfigError('Configure either a VA token or a signing secret, not both');
    }
  }

  /** Opens the chat and asks for a live agent, passing the user's first message and routing context. */
  startLiveChat(req: StartLiveChatRequest): Promise<VaAck> {
    return this.send('VA API start', req, {
      action: req.action ?? this.options.startAction ?? 'AGENT',
      message: { text: req.text, typed: true, clientMessageId: req.clientMessageId },
      contextVariables: { live_agent_only: 'true', ...req.contextVariables },
    });
  }

  /** A message from the user; ServiceNow passes it to the agent while one is connected. */
  sendMessage(req: UserMessageRequest): Promise<VaAck> {
    return this.send('VA API message', req, {
      message: {
        text: req.text,
        typed: req.typed ?? true,
        clientMessageId: req.clientMessageId,
        // Only when there is a file: the mere key hid messages from agents (fixed in app 3.14.2).
        ...attachmentField(req.attachments ?? []),
      },
    });
  }

  /** The user ended the chat. */
  endChat(ref: VaSessionRef): Promise<VaAck> {
    return this.send('VA API end', ref, {
      action: 'END_CONVERSATION',
      message: { text: '', typed: true },
    });
  }

  /** Shows (true) or clears (false) the user's typing indicator on the agent's side. */
  sendTyping(ref: VaSessionRef, typing: boolean): Promise<VaAck> {
    return this.send('VA API typing', ref, { action: typing ? 'TYPING' : 'VIEWING' });
  }

  private send(operation: string, ref: VaSessionRef, fields: Record<string, unknown>) {
    const requestId = (this.options.newRequestId ?? randomUUID)();
    // Serialised once: a retry repeats these exact bytes, with the same ids and signature.
    const body = JSON.stringify({
      requestId,
      clientSessionId: ref.clientSessionId,
      userId: ref.userId,
      ...(ref.emailId ? { emailId: ref.emailId } : {}),
      ...fields,
      timestamp: (this.options.now ?? Date.now)(),
      ...(ref.timezone ? { timezone: ref.timezone } : {}),
      ...(this.options.appInboundId ? { appInboundId: this.options.appInboundId } : {}),
    });
    return this.queue.run(ref.clientSessionId, async () => {
      const result = await this.options.http.post(operation, path, body, this.authHeaders(body));
      if (result.status !== 200) throw errorForStatus(operation, result);
      return acknowledged(operation, result.body, requestId);
    });
  }

  private authHeaders(body: string): Record<string, string> {
    const { vaToken, signingSecret } = this.options;
    if (signingSecret !== undefined) return { 'x-b2b-signature': sign(body, signingSecret) };
    return vaToken === undefined ? {} : { token: vaToken };
  }
}

/** Hex HMAC-SHA1 of the exact body bytes, keyed with the shared secret (hash message auth). */
export function sign(body: string, secret: string): string {
  return createHmac('sha1', secret).update(body, 'utf8').digest('hex');
}

function attachmentField(files: readonly VaAttachment[]): Record<string, unknown> {
  if (files.length === 0) return {};
  const [only] = files;
  return { attachment: files.length === 1 && only ? attachmentOf(only) : files.map(attachmentOf) };
}

function attachmentOf(a: VaAttachment): Record<string, unknown> {
  return {
    ...(a.clientAttachmentId === undefined ? {} : { clientAttachmentId: a.clientAttachmentId }),
    contentType: a.contentType,
    fileName: a.fileName,
    url: a.url,
    ...(a.headers === undefined ? {} : { headers: { ...a.headers } }),
  };
}

function acknowledged(operation: string, body: unknown, requestId: string): VaAck {
  const status = (body as { status?: unknown } | undefined)?.status;
  if (typeof status === 'string' && status.toLowerCase() === 'success') return { requestId };
  if (typeof status === 'string' && status.toLowerCase() === 'failure') {
    throw new SnowRejectedError(`${operation}: ServiceNow answered status "failure"`, 200);
  }
  throw new SnowBadResponseError(
    `${operation}: ServiceNow's answer is not a VA API acknowledgement`,
    200,
  );
}
