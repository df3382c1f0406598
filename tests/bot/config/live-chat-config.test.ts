// The live chat deadlines and the delivery timings: defaults aligned with ServiceNow, values in
// seconds (fractions allowed where tests need them), and a reminder that must come before the
// idle timeout it warns of.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, type Environment } from '../../../bot/config/index.js';

function problemsOf(env: Environment): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}

describe('live chat and delivery configuration', () => {
  it('defaults to ServiceNow’s 6-minute idle timeout, a reminder a minute before, a week of TTL', () => {
    const config = loadConfig({});
    assert.deepEqual(config.liveChat, {
      startTimeoutMs: 120_000,
      idleTimeoutMs: 360_000,
      idleReminderMs: 60_000,
      serviceNowSurveyMs: 900_000,
      serviceNowSurveyWaitMs: 10_000,
      endedSessionTtlSeconds: 604_800,
    });
    assert.deepEqual(config.delivery, {
      sweepIntervalMs: 10_000,
      leaseMs: 30_000,
      userMessages: 'direct',
    });
  });

  it('reads seconds, including fractions for the sweep, and 0 to turn the idle timeout off', () => {
    const config = loadConfig({
      LIVE_CHAT_START_TIMEOUT_SECONDS: '30',
      LIVE_CHAT_IDLE_TIMEOUT_SECONDS: '0',
      LIVE_CHAT_IDLE_REMINDER_SECONDS: '0',
      LIVE_CHAT_SERVICENOW_SURVEY_SECONDS: '0',
      LIVE_CHAT_SERVICENOW_SURVEY_WAIT_SECONDS: '2.5',
      ENDED_SESSION_TTL_SECONDS: '3600',
      DELIVERY_SWEEP_SECONDS: '0.5',
      DELIVERY_LEASE_SECONDS: '5',
      DELIVERY_USER_MESSAGES: 'outbox',
    });
    assert.equal(config.liveChat.startTimeoutMs, 30_000);
    assert.equal(config.liveChat.idleTimeoutMs, 0);
    assert.equal(config.liveChat.endedSessionTtlSeconds, 3600);
    assert.equal(config.liveChat.serviceNowSurveyMs, 0);
    assert.equal(config.liveChat.serviceNowSurveyWaitMs, 2500);
    assert.deepEqual(config.delivery, {
      sweepIntervalMs: 500,
      leaseMs: 5000,
      userMessages: 'outbox',
    });
  });

  it('reports every bad timing at once, by key', () => {
    const problems = problemsOf({
      LIVE_CHAT_START_TIMEOUT_SECONDS: 'soon',
      LIVE_CHAT_IDLE_TIMEOUT_SECONDS: '-1',
      LIVE_CHAT_SERVICENOW_SURVEY_SECONDS: '7200',
      LIVE_CHAT_SERVICENOW_SURVEY_WAIT_SECONDS: 'later',
      ENDED_SESSION_TTL_SECONDS: '1.5',
      DELIVERY_SWEEP_SECONDS: '0',
      DELIVERY_LEASE_SECONDS: '0.5',
      DELIVERY_USER_MESSAGES: 'sometimes',
    });
    for (const key of [
      'LIVE_CHAT_START_TIMEOUT_SECONDS',
      'LIVE_CHAT_IDLE_TIMEOUT_SECONDS',
      'LIVE_CHAT_SERVICENOW_SURVEY_SECONDS',
      'LIVE_CHAT_SERVICENOW_SURVEY_WAIT_SECONDS',
      'ENDED_SESSION_TTL_SECONDS',
      'DELIVERY_SWEEP_SECONDS',
      'DELIVERY_LEASE_SECONDS',
      'DELIVERY_USER_MESSAGES',
    ]) {
      assert.ok(
        problems.some((p) => p.startsWith(`${key}:`)),
        `${key} is reported`,
      );
    }
  });

  it('refuses a reminder that would not come before the idle timeout', () => {
    assert.deepEqual(
      problemsOf({ LIVE_CHAT_IDLE_TIMEOUT_SECONDS: '60', LIVE_CHAT_IDLE_REMINDER_SECONDS: '60' }),
      ['LIVE_CHAT_IDLE_REMINDER_SECONDS: must be less than LIVE_CHAT_IDLE_TIMEOUT_SECONDS'],
    );
  });
});
