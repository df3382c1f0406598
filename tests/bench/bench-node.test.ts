// Which Node the benchmark starts the bot and the floor on (BENCH_NODE), and what it refuses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { imageNodeMajor } from '../infra/dockerfile.js';
import { resolveBenchNode } from './bench-node.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the Node the bot and the floor run on in the benchmark', () => {
  it("uses this process's Node for BENCH_NODE=machine", () => {
    assert.deepEqual(resolveBenchNode(root, 'machine'), {
      path: process.execPath,
      version: process.version,
      source: 'machine',
    });
  });

  it('runs the binary BENCH_NODE names, and reads its version from it', () => {
    assert.deepEqual(resolveBenchNode(root, process.execPath), {
      path: process.execPath,
      version: process.version,
      source: 'BENCH_NODE',
    });
  });

  it('refuses a BENCH_NODE that is not a node binary, and names it', () => {
    for (const path of ['/nonexistent/node', '/bin/true']) {
      assert.throws(
        () => resolveBenchNode(root, path),
        (error: Error & { code?: string }) =>
          error.code === 'BENCH_NODE_UNAVAILABLE' && error.message.includes(path),
      );
    }
  });

  it("uses this process's Node, unfetched, when it is of the image's major", () => {
    const major = imageNodeMajor(`${root}infra/Dockerfile`);
    if (process.versions.node.split('.')[0] !== String(major)) {
      // On another major the image's Node is fetched: the CI run on the image's Node covers this.
      assert.notEqual(process.versions.node.split('.')[0], String(major));
      return;
    }
    assert.deepEqual(resolveBenchNode(root, undefined), {
      path: process.execPath,
      version: process.version,
      source: 'image',
    });
  });
});
