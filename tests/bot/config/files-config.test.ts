// The FILES_ settings: sensible defaults, loopback downloads in sandbox mode only, and every bad
// value reported by key without echoing it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../bot/config/index.js';
import { instance, problemsOf } from './support.js';

describe('files configuration', () => {
  it('defaults to 25 MB, 5 files a message, common types, 4 transfers and 15-minute links', () => {
    const { files } = loadConfig(instance);
    assert.equal(files.maxBytes, 25 * 1024 * 1024);
    assert.equal(files.maxPerMessage, 5);
    assert.equal(files.maxTransfers, 4);
    assert.equal(files.linkTtlMs, 15 * 60 * 1000);
    assert.ok(
      files.allowedTypes.includes('image/png') && files.allowedTypes.includes('application/pdf'),
    );
    assert.ok(!files.allowedTypes.includes('text/html'), 'no type a browser runs as a page');
    assert.deepEqual(files.downloadHosts, ['*.sharepoint.com', '*.sharepoint.us']);
    assert.equal(files.allowLoopback, false, 'a real instance downloads over HTTPS only');
    assert.equal(loadConfig({}).files.allowLoopback, true, 'sandbox mode runs on loopback');
  });

  it('reads every setting', () => {
    const { files } = loadConfig({
      ...instance,
      FILES_MAX_MB: '10',
      FILES_MAX_PER_MESSAGE: '2',
      FILES_ALLOWED_TYPES: 'image/*,application/pdf',
      FILES_MAX_TRANSFERS: '8',
      FILES_LINK_SECONDS: '300',
      FILES_LINK_SECRET: 'a'.repeat(32),
      FILES_PUBLIC_URL: 'https://bot.example.com/',
      FILES_DOWNLOAD_HOSTS: '*.sharepoint.com,files.contoso.com',
      FILES_PROVIDER_APPLICATION_ID: '0123456789abcdef0123456789abcdef',
    });
    assert.equal(files.maxBytes, 10 * 1024 * 1024);
    assert.deepEqual(files.allowedTypes, ['image/*', 'application/pdf']);
    assert.equal(files.publicUrl, 'https://bot.example.com');
    assert.equal(files.linkTtlMs, 300_000);
    assert.deepEqual(files.downloadHosts, ['*.sharepoint.com', 'files.contoso.com']);
    assert.equal(files.providerApplicationId, '0123456789abcdef0123456789abcdef');
  });

  it('reports each bad value by key, and never the secret', () => {
    const problems = problemsOf({
      ...instance,
      FILES_MAX_MB: '0',
      FILES_MAX_PER_MESSAGE: 'many',
      FILES_ALLOWED_TYPES: 'pdf',
      FILES_MAX_TRANSFERS: '0',
      FILES_LINK_SECONDS: '5',
      FILES_LINK_SECRET: 'short-secret-value',
      FILES_PUBLIC_URL: 'ftp://bot.example.com',
      FILES_DOWNLOAD_HOSTS: 'https://evil.example.com/',
      FILES_ALLOW_LOOPBACK: 'yes',
    });
    const keys = problems.map((p) => p.split(':')[0]);
    assert.deepEqual(keys, [
      'FILES_ALLOWED_TYPES',
      'FILES_ALLOW_LOOPBACK',
      'FILES_DOWNLOAD_HOSTS',
      'FILES_LINK_SECONDS',
      'FILES_LINK_SECRET',
      'FILES_MAX_MB',
      'FILES_MAX_PER_MESSAGE',
      'FILES_MAX_TRANSFERS',
      'FILES_PUBLIC_URL',
    ]);
    assert.ok(!problems.join('\n').includes('short-secret-value'));
  });

  it('refuses loopback downloads in production', () => {
    const problems = problemsOf({
      ...instance,
      NODE_ENV: 'production',
      FILES_ALLOW_LOOPBACK: 'true',
    });
    assert.ok(
      problems.includes('FILES_ALLOW_LOOPBACK: must not be true in production'),
      problems.join('\n'),
    );
  });
});
