// The nesting scan: counts only brackets outside strings, handles escapes, and never recurses,
// so that even the deepest body a request can carry is measured safely.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exceedsJsonDepth } from '../../bot/security/index.js';

describe('exceedsJsonDepth', () => {
  it('measures objects and arrays', () => {
    assert.equal(exceedsJsonDepth('{"a":[{"b":1}]}', 3), false);
    assert.equal(exceedsJsonDepth('{"a":[{"b":[1]}]}', 3), true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    assert.equal(exceedsJsonDepth(JSON.stringify({ text: '[[[[{{{{' }), 1), false);
    assert.equal(exceedsJsonDepth(JSON.stringify({ text: 'say \\"[[[[\\"' }), 1), false);
  });

  it('handles a body nested a hundred thousand levels without a stack overflow', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    assert.equal(exceedsJsonDepth(deep, 64), true);
  });
});
