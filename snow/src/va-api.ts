// The Virtual Agent API "bot-to-bot" integration (`POST /api/sn_va_as_service/bot/integration`):
// what the bot sends to ServiceNow for one chat. ServiceNow only acknowledges here; what happens
// next (queue, agent joined, agent messages, end) arrives later on the callback.
import { randomUUID } from 'node:crypto';
import { SnowBadResponseError, SnowRejectedError } from './errors.js';
import { errorForStatus, type SnowHttp } from './http.js';

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
  /** Routing and context for AWA (language, skills, ...); string values only. */
  readonly contextVariables?: Readonly<Record<string, string>>;
  /** Overrides the client's configured start action for this chat (e.g. per handoff option). */
  readonly action?: StartAction;
}

export interface UserMessageRequest extends VaSessionRef {
  readonly text: string;
  readonly clientMessageId: string;
  /** false when the text is an option the user picked rather than typed; default true. */
  readonly typed?: boolean;
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
  /** Provider application's inbound id, for instances with several primary bots. */
  readonly appInboundId?: string;
  readonly now?: () => number;
  readonly newRequestId?: () => string;
}

const path = 'api/sn_va_as_service/bot/integration';

export class VirtualAgentApi {
  constructor(private readonly options: VirtualAgentApiOptions) {}

  /** Opens the chat and asks for a live agent, passing the user's first message and routing context. */
  startLiveChat(req: StartLiveChatRequest): Promise<VaAck> {
    return this.send('VA API start', req, {
      action: req.action ?? this.options.startAction ?? 'AGENT',
      message: { text: req.text, typed: true, clientMessageId: req.clientMessageId },
      ...(req.contextVariables === undefined
        ? {}
        : { contextVariables: { ...req.contextVariables } }),
    });
  }

  /** A message from the user; ServiceNow passes it to the agent while one is connected. */
  sendMessage(req: UserMessageRequest): Promise<VaAck> {
    return this.send('VA API message', req, {
      message: { text: req.text, typed: req.typed ?? true, clientMessageId: req.clientMessageId },
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

  private async send(
    operation: string,
    ref: VaSessionRef,
    fields: Record<string, unknown>,
  ): Promise<VaAck> {
    const requestId = (this.options.newRequestId ?? randomUUID)();
    // `attachment` is never sent: its mere presence hid user messages from agents (fixed in 3.14.2).
    const body: Record<string, unknown> = {
      requestId,
      clientSessionId: ref.clientSessionId,
      userId: ref.userId,
      ...(ref.emailId ? { emailId: ref.emailId } : {}),
      ...fields,
      timestamp: (this.options.now ?? Date.now)(),
      ...(ref.timezone ? { timezone: ref.timezone } : {}),
      ...(this.options.appInboundId ? { appInboundId: this.options.appInboundId } : {}),
    };
    const headers: Record<string, string> = this.options.vaToken
      ? { token: this.options.vaToken }
      : {};
    const result = await this.options.http.post(operation, path, body, headers);
    if (result.status !== 200) throw errorForStatus(operation, result);
    const status = (result.body as { status?: unknown } | undefined)?.status;
    if (typeof status === 'string' && status.toLowerCase() === 'success') return { requestId };
    if (typeof status === 'string' && status.toLowerCase() === 'failure') {
      throw new SnowRejectedError(`${operation}: ServiceNow answered status "failure"`, 200);
    }
    throw new SnowBadResponseError(
      `${operation}: ServiceNow's answer is not a VA API acknowledgement`,
      200,
    );
  }
}
