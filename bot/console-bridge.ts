// Libraries that write to the console (botbuilder's token verifier logs every refused token with
// console.error, some with their stack) would put lines outside the JSON log: unparsed by log
// tooling, and past the redaction that only the logger applies. main routes console.error and
// console.warn into the logger instead, as one warning line each with the text it was given.
import { format } from 'node:util';
import type { Logger } from 'pino';

/** Enough for any library message and the top of a stack, not a payload dump. */
const MAX_TEXT = 2000;

type ConsoleMethods = Pick<Console, 'error' | 'warn'>;

/** Replaces `target`'s error and warn; returns a function that puts them back. */
export function routeConsoleToLog(log: Logger, target: ConsoleMethods = console): () => void {
  const original = { error: target.error, warn: target.warn };
  const child = log.child({ component: 'console' });
  const write =
    (stream: 'error' | 'warn') =>
    (...args: unknown[]): void => {
      child.warn(
        { stream, text: format(...args).slice(0, MAX_TEXT) },
        'a library wrote to the console',
      );
    };
  target.error = write('error');
  target.warn = write('warn');
  return () => {
    target.error = original.error;
    target.warn = original.warn;
  };
}
