// The optional extra header ServiceNow sends on every callback ("Name: value"), a second secret
// besides Basic auth. Problems describe the format only: the value is a secret.

export interface SharedHeader {
  /** Lower case, as Node presents incoming header names. */
  readonly name: string;
  readonly value: string;
}

export type SharedHeaderCheck = { readonly header: SharedHeader } | { readonly problem: string };

/** An HTTP field name (RFC 9110 token). */
const NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Visible ASCII and inner spaces only: no control characters, nothing a proxy could rewrite. */
const VALUE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
const MIN_VALUE_LENGTH = 16;

/** Headers that clients, proxies or this bot already give a meaning to. */
const RESERVED = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'host',
  'content-type',
  'content-length',
  'transfer-encoding',
  'connection',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'user-agent',
  'accept',
]);

export function parseSharedHeader(text: string): SharedHeaderCheck {
  const colon = text.indexOf(':');
  if (colon <= 0) return { problem: 'must look like "Name: value"' };
  const name = text.slice(0, colon).trim().toLowerCase();
  const value = text.slice(colon + 1).trim();
  if (!NAME.test(name)) return { problem: 'must start with a valid header name before ":"' };
  if (RESERVED.has(name)) return { problem: 'must not use a standard header name' };
  if (value.length < MIN_VALUE_LENGTH || !VALUE.test(value)) {
    return {
      problem: `must have a value of at least ${MIN_VALUE_LENGTH} visible ASCII characters after ":"`,
    };
  }
  return { header: { name, value } };
}
