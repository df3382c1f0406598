// Callbacks parsed by the webhook, by the stored body they were parsed from: the delivery that
// follows at once on the same instance finds the parse here instead of repeating it. Weakly held,
// so an entry lives exactly as long as the body it belongs to (the queue item in hand); a body
// read back from the store is another object and is parsed again.
import type { SnowCallback } from '@live-agent/snow';

const parsed = new WeakMap<object, SnowCallback>();

export function rememberParsed(body: unknown, callback: SnowCallback): void {
  if (typeof body === 'object' && body !== null) parsed.set(body, callback);
}

export function parsedCallbackOf(body: unknown): SnowCallback | undefined {
  return typeof body === 'object' && body !== null ? parsed.get(body) : undefined;
}
