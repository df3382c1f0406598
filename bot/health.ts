// GET /healthz (the process is alive) and GET /readyz (it can do its job: the store answers and,
// outside sandbox mode, ServiceNow does). Answers say what failed, never why in detail: reasons
// may carry hosts or credentials and go to the log instead.
import type { Request, Response } from 'restify';
import type { Logger } from 'pino';

export type ReadinessCheck = () => Promise<void>;

export function healthHandler(startedAt: number): (req: Request, res: Response) => Promise<void> {
  return async (_req, res) => {
    res.send(200, { status: 'ok', uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) });
    return Promise.resolve();
  };
}

export function readinessHandler(
  checks: Readonly<Record<string, ReadinessCheck | 'skipped'>>,
  log: Logger,
  timeoutMs = 3000,
): (req: Request, res: Response) => Promise<void> {
  return async (_req, res) => {
    const entries = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        if (check === 'skipped') return [name, 'skipped'] as const;
        try {
          await withTimeout(check(), timeoutMs);
          return [name, 'ok'] as const;
        } catch (err) {
          log.warn({ err, check: name }, 'readiness check failed');
          return [name, 'unavailable'] as const;
        }
      }),
    );
    const ready = entries.every(([, state]) => state !== 'unavailable');
    res.send(ready ? 200 : 503, {
      status: ready ? 'ready' : 'not_ready',
      checks: Object.fromEntries(entries),
    });
  };
}

async function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`timed out after ${ms} ms`));
    }, ms);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
