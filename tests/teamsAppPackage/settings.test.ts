// Package settings: defaults, every problem at once by key, and the stable derived app id.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  deriveAppId,
  PackageError,
  PackageErrorCodes,
  readPackageSettings,
} from '../../teamsAppPackage/src/index.js';
import { BOT_ID, REQUIRED_ENV, settingsFor } from './support.js';

function problemsOf(env: Readonly<Record<string, string>>): readonly string[] {
  try {
    readPackageSettings(env, { version: '1.0.0' });
  } catch (error) {
    assert.ok(error instanceof PackageError);
    assert.equal(error.code, PackageErrorCodes.PACKAGE_SETTINGS_INVALID);
    return error.problems;
  }
  assert.fail('expected the settings to be rejected');
}

describe('Teams app package settings', () => {
  it('fills names, descriptions, colour and version from defaults', () => {
    const settings = settingsFor();
    assert.equal(settings.TEAMS_APP_NAME, 'Live Agent');
    assert.equal(settings.TEAMS_APP_VERSION, '1.2.3');
    assert.equal(settings.TEAMS_APP_ACCENT_COLOR, '#0E7A6F');
    assert.deepEqual(settings.TEAMS_APP_VALID_DOMAINS, []);
    assert.ok(settings.TEAMS_APP_DESCRIPTION.length <= 80);
  });

  it('reports every missing required key at once, by name', () => {
    const problems = problemsOf({});
    for (const key of Object.keys(REQUIRED_ENV)) {
      assert.ok(
        problems.some((p) => p.startsWith(`${key}: required`)),
        `${key} in ${problems.join('; ')}`,
      );
    }
  });

  it('names the key of an invalid value without repeating the value', () => {
    const problems = problemsOf({
      ...REQUIRED_ENV,
      TEAMS_APP_PRIVACY_URL: 'http://insecure.example.com/secret-path',
      TEAMS_APP_NAME: 'A name far too long for the Teams app bar',
      TEAMS_APP_VALID_DOMAINS: 'bot.example.com, not a domain',
    });
    assert.deepEqual(problems, [
      'TEAMS_APP_NAME: must be 1–30 characters',
      'TEAMS_APP_PRIVACY_URL: must be an https:// URL',
      'TEAMS_APP_VALID_DOMAINS: must be a comma-separated list of host names such as bot.example.com',
    ]);
    assert.ok(!problems.join('\n').includes('secret-path'));
  });

  it('derives the same Teams app id for the same bot, a different one for another bot', () => {
    const id = settingsFor().TEAMS_APP_ID;
    assert.equal(id, deriveAppId(BOT_ID.toUpperCase()));
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(id, BOT_ID);
    assert.notEqual(id, deriveAppId('00000000-0000-0000-0000-000000000001'));
  });

  it('uses an explicit app id, version and domain list when given', () => {
    const settings = settingsFor({
      TEAMS_APP_ID: 'AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE',
      TEAMS_APP_VERSION: '2.0.10',
      TEAMS_APP_VALID_DOMAINS: 'bot.contoso.com,*.contoso.net',
    });
    assert.equal(settings.TEAMS_APP_ID, 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee');
    assert.equal(settings.TEAMS_APP_VERSION, '2.0.10');
    assert.deepEqual(settings.TEAMS_APP_VALID_DOMAINS, ['bot.contoso.com', '*.contoso.net']);
  });
});
