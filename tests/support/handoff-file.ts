// Handoff configuration files for tests: the shipped default with some top-level keys replaced
// (e.g. `knowledge`), written to a temporary folder for HANDOFF_CONFIG.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_HANDOFF_CONFIG, projectRoot } from '../../bot/config/paths.js';

/** The shipped default handoff configuration, parsed. */
export function defaultHandoff(): Record<string, unknown> & { options: Record<string, unknown>[] } {
  return JSON.parse(readFileSync(join(projectRoot(), DEFAULT_HANDOFF_CONFIG), 'utf8')) as Record<
    string,
    unknown
  > & { options: Record<string, unknown>[] };
}

/** Writes the default configuration with `overrides` applied; returns the file's path. */
export function handoffFile(overrides: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-'));
  const path = join(dir, 'handoff.json');
  writeFileSync(path, JSON.stringify({ ...defaultHandoff(), ...overrides }));
  return path;
}
