// `npm run doctor`, wherever it runs: in a checkout it runs the TypeScript sources (through tsx,
// a development dependency); in the production image, which has neither, the compiled doctor in
// dist/. Plain JavaScript, so that it needs nothing but Node itself. Arguments pass through.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const source = `${root}bot/doctor/cli.ts`;
const compiled = `${root}dist/bot/doctor/cli.js`;
const quiet = '--disable-warning=DEP0111';

function resolvable(specifier) {
  try {
    import.meta.resolve(specifier);
    return true;
  } catch {
    return false;
  }
}

let args;
if (existsSync(source) && resolvable('tsx')) {
  args = ['--conditions=source', '--import', 'tsx', quiet, source];
} else if (existsSync(compiled)) {
  args = [quiet, compiled];
} else {
  process.stderr.write(
    'The doctor is not built here: run `npm ci && npm run build` (or use a full checkout).\n',
  );
  process.exit(2);
}
const result = spawnSync(process.execPath, [...args, ...process.argv.slice(2)], {
  cwd: process.cwd(),
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
