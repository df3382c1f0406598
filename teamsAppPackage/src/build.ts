// Builds the Teams app package: fills the manifest template from the settings, checks it against
// the schema (naming the setting behind a bad field), zips it with the icons at the root,
// validates the zip as Teams would see it, and only then writes it under build/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PackageError, PackageErrorCodes } from './errors.js';
import { ManifestSchemas } from './manifest-schema.js';
import type { PackageSettings } from './settings.js';
import { fillTemplate } from './template.js';
import { validateAppPackage } from './validate.js';
import { writeZip } from './zip.js';

/** The teamsAppPackage folder: the template, the icons, and build/ for the output. */
export const PACKAGE_FOLDER = fileURLToPath(new URL('..', import.meta.url));

export interface BuildOptions {
  readonly settings: PackageSettings;
  /** Defaults to manifest.json in the package folder. */
  readonly templatePath?: string;
  /** Where the icons named by the manifest are read from; defaults to the package folder. */
  readonly iconsFolder?: string;
  /** Defaults to build/ in the package folder. */
  readonly outFolder?: string;
  readonly schemas?: ManifestSchemas;
}

export interface BuiltPackage {
  readonly path: string;
  readonly bytes: Buffer;
  readonly manifest: unknown;
}

/** Throws PackageError: settings or template problems, or an invalid package (nothing written). */
export async function buildAppPackage(options: BuildOptions): Promise<BuiltPackage> {
  const templatePath = options.templatePath ?? join(PACKAGE_FOLDER, 'manifest.json');
  const { manifest, sources } = fillTemplate(readTemplate(templatePath), options.settings);
  const schemas = options.schemas ?? new ManifestSchemas();
  const schemaProblems = schemas.validate(manifest, sources);
  if (schemaProblems.length > 0) {
    throw new PackageError(PackageErrorCodes.PACKAGE_INVALID, schemaProblems);
  }
  const icons = iconNames(manifest);
  const folder = options.iconsFolder ?? PACKAGE_FOLDER;
  const bytes = await writeZip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    ...icons.map((name) => ({ name, data: readIcon(folder, name) })),
  ]);
  const problems = await validateAppPackage(bytes, {
    schemas,
    expectedBotId: options.settings.MicrosoftAppId,
  });
  if (problems.length > 0) throw new PackageError(PackageErrorCodes.PACKAGE_INVALID, problems);
  const outFolder = options.outFolder ?? join(PACKAGE_FOLDER, 'build');
  mkdirSync(outFolder, { recursive: true });
  const path = join(
    outFolder,
    `${slug(options.settings.TEAMS_APP_NAME)}-${options.settings.TEAMS_APP_VERSION}.zip`,
  );
  writeFileSync(path, bytes);
  return { path, bytes, manifest };
}

function readTemplate(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new PackageError(
      PackageErrorCodes.PACKAGE_TEMPLATE_INVALID,
      ['manifest.json: the template cannot be read as JSON'],
      { cause: error },
    );
  }
}

function iconNames(manifest: unknown): string[] {
  const icons = (manifest as { icons?: Record<string, unknown> }).icons ?? {};
  return [icons.color, icons.outline].filter((n): n is string => typeof n === 'string');
}

function readIcon(folder: string, name: string): Buffer {
  try {
    return readFileSync(join(folder, name));
  } catch (error) {
    throw new PackageError(
      PackageErrorCodes.PACKAGE_INVALID,
      [`${name}: the icon file named by the manifest is missing`],
      { cause: error },
    );
  }
}

function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'teams-app' : s;
}
