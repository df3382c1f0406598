// "Teams app package valid": the package admins upload, validated offline with the same validator
// `npm run package` uses (schema, icons, zip layout, placeholders, commands), and its bot id
// against MicrosoftAppId. With no package built yet, at least the settings it is built from.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type * as PackageApi from '../../../teamsAppPackage/src/index.js';
import { CheckId, CheckStatus, type Check, type DoctorContext, type Finding } from '../types.js';

type PackageModule = typeof PackageApi;

const shownProblems = 5;

export const teamsPackageCheck: Check = {
  id: CheckId.teamsPackage,
  title: 'Teams app package valid',
  async run(context: DoctorContext): Promise<Finding> {
    let pkg: PackageModule;
    try {
      // Loaded only here: the validator compiles the manifest schema and is a development tool.
      pkg = await import('../../../teamsAppPackage/src/index.js');
    } catch {
      return {
        status: CheckStatus.skip,
        detail:
          'not checked here: the package validator needs development dependencies, which this installation (such as the production image) leaves out, and the package is built elsewhere',
        fix: 'Validate the package where it is built: npm run package validates it, and npm run doctor does in a full checkout (npm ci).',
      };
    }
    const given = context.packagePath;
    const file =
      given !== undefined && !isFolder(given)
        ? given
        : newestZip(given ?? join(pkg.PACKAGE_FOLDER, 'build'));
    if (file === undefined) {
      return context.config?.serviceNow.mode === 'sandbox'
        ? {
            status: CheckStatus.skip,
            detail: 'sandbox mode and no package built: none is needed to try the bot locally',
          }
        : settingsOnly(pkg, context);
    }
    const shown = relative(process.cwd(), file) || file;
    if (!existsSync(file)) {
      return {
        status: CheckStatus.fail,
        detail: `${shown} does not exist`,
        fix: 'Run npm run package.',
      };
    }
    const problems = await pkg.validateAppPackage(readFileSync(file), {
      expectedBotId: context.config?.bot.appId,
    });
    if (problems.length === 0) {
      const bot = context.config?.bot.appId === undefined ? '' : '; its bot id is MicrosoftAppId';
      return { status: CheckStatus.pass, detail: `${shown} is valid${bot}` };
    }
    const more =
      problems.length > shownProblems ? ` (+${problems.length - shownProblems} more)` : '';
    return {
      status: CheckStatus.fail,
      detail: `${shown}: ${problems.slice(0, shownProblems).join('; ')}${more}`,
      fix: 'Fix the fields named (TEAMS_APP_* settings or the manifest template), rebuild with npm run package and upload the new zip (raise TEAMS_APP_VERSION).',
    };
  },
};

function settingsOnly(pkg: PackageModule, context: DoctorContext): Finding {
  try {
    pkg.readPackageSettings(context.env, { version: '1.0.0' });
  } catch (error) {
    if (!(error instanceof pkg.PackageError)) throw error;
    return {
      status: CheckStatus.fail,
      detail: `no package built, and its settings are incomplete: ${error.problems.join('; ')}`,
      fix: 'Set the keys named (environment or .env), then run npm run package and upload the zip in the Teams admin center.',
    };
  }
  return {
    status: CheckStatus.warn,
    detail: 'no package built yet; its settings are complete',
    fix: 'Run npm run package and upload the zip in the Teams admin center (or validate another with --package <file.zip>).',
  };
}

function isFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function newestZip(folder: string): string | undefined {
  if (!existsSync(folder)) return undefined;
  const zips = readdirSync(folder)
    .filter((name) => name.endsWith('.zip'))
    .map((name) => join(folder, name))
    .map((path) => ({ path, mtime: statSync(path).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  return zips[0]?.path;
}
