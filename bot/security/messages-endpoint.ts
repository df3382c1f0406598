// POST /api/messages: a well-formed activity is authenticated here, then CloudAdapter runs its
// turn. Authenticating first means a refused token is answered 401 without an exception ever
// reaching CloudAdapter's own catch, which would write it to console.error (outside the JSON log)
// and answer 500 for a forged signature; it also skips CloudAdapter's per-request schema checks,
// which ActivityShape already does. Error bodies are a stable code, never an exception's text.
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Request, Response } from 'restify';
import { ActivityShape } from './activity-shape.js';
import type { VerifiedBotAuthentication } from './bot-auth.js';
import { errorCodeFor } from './http-errors.js';
import type { AuthenticatedRequest, TurnAdapter } from './turn-adapter.js';

export interface MessagesEndpointOptions {
  readonly adapter: TurnAdapter;
  readonly auth: VerifiedBotAuthentication;
  readonly logic: (context: TurnContext) => Promise<void>;
  readonly log: Logger;
}

export function messagesHandler(
  options: MessagesEndpointOptions,
): (req: Request, res: Response) => Promise<void> {
  const { adapter, auth, log } = options;
  const shape = new ActivityShape();
  return async (req, res) => {
    const problems = shape.problems(req.body);
    if (problems !== undefined) {
      log.warn({ problems }, 'request to /api/messages is not a well-formed activity');
      res.send(400, { error: 'invalid_activity', problems });
      return;
    }
    const activity = withDates(req.body as Activity);
    let authenticated: AuthenticatedRequest;
    try {
      authenticated = await auth.authenticateRequest(activity, authorizationOf(req));
    } catch {
      // VerifiedBotAuthentication has logged why, without the token.
      res.send(401, { error: errorCodeFor(401) });
      return;
    }
    let answer: { status: number; body?: unknown } | undefined;
    try {
      answer = await adapter.runTurn(authenticated, activity, options.logic);
    } catch (err) {
      log.error({ err }, 'turn failed with no answer');
      res.send(500, { error: errorCodeFor(500) });
      return;
    }
    const status = answer?.status ?? 200;
    if (status >= 400) {
      if (status >= 500) log.error({ status }, 'turn failed with no answer');
      res.send(status, { error: errorCodeFor(status) });
    } else if (answer?.body === undefined) {
      res.status(status);
      res.end();
    } else {
      res.send(status, answer.body);
    }
  };
}

function authorizationOf(req: Request): string {
  const header = req.headers.authorization;
  return typeof header === 'string' ? header : '';
}

/** Timestamps as Dates, as botbuilder's own request handling leaves them (the raw text kept). */
function withDates(activity: Activity): Activity {
  const raw = activity as unknown as Record<string, unknown>;
  for (const [field, rawField] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = raw[field];
    if (typeof value === 'string') {
      raw[rawField] = value;
      raw[field] = new Date(value);
    }
  }
  return activity;
}
