// Scrubbing secrets from free text: the configured values are found raw and as they appear in
// JSON, header secrets by their value alone, and crash reports carry no secret.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  REDACTED,
  describeFatal,
  redactSecrets,
  redactingDestination,
  secretValues,
} from '../../bot/security/index.js';

const env = {
  SERVICENOW_PASSWORD: 'pa"ss\\word-123',
  SERVICENOW_CALLBACK_HEADER: 'X-Callback-Secret: shared-value-0123456',
  COSMOS_KEY: 'short',
  SERVICENOW_USERNAME: 'bot.integration',
};

describe('secrets', () => {
  it('lists the values of secret keys only, header values on their own too', () => {
    assert.deepEqual(secretValues(env).sort(), [
      'X-Callback-Secret: shared-value-0123456',
      'pa"ss\\word-123',
      'shared-value-0123456',
    ]);
  });

  it('redacts raw and JSON-escaped occurrences', () => {
    const secrets = secretValues(env);
    const line = JSON.stringify({ msg: `failed with pa"ss\\word-123 and shared-value-0123456` });
    const redacted = redactSecrets(line, secrets);
    assert.equal(redacted, JSON.stringify({ msg: `failed with ${REDACTED} and ${REDACTED}` }));
  });

  it('scrubs every line written through the redacting destination', () => {
    const lines: string[] = [];
    const destination = redactingDestination({ write: (l) => lines.push(l) }, ['topsecret-1']);
    destination.write('{"msg":"token topsecret-1 leaked"}\n');
    assert.deepEqual(lines, [`{"msg":"token ${REDACTED} leaked"}\n`]);
  });

  it('describes a fatal error by type, message and code, scrubbed', () => {
    const err = Object.assign(new Error('cannot reach db with key topsecret-1'), { code: 'EFAIL' });
    assert.equal(
      describeFatal(err, ['topsecret-1']),
      `Error: cannot reach db with key ${REDACTED} [EFAIL]`,
    );
    assert.equal(describeFatal('topsecret-1', ['topsecret-1']), 'non-error value thrown (string)');
  });
});
