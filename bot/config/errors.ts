// Errors raised while reading configuration. Problems name keys and reasons, never values,
// so an error can be logged or printed without leaking a secret.

export const ConfigErrorCodes = {
  /** The environment (or the handoff file it points to) is invalid; see `problems`. */
  CONFIG_INVALID: 'CONFIG_INVALID',
  /** The handoff configuration file is unreadable or invalid; see `problems`. */
  HANDOFF_INVALID: 'HANDOFF_INVALID',
} as const;

export type ConfigErrorCode = (typeof ConfigErrorCodes)[keyof typeof ConfigErrorCodes];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code: ConfigErrorCode;
  /** One line per problem, e.g. `PORT: must be an integer from 1 to 65535`. */
  readonly problems: readonly string[];

  constructor(
    code: ConfigErrorCode,
    problems: readonly string[],
    options?: { readonly cause?: unknown },
  ) {
    const summary =
      code === ConfigErrorCodes.HANDOFF_INVALID
        ? 'Invalid handoff configuration'
        : 'Invalid configuration';
    super(`${summary}:\n  - ${problems.join('\n  - ')}`, options);
    this.code = code;
    this.problems = Object.freeze([...problems]);
  }
}
