// Storage keys map to valid, distinct Cosmos DB ids, deterministically and reversibly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { idToKey, keyToId, MAX_ID_LENGTH } from '../../../bot/store/dialog-keys.js';

const keys = [
  'msteams/conversations/a:1abc/',
  'msteams/users/29:1xyz/',
  'a?b#c\\d/e*f%g h\tí',
  '键/値',
  '',
];

describe('dialog storage keys', () => {
  it('never produces the characters Cosmos DB forbids in ids', () => {
    for (const key of keys) assert.doesNotMatch(keyToId(key), /[/\\?#]/);
  });

  it('maps a key to the same id every time and back to the key', () => {
    for (const key of keys) {
      assert.equal(keyToId(key), keyToId(key));
      assert.equal(idToKey(keyToId(key)), key);
    }
  });

  it('keeps a Teams conversation key readable', () => {
    assert.equal(keyToId('msteams/conversations/a:1abc/'), 'msteams*2fconversations*2fa:1abc*2f');
  });

  it('does not confuse a key containing the escape character with an escaped one', () => {
    assert.notEqual(keyToId('a/b'), keyToId('a*2fb'));
  });

  it('hashes keys whose id would be too long, deterministically and within the limit', () => {
    const long = `msteams/conversations/${'a:'.repeat(200)}/`;
    const id = keyToId(long);
    assert.ok(id.length <= MAX_ID_LENGTH);
    assert.equal(id, keyToId(long));
    assert.notEqual(id, keyToId(`${long}x`));
    assert.equal(idToKey(id), undefined);
  });
});
