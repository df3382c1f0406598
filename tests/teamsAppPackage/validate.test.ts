// Offline validation of a package from its zip bytes: layout, leftovers, schema, icons, commands.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import {
  buildAppPackage,
  ManifestSchemas,
  validateAppPackage,
} from '../../teamsAppPackage/src/index.js';
import { BOT_ID, settingsFor } from './support.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const schemas = new ManifestSchemas();

/** A valid package's files, to be altered one way per test. */
async function validFiles(): Promise<Map<string, Buffer | string>> {
  const built = await buildAppPackage({
    settings: settingsFor(),
    outFolder: mkdtempSync(join(tmpdir(), 'teams-validate-')),
    schemas,
  });
  const zip = await JSZip.loadAsync(built.bytes);
  const files = new Map<string, Buffer | string>();
  for (const name of Object.keys(zip.files)) {
    files.set(name, await zip.file(name)!.async('nodebuffer'));
  }
  return files;
}

async function zipOf(files: ReadonlyMap<string, Buffer | string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, data] of files) zip.file(name, data);
  return zip.generateAsync({ type: 'nodebuffer' });
}

function editManifest(
  files: Map<string, Buffer | string>,
  change: (m: Record<string, unknown>) => void,
): void {
  const manifest = JSON.parse(String(files.get('manifest.json'))) as Record<string, unknown>;
  change(manifest);
  files.set('manifest.json', JSON.stringify(manifest));
}

function png(size: number, pixel: readonly [number, number, number, number]): Buffer {
  const image = new PNG({ width: size, height: size });
  for (let i = 0; i < image.data.length; i += 4) image.data.set(pixel, i);
  return PNG.sync.write(image);
}

async function problemsOf(files: ReadonlyMap<string, Buffer | string>, expectedBotId?: string) {
  return validateAppPackage(await zipOf(files), {
    schemas,
    ...(expectedBotId === undefined ? {} : { expectedBotId }),
  });
}

describe('validating a Teams app package', () => {
  it('accepts the package the build produces, also for the expected bot id', async () => {
    assert.deepEqual(await problemsOf(await validFiles(), BOT_ID), []);
  });

  it('rejects files in a folder and files the manifest does not name', async () => {
    const files = await validFiles();
    files.set('package/manifest.json', files.get('manifest.json')!);
    files.delete('manifest.json');
    files.set('notes.txt', 'x');
    const problems = await problemsOf(files);
    assert.ok(problems.includes('package: manifest.json must be at the root of the zip'));
    assert.ok(
      problems.includes(
        'package: package/manifest.json is in a folder; every file must be at the zip root',
      ),
    );
    assert.ok(problems.includes('package: notes.txt is not referenced by the manifest'));
  });

  it('reports placeholders that were never filled in, by field', async () => {
    const files = await validFiles();
    editManifest(files, (m) => {
      m.id = '${{TEAMS_APP_ID}}';
    });
    const problems = await problemsOf(files);
    assert.ok(problems.includes('manifest.json /id: placeholder was not filled in'));
    assert.ok(problems.some((p) => p.startsWith('manifest.json /id: must match pattern')));
  });

  it('reads icon sizes and transparency from the PNGs', async () => {
    const files = await validFiles();
    files.set('color.png', png(96, [10, 20, 30, 255]));
    files.set('outline.png', png(32, [255, 0, 0, 255]));
    const problems = await problemsOf(files);
    assert.ok(problems.includes('color.png: must be 192×192 pixels, is 96×96'));
    assert.ok(problems.includes('outline.png: must have a transparent background'));
    assert.ok(
      problems.includes('outline.png: must be white on transparent (1024 pixels are not white)'),
    );
  });

  it('rejects an icon that is not a PNG or is missing', async () => {
    const files = await validFiles();
    files.set('color.png', 'GIF89a');
    files.delete('outline.png');
    const problems = await problemsOf(files);
    assert.ok(problems.includes('color.png: is not a readable PNG image'));
    assert.ok(
      problems.includes('manifest.json /icons/outline: outline.png is not at the root of the zip'),
    );
  });

  it('requires a personal bot with the three commands, for the configured bot id', async () => {
    const files = await validFiles();
    editManifest(files, (m) => {
      const bot = (m.bots as Record<string, unknown>[])[0]!;
      bot.scopes = ['team'];
      bot.commandLists = [{ scopes: ['team'], commands: [{ title: 'Help', description: 'x' }] }];
    });
    const problems = await problemsOf(files, '00000000-0000-0000-0000-000000000001');
    assert.deepEqual(problems, [
      'manifest.json /bots/0/scopes: must include "personal"',
      'manifest.json /bots/0/botId: is not the configured MicrosoftAppId',
      'manifest.json /bots/0/commandLists: missing the command(s) Live chat, End chat',
    ]);
  });

  it('says so when the bytes are not a zip', async () => {
    assert.deepEqual(await validateAppPackage(Buffer.from('not a zip'), { schemas }), [
      'package: is not a zip archive',
    ]);
  });
});
