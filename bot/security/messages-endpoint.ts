// POST /api/messages: a well-formed activity goes to CloudAdapter, which verifies its token and
// runs the turn. What CloudAdapter answers is passed on, except that error bodies (its messages,
// sometimes an exception's text) are replaced with a stable code, and any refused token is a 401.
import type { CloudAdapter, Response as BotResponse, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Request, Response } from 'restify';
import { ActivityShape } from './activity-shape.js';
import type { VerifiedBotAuthentication } from './bot-auth.js';
import { errorCodeFor } from './http-errors.js';

export interface MessagesEndpointOptions {
  readonly adapter: CloudAdapter;
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
    const answer = new CapturedResponse();
    await adapter.process(req, answer, options.logic);
    if (auth.wasRefused(req.body)) {
      res.send(401, { error: errorCodeFor(401) });
    } else if (answer.code >= 400) {
      if (answer.code >= 500) log.error({ status: answer.code }, 'turn failed with no answer');
      res.send(answer.code, { error: errorCodeFor(answer.code) });
    } else if (answer.body === undefined) {
      res.status(answer.code);
      res.end();
    } else {
      res.send(answer.code, answer.body);
    }
  };
}

/** Collects what CloudAdapter answers, so that it can be checked before anything is sent. */
class CapturedResponse implements BotResponse {
  readonly socket = undefined;
  code = 200;
  body: unknown;

  status(code: number): void {
    this.code = code;
  }

  end(): void {
    // Nothing to flush: the endpoint writes the real response afterwards.
  }

  header(): void {
    // CloudAdapter sets no header the endpoint needs to pass on.
  }

  send(body: unknown): void {
    this.body = body;
  }
}
