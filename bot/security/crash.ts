// Crash reports: what the process prints when it cannot start or dies of an error nobody caught.
// They go through the redacting logger or the scrubber, never straight from an exception.
import type { Logger } from 'pino';
import { redactSecrets } from './secrets.js';

/** One line about a fatal error, scrubbed: type, message and code, no stack or payload. */
export function describeFatal(err: unknown, secrets: readonly string[]): string {
  const text =
    err instanceof Error
      ? `${err.name}: ${err.message}${codeOf(err)}`
      : `non-error value thrown (${typeof err})`;
  return redactSecrets(text, secrets);
}

/** Logs an uncaught exception or unhandled rejection (redacted like any log line), then exits. */
export function exitOnCrash(log: Logger, exit: (code: number) => void): void {
  const crash = (err: unknown, what: string): void => {
    log.fatal({ err }, `${what}; exiting`);
    exit(1);
  };
  process.on('uncaughtException', (err) => {
    crash(err, 'uncaught exception');
  });
  process.on('unhandledRejection', (reason) => {
    crash(reason, 'unhandled promise rejection');
  });
}

function codeOf(err: Error): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? ` [${code}]` : '';
}
