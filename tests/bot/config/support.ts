// Shared by the configuration tests: a valid ServiceNow instance configuration, and the problems
// loadConfig reports for an environment it must refuse.
import assert from 'node:assert/strict';
import {
  ConfigError,
  ConfigErrorCodes,
  loadConfig,
  parseHandoffConfig,
  type Environment,
} from '../../../bot/config/index.js';

export const instance = {
  SERVICENOW_INSTANCE_URL: 'https://example.service-now.com',
  SERVICENOW_USERNAME: 'bot.integration',
  SERVICENOW_PASSWORD: 'sn-password-value',
  SERVICENOW_CALLBACK_API_KEY: 'callback-key-0123456789',
} as const;

/** The problems of an environment loadConfig must refuse (fails the test if it accepts it). */
export function problemsOf(env: Environment): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.code, ConfigErrorCodes.CONFIG_INVALID);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}

/** The problems of a handoff configuration parseHandoffConfig must refuse. */
export function handoffProblemsOf(raw: unknown): readonly string[] {
  try {
    parseHandoffConfig(raw, 'handoff.json');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.code, ConfigErrorCodes.HANDOFF_INVALID);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}
