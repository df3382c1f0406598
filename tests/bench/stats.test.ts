import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median, medianSummary, percentile, round, summarize } from './stats.js';

describe('latency statistics', () => {
  it('takes percentiles by nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(sorted, 50), 50);
    assert.equal(percentile(sorted, 99), 99);
    assert.equal(percentile(sorted, 100), 100);
    assert.equal(percentile([7], 99), 7);
    assert.ok(Number.isNaN(percentile([], 50)));
  });

  it('summarises unsorted samples', () => {
    const summary = summarize([5, 1, 4, 2, 3]);
    assert.deepEqual(summary, { count: 5, p50: 3, p95: 5, p99: 5, max: 5 });
  });

  it('takes the median of odd and even counts, ignoring values that are not finite', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([1, Number.NaN, 3]), 2);
    assert.ok(Number.isNaN(median([])));
  });

  it('reports the field-by-field median of repetitions', () => {
    const runs = [summarize([1, 2, 3]), summarize([10, 20, 30]), summarize([4, 5, 6])];
    assert.equal(medianSummary(runs).p50, 5);
    assert.equal(medianSummary(runs).max, 6);
  });

  it('rounds to fewer decimals as values grow', () => {
    assert.equal(round(1.23456), 1.23);
    assert.equal(round(12.3456), 12.3);
    assert.equal(round(123.456), 123);
  });
});
