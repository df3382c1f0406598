// Placeholder substitution inside the parsed manifest, list expansion and leftovers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  fillTemplate,
  findLeftoverPlaceholders,
  PackageError,
  PackageErrorCodes,
} from '../../teamsAppPackage/src/index.js';

describe('manifest template', () => {
  it('fills placeholders in string values, also inside longer text, and records their source', () => {
    const { manifest, sources } = fillTemplate(
      { name: { short: '${{NAME}}', full: 'The ${{ NAME }} app' }, n: 1, ok: true },
      { NAME: 'Help "desk"' },
    );
    assert.deepEqual(manifest, {
      name: { short: 'Help "desk"', full: 'The Help "desk" app' },
      n: 1,
      ok: true,
    });
    assert.equal(sources.get('/name/short'), 'NAME');
  });

  it('expands a list placeholder that is a whole array item into zero or more items', () => {
    const template = { validDomains: ['fixed.example.com', '${{DOMAINS}}'] };
    const none = fillTemplate(template, { DOMAINS: [] }).manifest;
    const two = fillTemplate(template, { DOMAINS: ['a.example.com', 'b.example.com'] }).manifest;
    assert.deepEqual(none, { validDomains: ['fixed.example.com'] });
    assert.deepEqual(two, {
      validDomains: ['fixed.example.com', 'a.example.com', 'b.example.com'],
    });
  });

  it('rejects unknown placeholders and misused lists, naming the field', () => {
    assert.throws(
      () => fillTemplate({ a: { b: '${{NOPE}}' }, c: 'x ${{LIST}}' }, { LIST: ['x'] }),
      (error: unknown) => {
        assert.ok(error instanceof PackageError);
        assert.equal(error.code, PackageErrorCodes.PACKAGE_TEMPLATE_INVALID);
        assert.deepEqual(error.problems, [
          'manifest.json /a/b: unknown placeholder ${{NOPE}}',
          'manifest.json /c: ${{LIST}} is a list and must be a whole array item',
        ]);
        return true;
      },
    );
  });

  it('finds placeholders that were never filled in', () => {
    assert.deepEqual(
      findLeftoverPlaceholders({ id: '${{TEAMS_APP_ID}}', list: ['ok', 'x${{Y}}'], n: 2 }),
      ['/id', '/list/1'],
    );
    assert.deepEqual(findLeftoverPlaceholders({ id: 'filled' }), []);
  });
});
