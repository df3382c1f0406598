// The order in which the end-to-end tests find their browser, on every platform.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findBrowser, installedCandidates } from './support/browser.js';

const bundled = () => Promise.resolve('/tmp/bundled-chromium');
const only =
  (...present: string[]) =>
  (path: string) =>
    present.includes(path);

describe('finding a browser for the end-to-end tests', () => {
  it('uses CHROMIUM_PATH first, even when another browser is installed', async () => {
    const found = await findBrowser({
      env: { CHROMIUM_PATH: '/opt/my/chrome' },
      platform: 'linux',
      exists: only('/opt/my/chrome', '/usr/bin/chromium'),
      bundled,
    });
    assert.deepEqual(found, {
      executablePath: '/opt/my/chrome',
      source: 'CHROMIUM_PATH',
      args: [],
    });
  });

  it('fails, saying what to do, when CHROMIUM_PATH names nothing', async () => {
    await assert.rejects(
      findBrowser({ env: { CHROMIUM_PATH: '/nope' }, platform: 'linux', exists: only(), bundled }),
      /CHROMIUM_PATH is set to \/nope, which does not exist\. Set CHROMIUM_PATH to a Chrome/,
    );
  });

  it('prefers an installed browser to the bundled one', async () => {
    const found = await findBrowser({
      env: {},
      platform: 'linux',
      arch: 'x64',
      exists: only('/usr/bin/google-chrome'),
      bundled,
    });
    assert.equal(found.executablePath, '/usr/bin/google-chrome');
    assert.equal(found.source, 'installed');
  });

  it('falls back to the bundled Chromium on Linux x64', async () => {
    const found = await findBrowser({
      env: {},
      platform: 'linux',
      arch: 'x64',
      exists: only(),
      bundled,
    });
    assert.deepEqual(found, {
      executablePath: '/tmp/bundled-chromium',
      source: 'bundled',
      args: ['--no-zygote'],
    });
  });

  it('says what to do where no browser can be had', async () => {
    await assert.rejects(
      findBrowser({ env: {}, platform: 'linux', arch: 'arm64', exists: only(), bundled }),
      /No browser found for the end-to-end tests on linux\/arm64\. Set CHROMIUM_PATH/,
    );
    await assert.rejects(
      findBrowser({
        env: {},
        platform: 'linux',
        arch: 'x64',
        exists: only(),
        bundled: () => Promise.reject(new Error('disk full')),
      }),
      /The bundled Chromium could not be unpacked\. Set CHROMIUM_PATH/,
    );
  });

  it('looks at the usual places on macOS and Windows', () => {
    assert.ok(
      installedCandidates('darwin').includes(
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      ),
    );
    const windows = installedCandidates('win32', { PROGRAMFILES: 'C:\\Program Files' });
    assert.ok(windows.some((p) => p.endsWith('chrome.exe')));
    assert.ok(windows.some((p) => p.endsWith('msedge.exe')));
  });

  it('finds a browser on this machine', async () => {
    const found = await findBrowser();
    assert.ok(found.executablePath.length > 0);
  });
});
