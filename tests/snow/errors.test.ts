import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as snow from '../../snow/src/index.js';

const { SnowErrorCode, SnowError } = snow;

/** One instance of every error class, as the client throws them. */
const examples: snow.SnowError[] = [
  new snow.SnowAuthError('m', 401),
  new snow.SnowUnavailableError('m', 503),
  new snow.SnowRateLimitedError('m', 1000),
  new snow.SnowRejectedError('m', 400),
  new snow.SnowBadResponseError('m', 404),
  new snow.SnowQueryValueError('m'),
  new snow.SnowAmbiguousResultError('m'),
  new snow.SnowConfigError('m'),
  new snow.SnowCallbackError(['/ must be object']),
  new snow.SnowNotInstalledError('m', 404),
  new snow.SnowRecordRefusedError('m', 403, 'Operation Failed'),
  new snow.SnowFileTooLargeError('m'),
];

describe('SnowErrorCode', () => {
  it('has one unique, stable code per error class, and a class for every code', () => {
    const codes = Object.values(SnowErrorCode);
    assert.equal(new Set(codes).size, codes.length);
    assert.deepEqual(examples.map((e) => e.code).sort(), [...codes].sort());
    for (const code of codes) assert.match(code, /^SNOW_[A-Z_]+$/);
  });

  it('makes every error a SnowError and an Error named after its class', () => {
    for (const error of examples) {
      assert.ok(error instanceof SnowError && error instanceof Error);
      assert.equal(error.name, error.constructor.name);
    }
  });

  it('exports every error class from the package', () => {
    const exported = Object.entries(snow).filter(([name]) => /^Snow\w*Error$/.test(name));
    assert.equal(exported.length, examples.length + 1);
  });
});

describe('snow/ERRORS.md', () => {
  it('documents exactly the codes of SnowErrorCode, once each, with their classes', () => {
    const text = readFileSync(new URL('../../snow/ERRORS.md', import.meta.url), 'utf8');
    // Table rows, whatever padding a formatter adds: | `CODE` | `Class` | meaning | next step |
    const rows = text
      .split('\n')
      .filter((line) => line.startsWith('| `SNOW_'))
      .map((line) => [
        '',
        ...line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim().replace(/^`|`$/g, '')),
      ]);
    const documented = rows.map((m) => m[1]);
    assert.equal(new Set(documented).size, documented.length, 'a code is documented twice');
    assert.deepEqual([...documented].sort(), Object.values(SnowErrorCode).sort());
    for (const row of rows) {
      const example = examples.find((e) => e.code === row[1]);
      assert.equal(example?.constructor.name, row[2], `class of ${row[1]}`);
      assert.ok((row[3] ?? '').length > 20 && (row[4] ?? '').length > 20, `${row[1]} is explained`);
    }
  });
});
