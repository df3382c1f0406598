// POST /api/servicenow/messages: ServiceNow's callbacks. A valid, authenticated callback is written
// to the session's inbox first (under the next sequence number, which fixes its order), then
// acknowledged with 200, and only then delivered to Teams in the background, so that the answer is
// fast (ServiceNow gives up after 5 s) and a delivery problem never becomes a 5xx (which makes
// ServiceNow abandon the interaction). Only when the store cannot take it is the answer 503, so
// that nothing is dropped silently. A repeated callback is stored again and recognised (by its
// digest and message ids) when it is delivered.
import { hash } from 'node:crypto';
import { SnowCallbackError, type CallbackParser, type SnowCallback } from '@live-agent/snow';
import type { Request, Response } from 'restify';
import type { Logger } from 'pino';
import type { SessionQueues } from './delivery/queues.js';
import type { Sessions } from './live-chat/sessions.js';
import type { LiveChatSession, Versioned } from './store/types.js';
import { isSessionId } from './security/session-ids.js';
import { lazyChild } from './logging.js';
import { rememberParsed } from './live-chat/parsed-callbacks.js';

/** The caller is already authenticated (bot/security's webhook guard, before the body is read). */
export interface WebhookOptions {
  /** Compiled once: building the schema validators is far costlier than using them. */
  readonly parser: CallbackParser;
  readonly sessions: Sessions;
  readonly queues: SessionQueues;
  readonly log: Logger;
  /** Answer 503 when storing takes longer than this (ServiceNow waits 5 s); default 4 s. */
  readonly ackDeadlineMs?: number;
  /** Ended sessions whose ServiceNow post-chat survey may still run take callbacks. */
  readonly postChat?: { isOpen(session: LiveChatSession): boolean };
}

type Accepted = 'accepted' | 'ignored' | 'unknown';

export function webhookHandler(
  options: WebhookOptions,
): (req: Request, res: Response) => Promise<void> {
  const { log } = options;
  return async (req, res) => {
    const raw = rawBody(req);
    const parsed = parse(raw, options, log);
    if ('error' in parsed) {
      res.send(400, parsed);
      return;
    }
    const { callback } = parsed;
    const cbLog = lazyChild(log, {
      sessionId: callback.clientSessionId,
      interactionId: callback.interactionId,
      requestId: callback.requestId,
    });
    let outcome: Accepted;
    try {
      outcome = await withDeadline(accept(options, parsed, raw), options.ackDeadlineMs ?? 4000);
    } catch (err) {
      // Nothing (certainly) stored: a 503 tells ServiceNow the callback was not taken.
      cbLog.error({ err }, 'store unavailable; callback refused with 503');
      res.send(503, { error: 'temporarily_unavailable' });
      return;
    }
    if (outcome === 'unknown') {
      cbLog.warn('callback for an unknown session');
      res.send(404, { error: 'unknown_session' });
      return;
    }
    if (outcome === 'ignored') cbLog.info('callback for an ended session; acknowledged, not shown');
    res.send(200, { status: outcome });
  };
}

/** Stores the callback in the session's inbox (and notes the session's first answer). */
async function accept(options: WebhookOptions, parsed: Parsed, raw: string): Promise<Accepted> {
  const { callback, body } = parsed;
  const sessionId = callback.clientSessionId;
  if (!isSessionId(sessionId)) return 'unknown';
  // The version this instance wrote last (after the previous callback's delivery, usually) saves
  // the read: the append below is a compare-and-swap that catches anything newer. An ended
  // session stays ended, so an old version saying so is right (whether ServiceNow's survey still
  // runs after the end is read again); a missing one is read.
  const kept = options.sessions.lastSeen(sessionId);
  const session = kept ?? (await options.sessions.get(sessionId));
  if (session === undefined) return 'unknown';
  if (session.value.state === 'ended' && !(await acceptsAfterEnd(options, session, kept))) {
    return 'ignored';
  }
  // The first answer is noted once per session.
  if (session.value.firstCallbackAt === undefined) await options.sessions.markAnswered(sessionId);
  // The delivery that follows at once on this instance uses this parse rather than repeating it.
  rememberParsed(body, callback);
  await options.queues.toUser(sessionId, { kind: 'callback', body }, `d:${digest(raw)}`);
  return 'accepted';
}

/**
 * Whether an ended session still takes callbacks (ServiceNow's own survey after the close). The
 * survey's window changes after the end, so a kept version that says no is checked by a read.
 */
async function acceptsAfterEnd(
  options: WebhookOptions,
  session: Versioned<LiveChatSession>,
  kept: Versioned<LiveChatSession> | undefined,
): Promise<boolean> {
  const { postChat } = options;
  if (postChat === undefined) return false;
  if (postChat.isOpen(session.value)) return true;
  if (kept === undefined) return false;
  const current = await options.sessions.get(session.value.id);
  return current !== undefined && postChat.isOpen(current.value);
}

interface Parsed {
  readonly callback: SnowCallback;
  /** The JSON as received: what the inbox stores. */
  readonly body: unknown;
}

/** Rejects when `work` takes longer than `ms` (the work itself carries on). */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`The store did not answer within ${ms} ms`));
    }, ms);
  });
  return Promise.race([work, deadline]).finally(() => {
    clearTimeout(timer);
  });
}

function parse(
  raw: string,
  options: WebhookOptions,
  log: Logger,
): Parsed | { error: string; issues?: string[] } {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    log.warn({ bytes: raw.length }, 'webhook body is not JSON');
    return { error: 'invalid_json' };
  }
  try {
    return { callback: options.parser.parse(body), body };
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

function sha256(text: string): Buffer {
  return hash('sha256', text, 'buffer');
}

function digest(raw: string): string {
  return sha256(raw).toString('hex').slice(0, 32);
}
