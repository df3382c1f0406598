// The bot's structured logger: pino with secrets redacted wherever pino can reach them, and an
// error serializer that keeps stable error codes and `cause` chains (the useful part of a
// wrapped error) without copying objects that might carry credentials or payloads.
import type { DestinationStream, LevelWithSilent, Logger } from 'pino';
import { pino } from 'pino';

export interface LoggerOptions {
  readonly level: LevelWithSilent;
  /** Where JSON lines go; standard output when absent. Tests pass a stream to capture them. */
  readonly destination?: DestinationStream | NodeJS.WritableStream;
}

/** Property names whose values are secret, in configuration objects, options and payloads. */
export const SECRET_KEYS = [
  'password',
  'apiKey',
  'nextApiKey',
  'sharedHeaders',
  'token',
  'vaToken',
  'key',
  'appPassword',
  'MicrosoftAppPassword',
  'COSMOS_KEY',
  'SERVICENOW_PASSWORD',
  'SERVICENOW_CALLBACK_API_KEY',
  'SERVICENOW_CALLBACK_API_KEY_NEXT',
  'SERVICENOW_CALLBACK_HEADER',
  'SERVICENOW_CALLBACK_HEADER_NEXT',
  'SERVICENOW_VA_TOKEN',
] as const;

const SECRET_HEADERS = ['authorization', 'cookie', 'token', 'x-api-key'] as const;
/** Nesting below the top level at which secret keys are still redacted (pino needs explicit paths). */
const WILDCARD_DEPTH = 3;
const MAX_CAUSE_DEPTH = 8;

export function createLogger(options: LoggerOptions): Logger {
  const config = {
    level: options.level,
    redact: { paths: redactPaths(), censor: '[REDACTED]' },
    serializers: { err: serializeError, error: serializeError },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}

const levelNames = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

/**
 * A child logger created only when something is logged through it at an enabled level. pino
 * serialises (and redacts) a child's bindings when the child is created, which per relayed message
 * cost more than the rare lines those children write.
 */
export function lazyChild(parent: Logger, bindings: Record<string, unknown>): Logger {
  let child: Logger | undefined;
  const disabled = () => undefined;
  return new Proxy(parent, {
    get(_target, property) {
      if (typeof property === 'string' && levelNames.has(property)) {
        if (!parent.isLevelEnabled(property)) return disabled;
      }
      // A child has its parent's level: asking about it needs no child (nor does nesting).
      if (property === 'isLevelEnabled' || property === 'level') {
        const value: unknown = Reflect.get(parent, property, parent);
        return typeof value === 'function' ? (value as () => unknown).bind(parent) : value;
      }
      child ??= parent.child(bindings);
      const value: unknown = Reflect.get(child, property, child);
      return typeof value === 'function' ? (value as () => unknown).bind(child) : value;
    },
  });
}

export function redactPaths(): string[] {
  const paths: string[] = [];
  for (const name of SECRET_KEYS) {
    for (let depth = 0; depth <= WILDCARD_DEPTH; depth += 1) {
      paths.push(`${'*.'.repeat(depth)}${name}`);
    }
  }
  for (const header of SECRET_HEADERS) {
    for (const parent of ['headers', 'req.headers', 'request.headers', 'res.headers']) {
      paths.push(`${parent}[${JSON.stringify(header)}]`);
    }
  }
  return paths;
}

const SECRET_NAMES = new Set<string>(SECRET_KEYS);

/**
 * Type, message, stack, `code`, the error's other primitive properties except secret ones, and
 * the `cause` chain. Objects hung on an error (requests, responses, options) are left out on
 * purpose: they are where credentials and payloads hide.
 */
export function serializeError(value: unknown, depth = 0): unknown {
  if (!(value instanceof Error)) return value;
  const result: Record<string, unknown> = { type: value.name, message: value.message };
  for (const [name, field] of Object.entries(value)) {
    if (SECRET_NAMES.has(name) || name === 'cause') continue;
    if (isPrimitive(field) || isStringArray(field)) result[name] = field;
  }
  result.stack = value.stack;
  if (value.cause !== undefined) {
    result.cause = depth < MAX_CAUSE_DEPTH ? serializeError(value.cause, depth + 1) : '[truncated]';
  }
  return result;
}

function isPrimitive(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isStringArray(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
