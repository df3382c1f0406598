// HTTP plumbing shared by the VA API, the Table API and the Knowledge API: body reading, JSON
// answers in ServiceNow's error shape, Basic-auth checking, and list and count parameters.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json;charset=UTF-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** ServiceNow's REST error body. */
export function errorBody(message: string, detail: string | null): unknown {
  return { error: { message, detail }, status: 'failure' };
}

export function sendUnauthorized(res: ServerResponse): void {
  sendJson(res, 401, errorBody('User Not Authenticated', 'Required to provide Auth information'), {
    'www-authenticate': 'BASIC realm="Service-now"',
  });
}

export function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined)
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Headers as recorded for tests: the Authorization credentials are replaced by `[redacted]`. */
export function redactedHeaders(headers: Record<string, string>): Record<string, string> {
  const authorization = headers.authorization;
  if (authorization === undefined) return headers;
  const scheme = authorization.split(' ')[0] ?? '';
  return { ...headers, authorization: `${scheme} [redacted]` };
}

/** Compares secrets in constant time whatever their lengths. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function hasBasicAuth(
  req: IncomingMessage,
  credentials: { readonly username: string; readonly password: string },
): boolean {
  const header = req.headers.authorization ?? '';
  const match = /^basic\s+(\S+)$/i.exec(header);
  if (match?.[1] === undefined) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const userOk = sameSecret(decoded.slice(0, colon), credentials.username);
  const passwordOk = sameSecret(decoded.slice(colon + 1), credentials.password);
  return userOk && passwordOk;
}

export function basicAuthHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** Whether an Accept header admits a JSON answer. */
export function acceptsJson(accept: string): boolean {
  return accept
    .split(',')
    .map((part) => part.split(';')[0]?.trim().toLowerCase() ?? '')
    .some((type) => type === 'application/json' || type === 'application/*' || type === '*/*');
}

/** The body as a JSON object; undefined when it is not JSON or not an object (answered as 400). */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A comma-separated value's items, trimmed, without empty ones (none when it is absent). */
export function commaList(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** A whole-number parameter such as a limit or an offset; the fallback when absent or not one. */
export function countParam(value: string | null, fallback: number): number {
  return value !== null && /^\d+$/.test(value) ? Number(value) : fallback;
}
