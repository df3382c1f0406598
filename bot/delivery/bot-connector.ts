// A lean client of the Bot Connector REST API (v3 conversation activities) for the bot's proactive
// sends. It posts exactly where and what botbuilder's proactive turn would post
// (`outgoing-activity.ts` for the body): `{serviceUrl}/v3/conversations/{id}/activities/{replyToId}`
// (replyToActivity) when the activity replies to one, else `.../activities` (sendToConversation),
// with the bot's bearer token from its usual credentials. It skips what the SDK builds for every
// send and the relay does not use: a turn, its middleware and a request pipeline of policies
// (retries among them: the sender runs its own, paced, see teams-sender.ts). Connections are
// kept alive per BotConnector; redirects are not followed (the Bot Connector does not send them,
// and the token must not go anywhere else); the answer's body is read and dropped (nothing uses
// the id it carries), except on failure, where its error code is kept for the logs.
import {
  Agent as HttpAgent,
  request as httpRequest,
  validateHeaderValue,
  type ClientRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Activity, ConversationReference } from 'botbuilder';
import {
  BotConnectorError,
  BotConnectorErrorCodes as Codes,
  type BotConnectorErrorCode,
} from './connector-errors.js';
import { addressingOf, outgoingActivity, type Addressing } from './outgoing-activity.js';

export interface BotAuthorization {
  /** The Authorization header for calls to `serviceUrl`; undefined when authentication is off. */
  authorization(serviceUrl: string): Promise<string | undefined>;
}

export interface BotConnectorOptions {
  readonly authorization: BotAuthorization;
  /** Bound of one request, from sending it to the end of the answer. */
  readonly timeoutMs?: number;
}

/** A conversation's address, worked out once for any number of sends (see BotConnector.address). */
export interface ConversationAddress {
  readonly serviceUrl: string;
  readonly conversationId: string;
  readonly addressing: Addressing;
  readonly secure: boolean;
  readonly hostname: string;
  readonly port?: number;
  /** `{serviceUrl's path}/v3/conversations/{conversationId}/activities`, encoded. */
  readonly activitiesPath: string;
}

const defaultTimeoutMs = 10_000;
/** Idle kept-alive connections are closed after this, before a server could drop them unseen. */
const idleSocketMs = 30_000;
const userAgent = 'Microsoft-BotFramework/3.1 teams-servicenow-live-agent';
const maxErrorBodyBytes = 16 * 1024;

export class BotConnector {
  private readonly http = new HttpAgent({ keepAlive: true, timeout: idleSocketMs });
  private readonly https = new HttpsAgent({ keepAlive: true, timeout: idleSocketMs });
  private readonly timeoutMs: number;

  constructor(private readonly options: BotConnectorOptions) {
    this.timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  }

  /**
   * The address of `reference`'s conversation. Throws BotConnectorError (CONNECTOR_BAD_ADDRESS)
   * when it has no http(s) serviceUrl or no conversation id fit for a header.
   */
  address(reference: Partial<ConversationReference>): ConversationAddress {
    const { serviceUrl } = reference;
    const conversationId = reference.conversation?.id;
    const url = parseServiceUrl(serviceUrl);
    if (serviceUrl === undefined || url === undefined || !conversationId) {
      throw failure(Codes.CONNECTOR_BAD_ADDRESS, 'No serviceUrl or conversation id');
    }
    try {
      validateHeaderValue('x-ms-conversation-id', conversationId);
    } catch (error) {
      throw failure(Codes.CONNECTOR_BAD_ADDRESS, 'Unusable conversation id', error);
    }
    const base = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
    return {
      serviceUrl,
      conversationId,
      addressing: addressingOf(reference),
      secure: url.protocol === 'https:',
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      ...(url.port === '' ? {} : { port: Number(url.port) }),
      activitiesPath: `${base}v3/conversations/${encodeURIComponent(conversationId)}/activities`,
    };
  }

  /** Sends one activity into the conversation; rejects with BotConnectorError. */
  async send(address: ConversationAddress, activity: Partial<Activity>): Promise<void> {
    const outgoing = outgoingActivity(activity, address.addressing);
    const replyToId = outgoing.replyToId;
    const path =
      typeof replyToId === 'string' && replyToId !== ''
        ? `${address.activitiesPath}/${encodeURIComponent(replyToId)}`
        : address.activitiesPath;
    const body = JSON.stringify(outgoing);
    const authorization = await this.authorize(address.serviceUrl);
    await this.post(address, path, body, authorization);
  }

  /** Closes kept connections (after the last send). */
  close(): void {
    this.http.destroy();
    this.https.destroy();
  }

  private async authorize(serviceUrl: string): Promise<string | undefined> {
    try {
      return await this.options.authorization.authorization(serviceUrl);
    } catch (error) {
      throw failure(Codes.CONNECTOR_NO_TOKEN, 'No token for the Bot Connector', error);
    }
  }

  private post(
    address: ConversationAddress,
    path: string,
    body: string,
    authorization: string | undefined,
  ): Promise<void> {
    const headers: OutgoingHttpHeaders = {
      accept: '*/*',
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'user-agent': userAgent,
      'x-ms-conversation-id': address.conversationId,
    };
    if (authorization !== undefined) headers.authorization = authorization;
    const { hostname, port, secure } = address;
    const agent = secure ? this.https : this.http;
    const request = secure ? httpsRequest : httpRequest;
    const open = () => request({ agent, hostname, port, path, method: 'POST', headers });
    return exchange(open, body, this.timeoutMs);
  }
}

/** Sends `body` on the request `open` makes and settles with the answer, within `timeoutMs`. */
function exchange(open: () => ClientRequest, body: string, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let request: ClientRequest;
    try {
      request = open();
    } catch (error) {
      // A header Node refuses (a token with a line break, say): nothing went out.
      reject(failure(Codes.CONNECTOR_NETWORK, 'The request could not be made', error));
      return;
    }
    // Once the connector answered 2xx it has the activity: whatever happens to the rest of the
    // answer, the send succeeded (failing it would post the activity a second time).
    let accepted = false;
    let settled = false;
    const finish = (error?: BotConnectorError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error === undefined || accepted) resolve();
      else reject(error);
    };
    const timer = setTimeout(() => {
      finish(failure(Codes.CONNECTOR_TIMEOUT, 'The Bot Connector did not answer in time'));
      request.destroy();
    }, timeoutMs);
    request.on('error', (error) => {
      finish(failure(Codes.CONNECTOR_NETWORK, 'The Bot Connector could not be reached', error));
    });
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        readRefusal(response, status, finish);
        return;
      }
      accepted = true;
      response.on('end', () => {
        finish();
      });
      response.on('error', () => {
        finish();
      });
      response.resume();
    });
    request.end(body);
  });
}

function failure(code: BotConnectorErrorCode, message: string, cause?: unknown): BotConnectorError {
  return new BotConnectorError(code, message, {}, cause === undefined ? undefined : { cause });
}

/** Reads a failed answer (a bounded part of it) into the error it settles with. */
function readRefusal(
  response: IncomingMessage,
  status: number,
  finish: (error: BotConnectorError) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const refused = (): BotConnectorError =>
    new BotConnectorError(Codes.CONNECTOR_STATUS, `The Bot Connector answered ${status}`, {
      statusCode: status,
      headers: response.headers,
      connectorCode: connectorCodeOf(Buffer.concat(chunks)),
    });
  response.on('data', (chunk: Buffer) => {
    if (size >= maxErrorBodyBytes) return;
    chunks.push(chunk);
    size += chunk.length;
  });
  response.on('end', () => {
    finish(refused());
  });
  response.on('error', () => {
    finish(refused());
  });
}

/** The `error.code` of a Bot Connector error body, if it has one. */
function connectorCodeOf(body: Buffer): string | undefined {
  if (body.length === 0) return undefined;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { error?: { code?: unknown } } | null;
    const code = parsed?.error?.code;
    return typeof code === 'string' ? code.slice(0, 100) : undefined;
  } catch {
    // Not JSON (a gateway's HTML page, say): the status says enough.
    return undefined;
  }
}

function parseServiceUrl(serviceUrl: string | undefined): URL | undefined {
  if (serviceUrl === undefined) return undefined;
  const url = URL.canParse(serviceUrl) ? new URL(serviceUrl) : undefined;
  return url?.protocol === 'http:' || url?.protocol === 'https:' ? url : undefined;
}
