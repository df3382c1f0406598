// The doctor validating the Teams app package with the package's own offline validator.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import {
  buildAppPackage,
  ManifestSchemas,
  readPackageSettings,
} from '../../../teamsAppPackage/src/index.js';
import { diagnose } from './support.js';

const botId = '6b0f7f0e-3c2a-4c59-9a51-2f4f0d7e8b21';
const packageEnv = {
  MicrosoftAppId: botId,
  MicrosoftAppPassword: 'app-password-0123456789',
  TEAMS_APP_DEVELOPER_NAME: 'Contoso IT',
  TEAMS_APP_WEBSITE_URL: 'https://it.contoso.com',
  TEAMS_APP_PRIVACY_URL: 'https://it.contoso.com/privacy',
  TEAMS_APP_TERMS_URL: 'https://it.contoso.com/terms',
};

describe('doctor: Teams app package valid', () => {
  const temp = mkdtempSync(join(tmpdir(), 'doctor-package-'));
  let valid: string;

  before(async () => {
    const built = await buildAppPackage({
      settings: readPackageSettings(packageEnv, { version: '1.0.0' }),
      outFolder: join(temp, 'built'),
      schemas: new ManifestSchemas(),
    });
    valid = built.path;
  });
  after(() => {
    rmSync(temp, { recursive: true, force: true });
  });

  it('passes for a package built for this bot', async () => {
    const d = await diagnose({ env: packageEnv, botUrl: false, packagePath: valid });
    const pkg = d.get('teams-package');
    assert.equal(pkg.status, 'pass', pkg.detail);
    assert.match(pkg.detail, /is valid; its bot id is MicrosoftAppId/);
  });

  it('takes the newest package from a folder', async () => {
    const d = await diagnose({ env: packageEnv, botUrl: false, packagePath: join(temp, 'built') });
    assert.equal(d.get('teams-package').status, 'pass');
  });

  it('fails naming the field when the package was built for another bot', async () => {
    const env = { ...packageEnv, MicrosoftAppId: '0d6e1b1a-8f7c-4a8e-9c71-5d3f1e2a4b60' };
    const d = await diagnose({ env, botUrl: false, packagePath: valid });
    const pkg = d.get('teams-package');
    assert.equal(pkg.status, 'fail');
    assert.match(pkg.detail, /\/bots\/0\/botId: is not the configured MicrosoftAppId/);
    assert.match(pkg.fix ?? '', /npm run package/);
    assert.equal(d.ok, false);
  });

  it('fails naming the field when the manifest lost its commands', async () => {
    const zip = await JSZip.loadAsync(readFileSync(valid));
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
      bots: { commandLists?: unknown }[];
    };
    delete manifest.bots[0]!.commandLists;
    zip.file('manifest.json', JSON.stringify(manifest));
    const broken = join(temp, 'broken.zip');
    writeFileSync(broken, await zip.generateAsync({ type: 'nodebuffer' }));
    const d = await diagnose({ env: packageEnv, botUrl: false, packagePath: broken });
    assert.equal(d.get('teams-package').status, 'fail');
    assert.match(d.get('teams-package').detail, /\/bots\/0\/commandLists: missing the command/);
  });

  it('names the settings still missing when no package was built', async () => {
    const empty = join(temp, 'empty');
    mkdirSync(empty);
    const env = { SERVICENOW_INSTANCE_URL: 'https://acme.service-now.com' };
    const d = await diagnose({ env, botUrl: false, packagePath: empty });
    const pkg = d.get('teams-package');
    assert.equal(pkg.status, 'fail');
    assert.match(pkg.detail, /no package built, and its settings are incomplete/);
    assert.match(pkg.detail, /TEAMS_APP_PRIVACY_URL: required/);
  });

  it('needs no package to try the bot in sandbox mode', async () => {
    const empty = join(temp, 'empty-sandbox');
    mkdirSync(empty);
    const d = await diagnose({ env: {}, botUrl: false, packagePath: empty });
    assert.equal(d.get('teams-package').status, 'skip');
  });
});
