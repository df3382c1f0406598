// The door of POST /api/servicenow/messages, before any byte of the body is read: per-source rate
// limiting, then authentication. Failed authentications cost a source far more than requests do,
// so guessing the key is throttled long before ServiceNow's own traffic could ever be.
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
  const requests = new TokenBuckets(
    { capacity: perMinute, perSecond: perMinute / 60 },
    options.now,
  );
  const failures = new TokenBuckets(FAILURE_LIMIT, options.now);

  return (req: Request, res: Response, next: Next) => {
    const source = sourceOf(req, ingress.trustedProxyHops);
    const admission = blocked(failures.peek(source)) ?? blocked(requests.take(source));
    if (admission !== undefined) {
      log.warn({ source }, 'webhook caller throttled');
      res.header('Retry-After', String(admission.retryAfterSeconds));
      res.send(429, { error: 'too_many_requests' });
      next(false);
      return;
    }
    const failure = checkWebhookCaller(req.headers, credentials);
    if (failure !== undefined) {
      failures.take(source);
      log.warn({ source, reason: failure }, 'webhook call with missing or wrong credentials');
      res.header('WWW-Authenticate', 'Basic realm="servicenow-webhook", charset="UTF-8"');
      res.send(401, { error: 'unauthorized' });
      next(false);
      return;
    }
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
