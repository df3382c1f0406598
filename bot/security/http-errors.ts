// Every error the bot's HTTP endpoints answer is a JSON body `{ "error": <code> }` with a stable
// code from this list: never an exception's message, never a stack trace. restify's own errors
// (unknown route, wrong method, oversized or unparsable body) are rewritten the same way.
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';

export const HttpErrorCodes = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  500: 'internal_error',
  503: 'temporarily_unavailable',
} as const;

export function errorCodeFor(status: number): string {
  const known = (HttpErrorCodes as Readonly<Record<number, string>>)[status];
  return known ?? (status >= 500 ? HttpErrorCodes[500] : HttpErrorCodes[400]);
}

/** Replaces restify's error bodies (which carry messages) with `{ error: code }`, and logs them. */
export function installSafeErrorResponses(server: Server, log: Logger): void {
  server.on('restifyError', (req: Request, res: Response, err: unknown, callback: () => void) => {
    const status = statusOf(err);
    const fields = { err, status, method: req.method, path: req.getPath() };
    if (status >= 500) log.error(fields, 'request failed');
    else log.warn(fields, 'request refused');
    if (!res.headersSent) res.send(status, { error: errorCodeFor(status) });
    callback();
  });
}

function statusOf(err: unknown): number {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
