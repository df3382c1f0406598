// The encoded-query grammar on its own: how terms group under ^, ^OR and ^NQ, ORDERBY versus ^OR,
// and the ^^ escape.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEncodedQuery } from '../../../snow/simulator/encoded-query.js';

describe('encoded query parsing', () => {
  it('groups OR-ed conditions into the clause before them and ^NQ into a new group', () => {
    const query = parseEncodedQuery('a=1^b=2^ORc!=3^NQdINx,y');
    assert.deepEqual(query.groups, [
      [
        [{ field: 'a', operator: '=', value: '1' }],
        [
          { field: 'b', operator: '=', value: '2' },
          { field: 'c', operator: '!=', value: '3' },
        ],
      ],
      [[{ field: 'd', operator: 'IN', value: 'x,y' }]],
    ]);
  });

  it('reads ^ORDERBY as ordering, not as an OR condition', () => {
    const query = parseEncodedQuery('active=true^ORDERBYDESCsys_created_on^ORDERBYnumber');
    assert.deepEqual(query.orderBy, [
      { field: 'sys_created_on', descending: true },
      { field: 'number', descending: false },
    ]);
    assert.equal(query.groups[0]?.length, 1);
  });

  it('keeps ^^ as a caret inside the value', () => {
    const query = parseEncodedQuery('email=a^^NQb@example.com^active=true');
    assert.deepEqual(query.groups, [
      [
        [{ field: 'email', operator: '=', value: 'a^NQb@example.com' }],
        [{ field: 'active', operator: '=', value: 'true' }],
      ],
    ]);
  });

  it('drops terms it cannot read', () => {
    assert.deepEqual(parseEncodedQuery('nonsense^^^name=x^EQ').groups, [
      [[{ field: 'name', operator: '=', value: 'x' }]],
    ]);
  });
});
