import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SnowQueryValueError } from '../../snow/src/errors.js';
import { EncodedQuery, checkSysId } from '../../snow/src/query.js';

const injections = [
  'x^NQactive=true',
  'a^ORb',
  'v\nactive=true',
  'v\ractive=true',
  'javascript:gs.x()',
  '  JavaScript:gs.getUser()',
  'x^ORDERBYsys_id',
  'x^^NQactive=true',
  'tab\there',
  'nul\u0000',
];

describe('EncodedQuery', () => {
  it('builds conditions and ordering in the encoded-query syntax', () => {
    const query = EncodedQuery.where('active', '=', 'true')
      .and('opened_for', '=', '0123456789abcdef0123456789abcdef')
      .and('state', '!=', 'closed_complete')
      .and('type', 'IN', ['chat', 'phone'])
      .orderByDesc('sys_created_on');
    assert.equal(
      query.toString(),
      'active=true^opened_for=0123456789abcdef0123456789abcdef^state!=closed_complete^typeINchat,phone^ORDERBYDESCsys_created_on',
    );
  });

  it('accepts dot-walked fields and ascending order', () => {
    assert.equal(
      EncodedQuery.where('opened_for.email', 'STARTSWITH', 'abel').orderBy('number').toString(),
      'opened_for.emailSTARTSWITHabel^ORDERBYnumber',
    );
  });

  it('is immutable: and() returns a new query', () => {
    const base = EncodedQuery.where('active', '=', 'true');
    base.and('type', '=', 'chat');
    assert.equal(base.toString(), 'active=true');
  });

  it('never lets a value add a condition, an OR group, an ordering or a script', () => {
    for (const value of injections) {
      assert.throws(
        () => EncodedQuery.where('email', '=', value),
        SnowQueryValueError,
        JSON.stringify(value),
      );
      assert.throws(
        () => EncodedQuery.where('active', '=', 'true').and('email', '=', value),
        SnowQueryValueError,
      );
      assert.throws(() => EncodedQuery.where('sys_id', 'IN', ['a', value]), SnowQueryValueError);
    }
  });

  it('keeps every accepted value inside its one condition', () => {
    // Deterministic pseudo-random strings over the characters that matter to the syntax.
    const alphabet = [
      '^',
      'N',
      'Q',
      'O',
      'R',
      '=',
      ',',
      'a',
      'j',
      'javascript:',
      '\n',
      '\r',
      ' ',
      '@',
      'IN',
      'ORDERBY',
    ];
    let seed = 42;
    // High bits only: the low bits of this generator cycle quickly.
    const next = () => Math.floor((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 16);
    let accepted = 0;
    for (let i = 0; i < 2000; i++) {
      const value = Array.from(
        { length: 1 + (next() % 6) },
        () => alphabet[next() % alphabet.length],
      ).join('');
      let encoded: string;
      try {
        encoded = EncodedQuery.where('email', '=', value).and('active', '=', 'true').toString();
      } catch (err) {
        assert.ok(err instanceof SnowQueryValueError);
        continue;
      }
      accepted++;
      assert.deepEqual(
        encoded.split('^'),
        [`email=${value}`, 'active=true'],
        JSON.stringify(value),
      );
      assert.ok(!value.trimStart().toLowerCase().startsWith('javascript:'));
    }
    assert.ok(accepted > 100, 'the generator also produced harmless values');
  });

  it('keeps harmless look-alikes as they are', () => {
    assert.equal(
      EncodedQuery.where('email', '=', 'a=b NQ OR@example.com').toString(),
      'email=a=b NQ OR@example.com',
    );
    assert.equal(
      EncodedQuery.where('short_description', 'LIKE', 'see javascript: docs').toString(),
      'short_descriptionLIKEsee javascript: docs',
    );
  });

  it('keeps unicode values intact, but refuses unicode line breaks', () => {
    assert.equal(
      EncodedQuery.where('email', '=', 'zoë.šimková@例子.公司').toString(),
      'email=zoë.šimková@例子.公司',
    );
    for (const lineBreak of ['\u0085', '\u2028', '\u2029']) {
      assert.throws(
        () => EncodedQuery.where('email', '=', `a${lineBreak}active=true`),
        SnowQueryValueError,
      );
    }
  });

  it('rejects IN items containing a comma, and empty lists', () => {
    assert.throws(() => EncodedQuery.where('sys_id', 'IN', ['a,b']), SnowQueryValueError);
    assert.throws(() => EncodedQuery.where('sys_id', 'NOT IN', []), SnowQueryValueError);
  });

  it('rejects empty values, which would match every empty field', () => {
    assert.throws(() => EncodedQuery.where('email', '=', ''), SnowQueryValueError);
  });

  it('rejects field names outside [a-z][a-z0-9_.]*', () => {
    for (const field of ['', 'Email', 'email=x', 'a^b', '1a', 'a b', 'a,b']) {
      assert.throws(() => EncodedQuery.where(field, '=', 'x'), SnowQueryValueError, field);
      assert.throws(
        () => EncodedQuery.where('a', '=', 'x').orderBy(field),
        SnowQueryValueError,
        field,
      );
    }
  });
});

describe('checkSysId', () => {
  it('accepts 32 lowercase hex digits only', () => {
    assert.equal(
      checkSysId('0123456789abcdef0123456789abcdef', 'id'),
      '0123456789abcdef0123456789abcdef',
    );
    for (const value of [
      '',
      '0123456789ABCDEF0123456789ABCDEF',
      '0123456789abcdef0123456789abcde',
      'x^NQactive=true',
    ]) {
      assert.throws(() => checkSysId(value, 'id'), SnowQueryValueError);
    }
  });
});
