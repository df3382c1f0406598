// The Node.js the bot and the floor run on in the benchmark: by default the major the container
// image runs (infra/Dockerfile's NODE_IMAGE), so that the figures are those of a deployment, even
// on a machine whose own Node is another. BENCH_NODE=machine uses this process's Node instead;
// BENCH_NODE=<path of a node binary> any other.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { imageNodeMajor } from '../infra/dockerfile.js';

export interface BenchNode {
  /** The node binary to start the bot and the floor with. */
  readonly path: string;
  /** Its version, as process.version prints it. */
  readonly version: string;
  /** Where it came from, for the report. */
  readonly source: 'machine' | 'image' | 'BENCH_NODE';
}

export class BenchNodeError extends Error {
  readonly code = 'BENCH_NODE_UNAVAILABLE';
}

let chosen: BenchNode | undefined;

/** Resolved once per run (fetching the image's Node the first time, through .ci/image-node). */
export function benchNode(root: string): BenchNode {
  chosen ??= resolveBenchNode(root, process.env.BENCH_NODE);
  return chosen;
}

/** What BENCH_NODE (`setting`) names; unset: the image's major, fetched when this is another. */
export function resolveBenchNode(root: string, setting: string | undefined): BenchNode {
  if (setting === 'machine')
    return { path: process.execPath, version: process.version, source: 'machine' };
  if (setting !== undefined && setting !== '') {
    return { path: setting, version: versionOf(setting), source: 'BENCH_NODE' };
  }
  const major = imageNodeMajor(join(root, 'infra/Dockerfile'));
  if (process.versions.node.split('.')[0] === String(major)) {
    return { path: process.execPath, version: process.version, source: 'image' };
  }
  const fetched = spawnSync('bash', [join(root, '.ci/image-node')], {
    cwd: root,
    encoding: 'utf8',
  });
  // On a spawn error (no bash) the outputs are null, whatever the types say.
  const bin = fetched.error === undefined ? fetched.stdout.trim() : '';
  if (fetched.status !== 0 || bin === '') {
    throw new BenchNodeError(
      `the image runs Node ${String(major)} and .ci/image-node could not fetch it (${fetched.error?.message ?? (fetched.stderr.trim() || `exit ${String(fetched.status)}`)}); ` +
        `BENCH_NODE=machine measures on this machine's ${process.version} instead`,
    );
  }
  const path = join(bin, 'node');
  return { path, version: versionOf(path), source: 'image' };
}

function versionOf(path: string): string {
  const run = spawnSync(path, ['--version'], { encoding: 'utf8' });
  // A path that cannot run leaves null outputs (run.error says why).
  const version = run.error === undefined ? run.stdout.trim() : '';
  if (run.status !== 0 || !/^v\d+\./.test(version)) {
    throw new BenchNodeError(`BENCH_NODE=${path} is not a node binary that runs here`);
  }
  return version;
}
