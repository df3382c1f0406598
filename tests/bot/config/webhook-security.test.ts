// The webhook's security keys: a second API key and a shared header for rotations, the rate
// limit and the trusted proxy hops. Problems describe formats, never values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SECRET_ENV_KEYS, loadConfig } from '../../../bot/config/index.js';
import { ENV_KEYS } from '../../../bot/config/env-schema.js';
import { instance, problemsOf } from './support.js';

describe('webhook security configuration', () => {
  it('caps no authenticated webhook traffic and trusts no proxy by default', () => {
    assert.deepEqual(loadConfig(instance).ingress, { trustedProxyHops: 0 });
    const tuned = loadConfig({ ...instance, WEBHOOK_RATE_LIMIT: '120', TRUSTED_PROXY_HOPS: '1' });
    assert.deepEqual(tuned.ingress, { trustedProxyHops: 1, webhookRequestsPerMinute: 120 });
  });

  it('rejects rate limits and hop counts that are not small whole numbers', () => {
    assert.deepEqual(
      problemsOf({ ...instance, WEBHOOK_RATE_LIMIT: '0', TRUSTED_PROXY_HOPS: '1.5' }),
      [
        'TRUSTED_PROXY_HOPS: must be a whole number from 0 (no reverse proxy) to 10',
        'WEBHOOK_RATE_LIMIT: must be a whole number of requests per minute, from 1 to 100000',
      ],
    );
  });

  it('accepts a next API key and shared headers for rotations', () => {
    const config = loadConfig({
      ...instance,
      SERVICENOW_CALLBACK_API_KEY_NEXT: 'next-callback-key-0123456789',
      SERVICENOW_CALLBACK_HEADER: 'X-Callback-Secret: first-shared-secret-0123',
      SERVICENOW_CALLBACK_HEADER_NEXT: 'x-callback-secret:second-shared-secret-0123',
    });
    assert.equal(config.webhook.nextApiKey, 'next-callback-key-0123456789');
    assert.deepEqual(config.webhook.sharedHeaders, [
      { name: 'x-callback-secret', value: 'first-shared-secret-0123' },
      { name: 'x-callback-secret', value: 'second-shared-secret-0123' },
    ]);
  });

  it('needs the current key or header before a next one', () => {
    assert.deepEqual(
      problemsOf({
        SERVICENOW_CALLBACK_API_KEY_NEXT: 'next-callback-key-0123456789',
        SERVICENOW_CALLBACK_HEADER_NEXT: 'X-Callback-Secret: second-shared-secret-0123',
      }),
      [
        'SERVICENOW_CALLBACK_API_KEY: required when SERVICENOW_CALLBACK_API_KEY_NEXT is set',
        'SERVICENOW_CALLBACK_HEADER: required when SERVICENOW_CALLBACK_HEADER_NEXT is set',
      ],
    );
  });

  it('rejects malformed shared headers without echoing their values', () => {
    const cases = {
      'no-colon-S3cret-value-0123': 'must look like "Name: value"',
      'Bad Name: S3cret-value-0123456': 'must start with a valid header name before ":"',
      'Authorization: S3cret-value-0123456': 'must not use a standard header name',
      'X-Secret: S3cret-short':
        'must have a value of at least 16 visible ASCII characters after ":"',
      'X-Secret: S3cret\u0007control-char-0123':
        'must have a value of at least 16 visible ASCII characters after ":"',
    };
    for (const [value, reason] of Object.entries(cases)) {
      const problems = problemsOf({ ...instance, SERVICENOW_CALLBACK_HEADER: value });
      assert.deepEqual(problems, [`SERVICENOW_CALLBACK_HEADER: ${reason}`], value);
      assert.doesNotMatch(problems.join('\n'), /S3cret/);
    }
  });

  it('marks every credential-looking key as secret', () => {
    const looksSecret = ENV_KEYS.filter((k) => /PASSWORD|SECRET|TOKEN|_KEY|HEADER/i.test(k));
    assert.deepEqual([...SECRET_ENV_KEYS].sort(), [...looksSecret].sort());
  });
});
