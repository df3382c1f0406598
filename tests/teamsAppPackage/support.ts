// Settings and helpers shared by the Teams app package tests.
import { readPackageSettings, type PackageSettings } from '../../teamsAppPackage/src/index.js';

export const BOT_ID = '2f1c7c51-9d1e-4c33-8f5e-0d4d3b8f9a10';

export const REQUIRED_ENV = {
  MicrosoftAppId: BOT_ID,
  TEAMS_APP_DEVELOPER_NAME: 'Contoso IT',
  TEAMS_APP_WEBSITE_URL: 'https://it.contoso.com',
  TEAMS_APP_PRIVACY_URL: 'https://it.contoso.com/privacy',
  TEAMS_APP_TERMS_URL: 'https://it.contoso.com/terms',
} as const;

export function settingsFor(extra: Readonly<Record<string, string>> = {}): PackageSettings {
  return readPackageSettings({ ...REQUIRED_ENV, ...extra }, { version: '1.2.3' });
}
