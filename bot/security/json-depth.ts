// Nesting depth of a JSON text, found by scanning rather than recursing. JSON.parse copes with
// very deep documents, but JSON.stringify, the store and the logger do not: a 256 KB body can
// nest 100 000 levels and would fail far from the door. Such bodies are refused up front.
import type { Logger } from 'pino';
import type { Next, Request, RequestHandler, Response } from 'restify';

/** Far deeper than any Bot Framework activity or ServiceNow callback. */
export const MAX_JSON_DEPTH = 64;

/** Whether `text` nests objects or arrays deeper than `max`. Strings are skipped correctly. */
export function exceedsJsonDepth(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}

/** Refuses (400) a body nested deeper than `max`; runs after the body reader or parser. */
export function jsonDepthGuard(log: Logger, max = MAX_JSON_DEPTH): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    const raw = rawBodyOf(req);
    if (raw !== undefined && exceedsJsonDepth(raw, max)) {
      log.warn({ path: req.getPath(), bytes: raw.length }, 'request body nested too deeply');
      res.send(400, { error: 'too_deeply_nested' });
      next(false);
      return;
    }
    next();
  };
}

/** restify's JSON parser keeps the text in `rawBody`; the plain reader leaves it in `body`. */
function rawBodyOf(req: Request): string | undefined {
  const withRaw = req as Request & { rawBody?: unknown };
  const raw: unknown = withRaw.rawBody ?? req.body;
  if (typeof raw === 'string') return raw;
  if (Buffer.isBuffer(raw)) return raw.toString('utf8');
  return undefined;
}
