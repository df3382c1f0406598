// Where /metrics is served and whether it needs a token: both optional, both checked at start-up.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SECRET_ENV_KEYS, loadConfig } from '../../../bot/config/index.js';
import { instance, problemsOf } from './support.js';

describe('metrics configuration', () => {
  it('serves /metrics beside the routes, without a token, by default', () => {
    assert.deepEqual(loadConfig(instance).metrics, {});
  });

  it('takes a port of its own and a bearer token', () => {
    const token = 'metrics-token-0123456789abcdef';
    const config = loadConfig({ ...instance, METRICS_PORT: '9464', METRICS_TOKEN: token });
    assert.deepEqual(config.metrics, { port: 9464, token });
    assert.ok(SECRET_ENV_KEYS.includes('METRICS_TOKEN'));
  });

  it('refuses the bot’s own port, a port that is not one, and a short token', () => {
    assert.deepEqual(problemsOf({ ...instance, PORT: '8080', METRICS_PORT: '8080' }), [
      'METRICS_PORT: must differ from PORT',
    ]);
    assert.deepEqual(problemsOf({ ...instance, METRICS_PORT: '70000', METRICS_TOKEN: 'short' }), [
      'METRICS_PORT: must be a port number from 1 to 65535',
      'METRICS_TOKEN: must be at least 24 characters long',
    ]);
    assert.deepEqual(problemsOf({ ...instance, METRICS_PORT: '3978' }), [
      'METRICS_PORT: must differ from PORT',
    ]);
  });
});
