// Where the project root is, whether this code runs from the sources (`bot/config/*.ts`) or from
// the build (`dist/bot/config/*.js`). The build copies no JSON, so data files are always read
// from their source location under the root.
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_HANDOFF_CONFIG = 'bot/config/handoff.default.json';

export function projectRoot(moduleUrl: string = import.meta.url): string {
  const twoUp = resolve(dirname(fileURLToPath(moduleUrl)), '..', '..');
  return basename(twoUp) === 'dist' ? dirname(twoUp) : twoUp;
}

/** Relative paths are taken from the project root, so the result does not depend on the cwd. */
export function resolveFromRoot(path: string, root: string = projectRoot()): string {
  return resolve(root, path);
}
