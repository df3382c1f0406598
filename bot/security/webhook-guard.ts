// The door of POST /api/servicenow/messages, before any byte of the body is read: authentication,
// with sources that keep failing it throttled. ServiceNow itself calls from a few addresses at
// whatever rate its agents type, so authenticated callbacks are never limited per source unless
// the admin sets a cap (WEBHOOK_RATE_LIMIT); a 429 to ServiceNow would only delay an agent's
// message. Everything that does not authenticate is limited by its failures, checked first.
import type { Logger } from 'pino';
import type { Next, Request, RequestHandler, Response } from 'restify';
import type { IngressConfig, WebhookConfig } from '../config/index.js';
import { sourceOf } from './client-address.js';
import { TokenBuckets, type Admission } from './rate-limiter.js';
import { checkWebhookCaller, type WebhookCredentials } from './webhook-auth.js';

/** Failed authentications a source may make: a burst of 10, then one every 6 seconds. */
const FAILURE_LIMIT = { capacity: 10, perSecond: 10 / 60 };

export interface WebhookGuardOptions {
  readonly webhook: WebhookConfig;
  readonly ingress: IngressConfig;
  readonly log: Logger;
  /** Clock for the rate limits; tests pass their own. */
  readonly now?: () => number;
}

export function webhookGuard(options: WebhookGuardOptions): RequestHandler {
  const { log, ingress } = options;
  const credentials = credentialsOf(options.webhook);
  const perMinute = ingress.webhookRequestsPerMinute;
  const capped =
    perMinute === undefined
      ? undefined
      : new TokenBuckets({ capacity: perMinute, perSecond: perMinute / 60 }, options.now);
  const failures = new TokenBuckets(FAILURE_LIMIT, options.now);

  return (req: Request, res: Response, next: Next) => {
    const source = sourceOf(req, ingress.trustedProxyHops);
    const throttle = (admission: Admission): boolean => {
      const refused = blocked(admission);
      if (refused === undefined) return false;
      log.warn({ source }, 'webhook caller throttled');
      res.header('Retry-After', String(refused.retryAfterSeconds));
      res.send(429, { error: 'too_many_requests' });
      next(false);
      return true;
    };
    if (throttle(failures.peek(source))) return;
    const failure = checkWebhookCaller(req.headers, credentials);
    if (failure !== undefined) {
      failures.take(source);
      log.warn({ source, reason: failure }, 'webhook call with missing or wrong credentials');
      res.header('WWW-Authenticate', 'Basic realm="servicenow-webhook", charset="UTF-8"');
      res.send(401, { error: 'unauthorized' });
      next(false);
      return;
    }
    if (capped !== undefined && throttle(capped.take(source))) return;
    next();
  };
}

function blocked(admission: Admission): Extract<Admission, { allowed: false }> | undefined {
  return admission.allowed ? undefined : admission;
}

function credentialsOf(webhook: WebhookConfig): WebhookCredentials {
  const apiKeys = [webhook.apiKey, webhook.nextApiKey].filter((k) => k !== undefined);
  // Without a key nobody could authenticate; refusing to start is clearer than 401s forever.
  if (apiKeys.length === 0) throw new Error('The ServiceNow webhook needs an API key');
  return { user: webhook.user, apiKeys, sharedHeaders: webhook.sharedHeaders ?? [] };
}
