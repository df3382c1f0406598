// `npm run package`: builds the zip from the settings, validated offline; a broken manifest
// fails naming the field (and the setting behind it) and writes nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import JSZip from 'jszip';
import { CardAction, commandOf } from '../../dialogs/index.js';
import {
  buildAppPackage,
  ManifestSchemas,
  PACKAGE_FOLDER,
  PackageError,
  PackageErrorCodes,
} from '../../teamsAppPackage/src/index.js';
import { BOT_ID, REQUIRED_ENV, settingsFor } from './support.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const schemas = new ManifestSchemas();
const temp = mkdtempSync(join(tmpdir(), 'teams-package-'));
after(() => {
  rmSync(temp, { recursive: true, force: true });
});

function folder(name: string): string {
  return join(temp, name);
}

/** The shipped template with one change, written to a temp file. */
function brokenTemplate(change: (manifest: Record<string, unknown>) => void): string {
  const manifest = JSON.parse(
    readFileSync(join(PACKAGE_FOLDER, 'manifest.json'), 'utf8'),
  ) as Record<string, unknown>;
  change(manifest);
  const path = join(temp, `template-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(manifest));
  return path;
}

async function problemsOfBuild(
  templatePath: string,
  outFolder: string,
): Promise<readonly string[]> {
  try {
    await buildAppPackage({ settings: settingsFor(), templatePath, outFolder, schemas });
  } catch (error) {
    assert.ok(error instanceof PackageError);
    assert.equal(error.code, PackageErrorCodes.PACKAGE_INVALID);
    return error.problems;
  }
  assert.fail('expected the build to fail');
}

describe('building the Teams app package', () => {
  it('puts manifest.json and both icons at the zip root, with every placeholder filled', async () => {
    const settings = settingsFor({ TEAMS_APP_VALID_DOMAINS: 'bot.contoso.com' });
    const built = await buildAppPackage({ settings, outFolder: folder('ok'), schemas });
    assert.equal(built.path, join(folder('ok'), 'live-agent-1.2.3.zip'));
    const zip = await JSZip.loadAsync(readFileSync(built.path));
    assert.deepEqual(Object.keys(zip.files).sort(), ['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
      id: string;
      manifestVersion: string;
      developer: { privacyUrl: string };
      validDomains: string[];
      bots: { botId: string; scopes: string[] }[];
    };
    assert.equal(manifest.manifestVersion, '1.29');
    assert.equal(manifest.id, settings.TEAMS_APP_ID);
    assert.equal(manifest.developer.privacyUrl, REQUIRED_ENV.TEAMS_APP_PRIVACY_URL);
    assert.deepEqual(manifest.validDomains, ['bot.contoso.com']);
    const bot = manifest.bots[0]!;
    assert.equal(bot.botId, BOT_ID);
    assert.deepEqual(bot.scopes, ['personal']);
    const icon = await zip.file('color.png')!.async('nodebuffer');
    assert.deepEqual(icon, readFileSync(join(PACKAGE_FOLDER, 'color.png')));
  });

  it('lists Help, Live chat and End chat, each a command the bot matches exactly', async () => {
    const built = await buildAppPackage({
      settings: settingsFor(),
      outFolder: folder('cmd'),
      schemas,
    });
    const manifest = built.manifest as {
      bots: { commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
    };
    const list = manifest.bots[0]!.commandLists[0]!;
    assert.deepEqual(list.scopes, ['personal']);
    const titles = list.commands.map((c) => c.title);
    assert.deepEqual(titles, ['Help', 'Live chat', 'End chat']);
    assert.deepEqual(
      titles.map((t) => commandOf(t)),
      [CardAction.getHelp, CardAction.liveChat, CardAction.endChat],
    );
  });

  it('gives the same bytes for the same settings', async () => {
    const a = await buildAppPackage({ settings: settingsFor(), outFolder: folder('a'), schemas });
    const b = await buildAppPackage({ settings: settingsFor(), outFolder: folder('b'), schemas });
    assert.ok(a.bytes.equals(b.bytes));
  });

  it('fails naming the field when the template breaks the schema, and writes nothing', async () => {
    const out = folder('broken');
    const problems = await problemsOfBuild(
      brokenTemplate((m) => {
        m.accentColor = 'white';
        (m.bots as { scopes: string[] }[])[0]!.scopes = ['personal', 'groupchat'];
      }),
      out,
    );
    assert.ok(problems.some((p) => p.startsWith('manifest.json /accentColor: must match pattern')));
    assert.ok(problems.some((p) => p.startsWith('manifest.json /bots/0/scopes/1: must be one of')));
    assert.throws(() => readdirSync(out), { code: 'ENOENT' });
  });

  it('names the setting behind a field that the schema rejects', async () => {
    const problems = await problemsOfBuild(
      brokenTemplate((m) => {
        (m.developer as Record<string, string>).websiteUrl = '${{TEAMS_APP_DEVELOPER_NAME}}';
      }),
      folder('source'),
    );
    assert.deepEqual(problems, [
      'manifest.json /developer/websiteUrl: must match pattern "^[Hh][Tt][Tt][Pp][Ss]?://" (set from TEAMS_APP_DEVELOPER_NAME)',
    ]);
  });

  it('fails when the template still names a setting that does not exist', async () => {
    await assert.rejects(
      buildAppPackage({
        settings: settingsFor(),
        templatePath: brokenTemplate((m) => {
          (m.name as Record<string, string>).short = '${{TEAMS_APP_TITLE}}';
        }),
        outFolder: folder('unknown'),
        schemas,
      }),
      (error: unknown) =>
        error instanceof PackageError &&
        error.code === PackageErrorCodes.PACKAGE_TEMPLATE_INVALID &&
        error.problems[0] === 'manifest.json /name/short: unknown placeholder ${{TEAMS_APP_TITLE}}',
    );
  });
});

describe('npm run package', () => {
  function runCli(args: readonly string[], env: Readonly<Record<string, string>>) {
    return spawnSync(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), join(root, 'teamsAppPackage/src/cli.ts'), ...args],
      { cwd: temp, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' },
    );
  }

  it('builds from the environment and validates the result', () => {
    const out = folder('cli');
    const built = runCli(['--out', out], REQUIRED_ENV);
    assert.equal(built.status, 0, built.stderr);
    assert.match(built.stdout, /Built and validated .*live-agent-0\.1\.0\.zip/);
    const validated = runCli(['--validate', join(out, 'live-agent-0.1.0.zip')], {});
    assert.equal(validated.status, 0, validated.stderr);
    assert.match(validated.stdout, /valid/);
  });

  it('exits 1 naming each missing setting', () => {
    const result = runCli(['--out', folder('cli-missing')], { MicrosoftAppId: 'not-a-guid' });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /MicrosoftAppId: must be the bot's GUID/);
    assert.match(result.stderr, /TEAMS_APP_PRIVACY_URL: required/);
  });
});
