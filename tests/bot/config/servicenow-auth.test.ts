// ServiceNow authentication keys: a user and password, or an OAuth client instead; message auth
// by a static token, or by a signing secret instead.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../bot/config/index.js';
import { problemsOf } from './support.js';

const instance = {
  SERVICENOW_INSTANCE_URL: 'https://example.service-now.com',
  SERVICENOW_CALLBACK_API_KEY: 'callback-key-0123456789',
};
const oauth = {
  SERVICENOW_OAUTH_CLIENT_ID: 'teams-bot',
  SERVICENOW_OAUTH_CLIENT_SECRET: 'oauth-secret-value',
};

describe('loadConfig: ServiceNow authentication', () => {
  it('takes an OAuth client instead of a user and password', () => {
    const config = loadConfig({ ...instance, ...oauth });
    assert.deepEqual(config.serviceNow, {
      mode: 'instance',
      instanceUrl: 'https://example.service-now.com',
      oauth: { clientId: 'teams-bot', clientSecret: 'oauth-secret-value' },
    });
  });

  it('takes a signing secret instead of a token', () => {
    const config = loadConfig({
      ...instance,
      ...oauth,
      SERVICENOW_VA_SIGNING_SECRET: 'signing-secret-value',
    });
    assert.ok(config.serviceNow.mode === 'instance');
    assert.equal(config.serviceNow.vaSigningSecret, 'signing-secret-value');
    assert.equal(config.serviceNow.vaToken, undefined);
  });

  it('needs the OAuth client id and secret together', () => {
    assert.deepEqual(problemsOf({ ...instance, SERVICENOW_OAUTH_CLIENT_ID: 'teams-bot' }), [
      'SERVICENOW_OAUTH_CLIENT_SECRET: required when SERVICENOW_OAUTH_CLIENT_ID is set',
    ]);
    assert.deepEqual(problemsOf({ ...instance, SERVICENOW_OAUTH_CLIENT_SECRET: 'x' }), [
      'SERVICENOW_OAUTH_CLIENT_ID: required when SERVICENOW_OAUTH_CLIENT_SECRET is set',
      'SERVICENOW_PASSWORD: required when SERVICENOW_INSTANCE_URL is set without SERVICENOW_OAUTH_CLIENT_ID',
      'SERVICENOW_USERNAME: required when SERVICENOW_INSTANCE_URL is set without SERVICENOW_OAUTH_CLIENT_ID',
    ]);
  });

  it('refuses both a password and an OAuth client, and both a token and a signing secret', () => {
    const problems = problemsOf({
      ...instance,
      ...oauth,
      SERVICENOW_USERNAME: 'u',
      SERVICENOW_PASSWORD: 'sn-password-value',
      SERVICENOW_VA_TOKEN: 'va-token-value',
      SERVICENOW_VA_SIGNING_SECRET: 'signing-secret-value',
    });
    assert.deepEqual(problems, [
      'SERVICENOW_PASSWORD: must not be set when SERVICENOW_OAUTH_CLIENT_ID is set (the OAuth client replaces the user)',
      'SERVICENOW_USERNAME: must not be set when SERVICENOW_OAUTH_CLIENT_ID is set (the OAuth client replaces the user)',
      'SERVICENOW_VA_TOKEN: must not be set when SERVICENOW_VA_SIGNING_SECRET is set (the signature replaces the token)',
    ]);
    for (const secret of ['sn-password-value', 'oauth-secret-value', 'signing-secret-value']) {
      assert.ok(!problems.some((p) => p.includes(secret)));
    }
  });
});
