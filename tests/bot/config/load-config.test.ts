// loadConfig: defaults, every invalid key reported at once, the rules between keys, no secret
// in any problem, and a frozen result.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../../bot/config/index.js';
import { problemsOf } from './support.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT = 'AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE';
const instance = {
  SERVICENOW_INSTANCE_URL: 'https://example.service-now.com/',
  SERVICENOW_USERNAME: 'bot.integration',
  SERVICENOW_PASSWORD: 'sn-password-value',
  SERVICENOW_CALLBACK_API_KEY: 'callback-key-0123456789',
};

describe('loadConfig', () => {
  it('runs with no environment at all: sandbox, embedded store, port 3978', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3978);
    assert.equal(config.logLevel, 'info');
    assert.equal(config.production, false);
    assert.deepEqual(config.bot, { appType: 'MultiTenant' });
    assert.deepEqual(config.serviceNow, { mode: 'sandbox' });
    assert.deepEqual(config.cosmos, { mode: 'embedded', database: 'live-agent' });
    assert.deepEqual(config.webhook, {});
    assert.equal(config.allowedTenantIds, undefined);
    assert.equal(config.handoff.options[0]?.id, 'agent_broker_instance_1');
  });

  it('treats empty and blank values as absent, as .env templates leave them', () => {
    const config = loadConfig({
      MicrosoftAppId: '',
      MicrosoftAppPassword: ' ',
      PORT: '',
      MicrosoftAppType: '',
    });
    assert.deepEqual(config.bot, { appType: 'MultiTenant' });
    assert.equal(config.port, 3978);
  });

  it('builds the instance, remote store and bot slices from a full environment', () => {
    const config = loadConfig({
      ...instance,
      SERVICENOW_VA_TOKEN: 'va-token-value',
      SERVICENOW_APP_INBOUND_ID: 'teams_bot',
      SERVICENOW_CALLBACK_USER: 'servicenow',
      COSMOS_ENDPOINT: 'https://account.documents.azure.com:443/',
      COSMOS_KEY: 'cosmos-key-value',
      COSMOS_DATABASE: 'chat',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'app-password-value',
      MicrosoftAppType: 'singletenant',
      MicrosoftAppTenantId: TENANT,
      PORT: '8080',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
      ALLOWED_TENANT_IDS: ` ${TENANT} , 00000000-0000-0000-0000-000000000001`,
    });
    assert.equal(config.port, 8080);
    assert.equal(config.production, true);
    assert.deepEqual(config.serviceNow, {
      mode: 'instance',
      instanceUrl: 'https://example.service-now.com',
      username: 'bot.integration',
      password: 'sn-password-value',
      vaToken: 'va-token-value',
      appInboundId: 'teams_bot',
    });
    assert.deepEqual(config.webhook, { user: 'servicenow', apiKey: 'callback-key-0123456789' });
    assert.deepEqual(config.cosmos, {
      mode: 'remote',
      endpoint: 'https://account.documents.azure.com',
      key: 'cosmos-key-value',
      database: 'chat',
    });
    assert.deepEqual(config.bot, {
      appId: APP_ID,
      appPassword: 'app-password-value',
      appType: 'SingleTenant',
      tenantId: TENANT,
    });
    assert.deepEqual(config.allowedTenantIds, [
      TENANT.toLowerCase(),
      '00000000-0000-0000-0000-000000000001',
    ]);
  });

  it('reports every invalid key at once, by name', () => {
    const problems = problemsOf({
      PORT: '70000',
      LOG_LEVEL: 'loud',
      MicrosoftAppId: 'not-a-guid',
      MicrosoftAppType: 'Everyone',
      ALLOWED_TENANT_IDS: 'tenant-1',
      COSMOS_DATABASE: 'a/b',
      SERVICENOW_CALLBACK_API_KEY: 'short',
      SERVICENOW_INSTANCE_URL: 'ftp://example.com',
      SERVICENOW_USERNAME: 'u',
      SERVICENOW_PASSWORD: 'p',
    });
    const keys = problems.map((p) => p.split(':')[0]).sort();
    assert.deepEqual(keys, [
      'ALLOWED_TENANT_IDS',
      'COSMOS_DATABASE',
      'LOG_LEVEL',
      'MicrosoftAppId',
      'MicrosoftAppType',
      'PORT',
      'SERVICENOW_CALLBACK_API_KEY',
      'SERVICENOW_INSTANCE_URL',
    ]);
    assert.ok(problems.includes('PORT: must be an integer from 0 (any free port) to 65535'));
  });

  it('rejects a port that is not a whole number', () => {
    assert.deepEqual(problemsOf({ PORT: '80a' }), [
      'PORT: must be an integer from 0 (any free port) to 65535',
    ]);
    assert.deepEqual(problemsOf({ PORT: '-1' }), [
      'PORT: must be an integer from 0 (any free port) to 65535',
    ]);
    assert.equal(loadConfig({ PORT: '0' }).port, 0);
  });

  it('requires the ServiceNow credentials and callback key with an instance', () => {
    assert.deepEqual(problemsOf({ SERVICENOW_INSTANCE_URL: 'https://example.service-now.com' }), [
      'SERVICENOW_CALLBACK_API_KEY: required when SERVICENOW_INSTANCE_URL is set',
      'SERVICENOW_PASSWORD: required when SERVICENOW_INSTANCE_URL is set without SERVICENOW_OAUTH_CLIENT_ID',
      'SERVICENOW_USERNAME: required when SERVICENOW_INSTANCE_URL is set without SERVICENOW_OAUTH_CLIENT_ID',
    ]);
  });

  it('accepts http:// only for loopback hosts', () => {
    for (const url of [
      'http://127.0.0.1:8080',
      'http://127.9.9.9',
      'http://localhost:3000/',
      'http://[::1]:99',
    ]) {
      const config = loadConfig({ ...instance, SERVICENOW_INSTANCE_URL: url });
      assert.equal(config.serviceNow.mode, 'instance', url);
    }
    for (const url of [
      'http://example.service-now.com',
      'http://10.0.0.1',
      'http://128.0.0.1',
      'http://localhost.example.com',
    ]) {
      assert.deepEqual(problemsOf({ ...instance, SERVICENOW_INSTANCE_URL: url }), [
        'SERVICENOW_INSTANCE_URL: must be https:// unless the host is loopback',
      ]);
    }
  });

  it('rejects instance URLs with a path, query or credentials', () => {
    const cases = {
      'https://example.service-now.com/api':
        'must be an origin only, without path, query or fragment',
      'https://example.service-now.com/?x=1':
        'must be an origin only, without path, query or fragment',
      'https://user:pw@example.service-now.com': 'must not contain credentials',
      'example.service-now.com': 'must be an absolute URL such as https://example.com',
    };
    for (const [url, reason] of Object.entries(cases)) {
      assert.deepEqual(problemsOf({ ...instance, SERVICENOW_INSTANCE_URL: url }), [
        `SERVICENOW_INSTANCE_URL: ${reason}`,
      ]);
    }
  });

  it('applies the same URL rule to the Cosmos DB endpoint and needs its key', () => {
    assert.deepEqual(problemsOf({ COSMOS_ENDPOINT: 'http://account.documents.azure.com' }), [
      'COSMOS_ENDPOINT: must be https:// unless the host is loopback',
      'COSMOS_KEY: required when COSMOS_ENDPOINT is set',
    ]);
    const local = loadConfig({ COSMOS_ENDPOINT: 'http://127.0.0.1:8081', COSMOS_KEY: 'k' });
    assert.deepEqual(local.cosmos, {
      mode: 'remote',
      endpoint: 'http://127.0.0.1:8081',
      key: 'k',
      database: 'live-agent',
    });
  });

  it('requires app id, tenant and password for SingleTenant', () => {
    assert.deepEqual(problemsOf({ MicrosoftAppType: 'SingleTenant' }), [
      'MicrosoftAppId: required when MicrosoftAppType is SingleTenant',
      'MicrosoftAppPassword: required when MicrosoftAppType is SingleTenant',
      'MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant',
    ]);
  });

  it('requires app id and tenant and forbids a password for UserAssignedMsi', () => {
    const env = {
      MicrosoftAppType: 'USERASSIGNEDMSI',
      MicrosoftAppId: APP_ID,
      MicrosoftAppTenantId: TENANT,
    };
    assert.equal(loadConfig(env).bot.appType, 'UserAssignedMsi');
    assert.deepEqual(problemsOf({ ...env, MicrosoftAppPassword: 'app-password-value' }), [
      'MicrosoftAppPassword: must not be set when MicrosoftAppType is UserAssignedMsi',
    ]);
    assert.deepEqual(problemsOf({ MicrosoftAppType: 'UserAssignedMsi', MicrosoftAppId: APP_ID }), [
      'MicrosoftAppTenantId: required when MicrosoftAppType is UserAssignedMsi',
    ]);
  });

  it('rejects a password without an app id', () => {
    assert.deepEqual(problemsOf({ MicrosoftAppPassword: 'app-password-value' }), [
      'MicrosoftAppId: required when MicrosoftAppPassword is set',
    ]);
  });

  it('never echoes a value, secret or not, in the problems or the message', () => {
    const secrets = {
      MicrosoftAppPassword: 'S3cret-app-password',
      SERVICENOW_PASSWORD: 'S3cret-sn-password',
      SERVICENOW_CALLBACK_API_KEY: 'S3cret',
      SERVICENOW_VA_TOKEN: 'S3cret-va-token',
      COSMOS_KEY: 'S3cret-cosmos-key',
    };
    try {
      loadConfig({
        ...secrets,
        SERVICENOW_INSTANCE_URL: 'http://S3cret-host.example.com',
        COSMOS_ENDPOINT: 'https://u:S3cret@x.example.com',
        MicrosoftAppType: 'UserAssignedMsi',
      });
      assert.fail('expected a ConfigError');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.ok(error.problems.length >= 5);
      assert.doesNotMatch(`${error.message}\n${error.problems.join('\n')}`, /S3cret/);
    }
  });

  it('returns a deeply frozen configuration', () => {
    const config = loadConfig({ ...instance, ALLOWED_TENANT_IDS: TENANT });
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.serviceNow));
    assert.ok(Object.isFrozen(config.allowedTenantIds));
    assert.ok(Object.isFrozen(config.handoff.options[0]?.contextVariables));
    assert.throws(() => {
      (config as { port: number }).port = 1;
    }, TypeError);
  });
});
