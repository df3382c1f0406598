// NODE_ENV=production refuses, each with its own clear line, what is only fit for a laptop:
// no Bot Framework credentials (anyone could post to /api/messages), no webhook key, no Cosmos DB
// (memory only) and sandbox mode (a simulated ServiceNow).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig, type Environment } from '../../../bot/config/index.js';
import { problemsOf } from './support.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

const complete = {
  NODE_ENV: 'production',
  MicrosoftAppId: APP_ID,
  MicrosoftAppPassword: 'app-password-value',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: TENANT,
  SERVICENOW_INSTANCE_URL: 'https://example.service-now.com',
  SERVICENOW_USERNAME: 'bot.integration',
  SERVICENOW_PASSWORD: 'sn-password-value',
  SERVICENOW_CALLBACK_API_KEY: 'callback-key-0123456789',
  COSMOS_ENDPOINT: 'https://account.documents.azure.com',
  COSMOS_KEY: 'cosmos-key-value',
};

function without(...keys: (keyof typeof complete)[]): Environment {
  return Object.fromEntries(Object.entries(complete).filter(([k]) => !keys.includes(k as never)));
}

describe('production configuration', () => {
  it('starts with app credentials, an instance, a webhook key and Cosmos DB', () => {
    const config = loadConfig(complete);
    assert.equal(config.production, true);
    assert.equal(config.serviceNow.mode, 'instance');
    assert.equal(config.cosmos.mode, 'remote');
  });

  it('refuses to run without Bot Framework app credentials', () => {
    assert.deepEqual(
      problemsOf(
        without(
          'MicrosoftAppId',
          'MicrosoftAppPassword',
          'MicrosoftAppType',
          'MicrosoftAppTenantId',
        ),
      ),
      [
        'MicrosoftAppId: required when NODE_ENV is production (without it /api/messages accepts requests from anyone)',
        'MicrosoftAppPassword: required when NODE_ENV is production, unless MicrosoftAppType is UserAssignedMsi (the bot must prove who it is to Teams)',
      ],
    );
  });

  it('refuses a multi-tenant app id without its password', () => {
    const env = {
      ...without('MicrosoftAppPassword', 'MicrosoftAppTenantId'),
      MicrosoftAppType: 'MultiTenant',
    };
    assert.deepEqual(problemsOf(env), [
      'MicrosoftAppPassword: required when NODE_ENV is production, unless MicrosoftAppType is UserAssignedMsi (the bot must prove who it is to Teams)',
    ]);
  });

  it('accepts a user-assigned managed identity, which has no password', () => {
    const config = loadConfig({
      ...without('MicrosoftAppPassword'),
      MicrosoftAppType: 'UserAssignedMsi',
    });
    assert.equal(config.bot.appType, 'UserAssignedMsi');
    assert.equal(config.bot.appPassword, undefined);
  });

  it('refuses to run without the webhook key', () => {
    assert.deepEqual(problemsOf(without('SERVICENOW_CALLBACK_API_KEY')), [
      'SERVICENOW_CALLBACK_API_KEY: required when NODE_ENV is production (ServiceNow must authenticate on the webhook)',
      'SERVICENOW_CALLBACK_API_KEY: required when SERVICENOW_INSTANCE_URL is set',
    ]);
  });

  it('refuses to run without Cosmos DB', () => {
    assert.deepEqual(problemsOf(without('COSMOS_ENDPOINT', 'COSMOS_KEY')), [
      'COSMOS_ENDPOINT: required when NODE_ENV is production (the embedded store keeps data in memory only)',
    ]);
  });

  it('refuses sandbox mode', () => {
    const env = without('SERVICENOW_INSTANCE_URL', 'SERVICENOW_USERNAME', 'SERVICENOW_PASSWORD');
    assert.deepEqual(problemsOf(env), [
      'SERVICENOW_INSTANCE_URL: required when NODE_ENV is production (without it the bot runs in sandbox mode against a simulated ServiceNow)',
    ]);
  });

  it('reports every missing piece at once', () => {
    const keys = problemsOf({ NODE_ENV: 'production' }).map((p) => p.split(':')[0]);
    assert.deepEqual(keys, [
      'COSMOS_ENDPOINT',
      'MicrosoftAppId',
      'MicrosoftAppPassword',
      'SERVICENOW_CALLBACK_API_KEY',
      'SERVICENOW_INSTANCE_URL',
    ]);
  });

  it('lets development run with none of it', () => {
    const config = loadConfig({});
    assert.equal(config.production, false);
    assert.equal(config.serviceNow.mode, 'sandbox');
  });
});
