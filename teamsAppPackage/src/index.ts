// The Teams app package: settings, build and offline validation (also used by diagnostics).
export { buildAppPackage, PACKAGE_FOLDER } from './build.js';
export type { BuildOptions, BuiltPackage } from './build.js';
export { PackageError, PackageErrorCodes } from './errors.js';
export type { PackageErrorCode } from './errors.js';
export { checkIcon } from './icon-checks.js';
export type { IconKind } from './icon-checks.js';
export { drawColorIcon, drawOutlineIcon } from './icons.js';
export { ManifestSchemas } from './manifest-schema.js';
export { deriveAppId, PACKAGE_KEY_NAMES, PACKAGE_KEYS, readPackageSettings } from './settings.js';
export type { PackageKey, PackageSettings, SettingsDefaults } from './settings.js';
export { fillTemplate, findLeftoverPlaceholders } from './template.js';
export type { FilledTemplate, PlaceholderValues } from './template.js';
export { BOT_COMMANDS, validateAppPackage } from './validate.js';
export type { ValidateOptions } from './validate.js';
