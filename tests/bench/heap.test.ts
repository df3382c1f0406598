import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { liveBytes } from './heap.js';

describe('heap snapshot size', () => {
  it('adds up the self size of every node, whatever the field order', () => {
    const snapshot = {
      snapshot: { meta: { node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'] } },
      nodes: [0, 1, 1, 100, 0, 0, 2, 2, 250, 1, 3, 3, 3, 50, 0],
    };
    assert.equal(liveBytes(snapshot), 400);
  });

  it('refuses a snapshot without sizes', () => {
    assert.throws(() => liveBytes({ snapshot: { meta: { node_fields: ['id'] } }, nodes: [1] }), {
      code: 'BENCH_HEAP_SNAPSHOT_FAILED',
    });
  });
});
