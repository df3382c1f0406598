// Who may call the ServiceNow webhook: Basic auth whose password is the callback API key (either
// key during a rotation), the configured user name when there is one, and the extra shared
// header when one is configured. Every secret is compared in constant time.
import type { IncomingHttpHeaders } from 'node:http';
import type { SharedHeader } from '../config/index.js';
import { equalsAny, safeEqual } from './constant-time.js';

export interface WebhookCredentials {
  readonly user?: string;
  /** The keys accepted now: the current one and, during a rotation, the next one. */
  readonly apiKeys: readonly string[];
  /** When not empty, one of these headers must be present with its value. */
  readonly sharedHeaders: readonly SharedHeader[];
}

/** Why a call was refused; logged, never sent back (it would help a guesser). */
export const WebhookAuthFailures = {
  NO_CREDENTIALS: 'no_credentials',
  WRONG_CREDENTIALS: 'wrong_credentials',
  WRONG_SHARED_HEADER: 'wrong_shared_header',
} as const;
export type WebhookAuthFailure = (typeof WebhookAuthFailures)[keyof typeof WebhookAuthFailures];

/** Undefined when the caller is authenticated, else the reason it is not. */
export function checkWebhookCaller(
  headers: IncomingHttpHeaders,
  expected: WebhookCredentials,
): WebhookAuthFailure | undefined {
  const basic = basicCredentials(headers.authorization);
  if (basic === undefined) return WebhookAuthFailures.NO_CREDENTIALS;
  const userOk = expected.user === undefined || safeEqual(basic.user, expected.user);
  const keyOk = equalsAny(basic.password, expected.apiKeys);
  if (!userOk || !keyOk) return WebhookAuthFailures.WRONG_CREDENTIALS;
  if (!sharedHeaderOk(headers, expected.sharedHeaders)) {
    return WebhookAuthFailures.WRONG_SHARED_HEADER;
  }
  return undefined;
}

function basicCredentials(
  header: string | undefined,
): { readonly user: string; readonly password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function sharedHeaderOk(headers: IncomingHttpHeaders, expected: readonly SharedHeader[]): boolean {
  if (expected.length === 0) return true;
  let found = false;
  for (const { name, value } of expected) {
    const actual = headers[name];
    const text = typeof actual === 'string' ? actual.trim() : '';
    found = safeEqual(text, value) || found;
  }
  return found;
}
