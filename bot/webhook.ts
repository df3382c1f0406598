// POST /api/servicenow/messages: ServiceNow's callbacks. A valid, authenticated callback is written
// to the inbox first, acknowledged with 200, and only then delivered to Teams, so that the answer
// is fast (ServiceNow gives up after 5 s) and a delivery problem never becomes a 5xx (which makes
// ServiceNow abandon the interaction).
import { createHash, timingSafeEqual } from 'node:crypto';
import { SnowCallbackError, type CallbackParser, type SnowCallback } from '@live-agent/snow';
import type { Request, Response } from 'restify';
import type { Logger } from 'pino';
import type { AgentToUserRelay } from './live-chat/agent-relay.js';
import type { KeyedQueue } from './live-chat/keyed-queue.js';
import type { Sessions } from './live-chat/sessions.js';
import type { InboxStore } from './store/types.js';

export interface WebhookOptions {
  /** Basic auth that ServiceNow's outbound REST message uses; the password is the API key. */
  readonly credentials: { readonly user?: string; readonly apiKey: string };
  /** Compiled once: building the schema validators is far costlier than using them. */
  readonly parser: CallbackParser;
  readonly sessions: Sessions;
  readonly inbox: InboxStore;
  readonly relay: AgentToUserRelay;
  readonly queue: KeyedQueue;
  readonly log: Logger;
}

export function webhookHandler(
  options: WebhookOptions,
): (req: Request, res: Response) => Promise<void> {
  const { log } = options;
  return async (req, res) => {
    if (!authorized(req.header('authorization'), options.credentials)) {
      log.warn(
        { remote: req.socket.remoteAddress },
        'webhook call with missing or wrong credentials',
      );
      res.header('WWW-Authenticate', 'Basic realm="servicenow-webhook", charset="UTF-8"');
      res.send(401, { error: 'unauthorized' });
      return;
    }
    const raw = rawBody(req);
    const callback = parse(raw, options, log);
    if ('error' in callback) {
      res.send(400, callback);
      return;
    }
    const cbLog = log.child({ sessionId: callback.clientSessionId, requestId: callback.requestId });
    let inboxId: string;
    try {
      const session = await options.sessions.get(callback.clientSessionId);
      if (session === undefined) {
        cbLog.warn('callback for an unknown session');
        res.send(404, { error: 'unknown_session' });
        return;
      }
      inboxId = `${callback.clientSessionId}:${digest(raw)}`;
      const added = await options.inbox.add({
        id: inboxId,
        sessionId: callback.clientSessionId,
        receivedAt: new Date().toISOString(),
        payload: JSON.parse(raw) as unknown,
      });
      if (!added) {
        cbLog.info('duplicate callback acknowledged again, not delivered twice');
        res.send(200, { status: 'duplicate' });
        return;
      }
    } catch (err) {
      // Nothing was written: a 503 tells ServiceNow the callback was not taken (never silently dropped).
      cbLog.error({ err }, 'store unavailable; callback refused with 503');
      res.send(503, { error: 'temporarily_unavailable' });
      return;
    }
    res.send(200, { status: 'accepted' });
    void options.queue
      .run(callback.clientSessionId, () => deliver(options, inboxId, callback))
      .catch((err: unknown) => {
        cbLog.error({ err, inboxId }, 'callback not delivered; it stays in the inbox');
      });
  };
}

async function deliver(
  options: WebhookOptions,
  inboxId: string,
  callback: SnowCallback,
): Promise<void> {
  await options.relay.deliver(callback.clientSessionId, callback);
  await options.inbox.remove(inboxId);
}

function parse(
  raw: string,
  options: WebhookOptions,
  log: Logger,
): SnowCallback | { error: string; issues?: string[] } {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    log.warn({ bytes: raw.length }, 'webhook body is not JSON');
    return { error: 'invalid_json' };
  }
  try {
    return options.parser.parse(body);
  } catch (err) {
    if (!(err instanceof SnowCallbackError)) throw err;
    log.warn({ issues: err.issues }, 'webhook body is not a valid ServiceNow callback');
    return { error: 'invalid_callback', issues: err.issues };
  }
}

/** The body as text, whatever Content-Type ServiceNow sent (it is not documented). */
function rawBody(req: Request): string {
  const body: unknown = req.body;
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  return '';
}

function authorized(header: string | undefined, expected: WebhookOptions['credentials']): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (match?.[1] === undefined) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const userOk = expected.user === undefined || safeEqual(decoded.slice(0, colon), expected.user);
  const keyOk = safeEqual(decoded.slice(colon + 1), expected.apiKey);
  return userOk && keyOk;
}

/** Constant-time comparison (over digests, so that lengths do not leak either). */
function safeEqual(actual: string, expected: string): boolean {
  return timingSafeEqual(sha256(actual), sha256(expected));
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function digest(raw: string): string {
  return sha256(raw).toString('hex').slice(0, 32);
}
