// Shared by the callback parser tests: one parser, and shortcuts to its events and its issues.
import assert from 'node:assert/strict';
import { CallbackParser } from '../../../snow/src/callback/parse.js';
import { SnowCallbackError } from '../../../snow/src/errors.js';
import type { SnowEvent } from '../../../snow/src/events.js';
import { envelope } from './callback-fixtures.js';

export const instanceUrl = 'https://example.service-now.com';
export const parser = new CallbackParser({ instanceUrl });

/** The events of an envelope around these body items. */
export function eventsOf(
  body: unknown[],
  extra: Record<string, unknown> = {},
): readonly SnowEvent[] {
  return parser.parse(envelope(body, extra)).events;
}

/** The issues of a payload the parser must reject. */
export function issuesOf(payload: unknown): readonly string[] {
  try {
    parser.parse(payload);
  } catch (err) {
    assert.ok(err instanceof SnowCallbackError, String(err));
    assert.equal(err.code, 'SNOW_INVALID_CALLBACK');
    return err.issues;
  }
  assert.fail('the payload was accepted');
}
