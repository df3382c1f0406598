// The configured secret values, and scrubbing of text that might contain one. Redaction by
// property name (logging.ts) covers structured fields; this catches a secret that slipped into
// free text, such as an error message, a crash report or a log line built from one.
import { SECRET_ENV_KEYS, type Environment } from '../config/index.js';

export const REDACTED = '[REDACTED]';
/** Shorter values would match ordinary text; validation requires longer secrets anyway. */
const MIN_SECRET_LENGTH = 6;

/** The values of the secret keys in `env`, with their "Name: value" header parts split out. */
export function secretValues(env: Environment): string[] {
  const values = new Set<string>();
  for (const key of SECRET_ENV_KEYS) {
    const value = env[key]?.trim();
    if (value === undefined || value === '') continue;
    values.add(value);
    const colon = value.indexOf(':');
    if (key.includes('HEADER') && colon > 0) values.add(value.slice(colon + 1).trim());
  }
  // Longest first, so that a secret containing another is replaced whole.
  return [...values]
    .filter((v) => v.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
}

/** `text` with every secret, raw or as it appears inside a JSON string, replaced. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) {
      if (result.includes(form)) result = result.split(form).join(REDACTED);
    }
  }
  return result;
}

export interface LineSink {
  write(line: string): void;
}

/** A pino destination that scrubs every line before passing it on. */
export function redactingDestination(target: LineSink, secrets: readonly string[]): LineSink {
  if (secrets.length === 0) return target;
  return {
    write: (line: string) => {
      target.write(redactSecrets(line, secrets));
    },
  };
}
