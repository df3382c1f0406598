// The README's reference tables list exactly the keys the code reads: the bot's configuration
// (bot/config) and the Teams app package settings (teamsAppPackage).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { ENV_KEYS } from '../../bot/config/env-schema.js';
import { PACKAGE_KEY_NAMES } from '../../teamsAppPackage/src/index.js';

const readme = readFileSync(
  join(fileURLToPath(new URL('../..', import.meta.url)), 'README.md'),
  'utf8',
);

/** The keys in the first column of the first table under a heading (several per row allowed). */
function tableKeys(heading: string): string[] {
  const start = readme.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `README has a "${heading}" section`);
  const rest = readme.slice(start + heading.length + 2);
  const section = rest.slice(
    0,
    rest.search(/\n#{1,3} /) === -1 ? undefined : rest.search(/\n#{1,3} /),
  );
  const rows = section
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .slice(2);
  assert.ok(rows.length > 0, `"${heading}" has a table`);
  return rows.flatMap((row) =>
    [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? ''),
  );
}

function assertSameKeys(listed: readonly string[], known: readonly string[], where: string): void {
  assert.equal(new Set(listed).size, listed.length, `${where}: a key is listed twice`);
  assert.deepEqual(
    {
      notListed: known.filter((k) => !listed.includes(k)),
      unknown: listed.filter((k) => !known.includes(k)),
    },
    { notListed: [], unknown: [] },
    where,
  );
}

describe('the README', () => {
  it('lists exactly the configuration keys the schema knows', () => {
    assertSameKeys(tableKeys('## Configuration'), ENV_KEYS, 'README "Configuration" table');
  });

  it('lists exactly the Teams app package settings', () => {
    assertSameKeys(
      tableKeys('### Teams app package'),
      PACKAGE_KEY_NAMES,
      'README "Teams app package" table',
    );
  });
});
