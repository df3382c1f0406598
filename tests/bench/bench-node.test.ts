// Which Node the benchmark starts the bot and the floor on (BENCH_NODE), and what it refuses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
    // A project whose image runs this process's major: nothing is fetched.
    const project = mkdtempSync(join(tmpdir(), 'bench-node-'));
    mkdirSync(join(project, 'infra'));
    const major = process.versions.node.split('.')[0] ?? '';
    writeFileSync(
      join(project, 'infra/Dockerfile'),
      `ARG NODE_IMAGE=node:${major}-bookworm-slim\nFROM \${NODE_IMAGE} AS runtime\n`,
    );
    try {
      assert.deepEqual(resolveBenchNode(project, undefined), {
        path: process.execPath,
        version: process.version,
        source: 'image',
      });
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
