// Teams-shaped activities and raw posts to the bot's two endpoints, for tests that need to send
// what no well-behaved client would.
import { randomUUID } from 'node:crypto';

export interface PostResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

export function activity(serviceUrl: string, fields: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'en-US',
    text: 'hello',
    from: { id: `29:${randomUUID()}`, name: 'Mallory', aadObjectId: randomUUID() },
    recipient: { id: '28:bot', name: 'Live Agent' },
    conversation: { id: `a:${randomUUID()}`, conversationType: 'personal' },
    ...fields,
  };
}

export async function post(
  url: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<PostResult> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Basic auth header value. */
export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** No answer ever carries a stack trace or an exception's text. */
export function looksLikeStackTrace(text: string): boolean {
  return /\n\s+at |\bat [\w.<>]+ \(|node_modules|\.ts:\d+|Error: /.test(text);
}
