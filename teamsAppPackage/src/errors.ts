// Errors raised while building or validating the Teams app package. Each problem names the
// setting, manifest field or file at fault, never a secret (the package holds none anyway).

export const PackageErrorCodes = {
  /** A package setting (environment key) is missing or invalid; see `problems`. */
  PACKAGE_SETTINGS_INVALID: 'PACKAGE_SETTINGS_INVALID',
  /** The manifest template could not be filled in (unknown or unresolved placeholder). */
  PACKAGE_TEMPLATE_INVALID: 'PACKAGE_TEMPLATE_INVALID',
  /** The built package breaks the schema, the icon rules or the zip layout; see `problems`. */
  PACKAGE_INVALID: 'PACKAGE_INVALID',
} as const;

export type PackageErrorCode = (typeof PackageErrorCodes)[keyof typeof PackageErrorCodes];

const summaries: Readonly<Record<PackageErrorCode, string>> = {
  PACKAGE_SETTINGS_INVALID: 'Invalid Teams app package settings',
  PACKAGE_TEMPLATE_INVALID: 'The Teams app manifest template cannot be filled in',
  PACKAGE_INVALID: 'The Teams app package is invalid',
};

export class PackageError extends Error {
  override readonly name = 'PackageError';
  readonly code: PackageErrorCode;
  /** One line per problem, e.g. `manifest.json /developer/privacyUrl: must match format "uri"`. */
  readonly problems: readonly string[];

  constructor(
    code: PackageErrorCode,
    problems: readonly string[],
    options?: { readonly cause?: unknown },
  ) {
    super(`${summaries[code]}:\n  - ${problems.join('\n  - ')}`, options);
    this.code = code;
    this.problems = Object.freeze([...problems]);
  }
}
