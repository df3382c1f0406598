// Security at the bot's doors: Bot Framework token verification and activity checks on
// /api/messages, authentication and rate limiting on the ServiceNow webhook, safe error bodies,
// and scrubbing of secrets from free text.
export { ActivityShape, MAX_TEXT_LENGTH } from './activity-shape.js';
export { neutraliseAgentText } from './agent-text.js';
export { VerifiedBotAuthentication, type BotAuthenticationOverrides } from './bot-auth.js';
export { sourceOf } from './client-address.js';
export { isSessionId } from './session-ids.js';
export { equalsAny, safeEqual } from './constant-time.js';
export { describeFatal, exitOnCrash } from './crash.js';
export { HttpErrorCodes, errorCodeFor, installSafeErrorResponses } from './http-errors.js';
export { MAX_JSON_DEPTH, exceedsJsonDepth, jsonDepthGuard } from './json-depth.js';
export { messagesHandler, type MessagesEndpointOptions } from './messages-endpoint.js';
export { TokenBuckets, type Admission, type RateLimit } from './rate-limiter.js';
export { TurnAdapter, type AuthenticatedRequest } from './turn-adapter.js';
export {
  REDACTED,
  redactSecrets,
  redactingDestination,
  secretValues,
  type LineSink,
} from './secrets.js';
export {
  WebhookAuthFailures,
  checkWebhookCaller,
  type WebhookAuthFailure,
  type WebhookCredentials,
} from './webhook-auth.js';
export { webhookGuard, type WebhookGuardOptions } from './webhook-guard.js';
