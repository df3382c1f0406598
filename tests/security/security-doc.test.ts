// SECURITY.md matches the code: every error code, refusal reason, secret (with its rotation),
// security setting and limit it should describe is named in it, with the values the code uses.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SECRET_ENV_KEYS, projectRoot } from '../../bot/config/index.js';
import {
  HttpErrorCodes,
  MAX_JSON_DEPTH,
  MAX_TEXT_LENGTH,
  WebhookAuthFailures,
} from '../../bot/security/index.js';

const doc = readFileSync(`${projectRoot()}/SECURITY.md`, 'utf8');

describe('SECURITY.md', () => {
  it('documents every HTTP error code with its status', () => {
    for (const [status, code] of Object.entries(HttpErrorCodes)) {
      assert.ok(doc.includes(`\`${code}\` (${status}`), `${code} (${status})`);
    }
    for (const code of [
      'invalid_activity',
      'too_deeply_nested',
      'invalid_json',
      'invalid_callback',
      'unknown_session',
    ]) {
      assert.ok(doc.includes(code), code);
    }
  });

  it('names the reasons a webhook call is refused', () => {
    for (const reason of Object.values(WebhookAuthFailures))
      assert.ok(doc.includes(reason), reason);
  });

  it('explains how to rotate every secret', () => {
    const rotation = doc.slice(doc.indexOf('## Rotating secrets'));
    for (const key of SECRET_ENV_KEYS) assert.ok(rotation.includes(key), key);
  });

  it('states the limits the code applies', () => {
    assert.ok(doc.includes(`deeper than ${MAX_JSON_DEPTH} levels`));
    assert.ok(
      doc.includes(
        `at most ${MAX_TEXT_LENGTH.toLocaleString('en-US').replace(',', ' ')} characters`,
      ),
    );
    for (const key of ['WEBHOOK_RATE_LIMIT', 'TRUSTED_PROXY_HOPS', 'ALLOWED_TENANT_IDS']) {
      assert.ok(doc.includes(key), key);
    }
  });
});
