// The HTTP side of the metrics: every answered request recorded by route and status, and
// GET /metrics, on the bot's own server or on a listener of its own (METRICS_PORT) so that it
// never has to sit on the public ingress, optionally behind a bearer token (METRICS_TOKEN).
import type { Request, Response, Route, Server } from 'restify';
import type { PrometheusMetrics } from './metrics.js';
import { UNMATCHED_ROUTE } from './metrics.js';
import { safeEqual } from './security/index.js';

/** Records every request `server` answers, by route and status. */
export function recordAnswers(server: Server, metrics: PrometheusMetrics): void {
  server.on('after', (req: Request, res: Response, route: Route | null | undefined) => {
    const path = route?.path;
    const label = typeof path === 'string' ? path : UNMATCHED_ROUTE;
    metrics.httpAnswered(label, res.statusCode, (Date.now() - req.time()) / 1000);
  });
}

/**
 * Serves `GET /metrics` on `server` (the bot's own, or one on a port of its own). With a token,
 * only `Authorization: Bearer <token>` gets the figures; anything else is a 401 with no body
 * beyond the stable code, and the token is compared in constant time.
 */
export function serveMetrics(server: Server, metrics: PrometheusMetrics, token?: string): void {
  server.get('/metrics', async (req: Request, res: Response) => {
    if (token !== undefined && !bearerMatches(req.headers.authorization, token)) {
      res.header('WWW-Authenticate', 'Bearer realm="metrics"');
      res.send(401, { error: 'unauthorized' });
      return;
    }
    const { contentType, body } = await metrics.exposition();
    res.setHeader('content-type', contentType);
    res.sendRaw(200, body);
  });
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] !== undefined && safeEqual(match[1], token);
}
