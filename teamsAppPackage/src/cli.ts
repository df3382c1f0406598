// `npm run package`: builds teamsAppPackage/build/<name>-<version>.zip from the environment (and
// `.env` in the working directory; the environment wins), validated offline. `--out <folder>`
// writes elsewhere; `--validate <file.zip>` only validates an existing package. Exits 1 on any
// problem.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { buildAppPackage, PACKAGE_FOLDER } from './build.js';
import { PackageError } from './errors.js';
import { readPackageSettings } from './settings.js';
import { validateAppPackage } from './validate.js';

async function main(args: readonly string[]): Promise<number> {
  if (args[0] === '--validate') return validateFile(args[1]);
  const fromFile = existsSync('.env') ? parseDotenv(readFileSync('.env')) : {};
  const settings = readPackageSettings(
    { ...fromFile, ...process.env },
    { version: projectVersion() },
  );
  const out = args[0] === '--out' ? args[1] : undefined;
  const built = await buildAppPackage({
    settings,
    ...(out === undefined ? {} : { outFolder: out }),
  });
  const shown = relative(process.cwd(), built.path) || built.path;
  process.stdout.write(
    `Built and validated ${shown}\n` +
      `  Teams app id ${settings.TEAMS_APP_ID}, version ${settings.TEAMS_APP_VERSION}, bot ${settings.MicrosoftAppId}\n` +
      '  Upload it in the Teams admin center: Teams apps > Manage apps > Upload new app.\n',
  );
  return 0;
}

async function validateFile(file: string | undefined): Promise<number> {
  if (file === undefined) {
    process.stderr.write('Usage: npm run package -- --validate <package.zip>\n');
    return 1;
  }
  const problems = await validateAppPackage(readFileSync(file));
  if (problems.length === 0) {
    process.stdout.write(`${file}: valid\n`);
    return 0;
  }
  process.stderr.write(`${file} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  return 1;
}

function projectVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_FOLDER, '..', 'package.json'), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? '1.0.0';
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (!(error instanceof PackageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  },
);
