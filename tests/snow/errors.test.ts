import assert from 'node:assert/strict';
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
