// An HTTP proxy on loopback between the bot and a server (the ServiceNow simulator) that answers
// chosen requests with an error instead of passing them on: ServiceNow being down, throttling or
// refusing, switched on and off by the test at any moment. Given several targets, it passes
// requests on to each in turn (a load balancer in front of several bot instances).
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { close, listen, readBody } from './http.js';

export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  /** The parsed JSON body, when it is JSON. */
  readonly body: unknown;
}

/** A status to answer instead of passing the request on; undefined passes it on. */
export type ProxyPolicy = (req: ProxiedRequest) => number | undefined;

export class FaultProxy {
  /** Requests answered by the proxy itself, with the status given. */
  readonly refused: (ProxiedRequest & { status: number })[] = [];
  private policy: ProxyPolicy | undefined;
  private readonly server = createServer((req, res) => {
    void this.handle(req, res);
  });
  private base = '';
  private turn = 0;
  /** How many requests went to each target. */
  readonly forwarded: number[];

  private constructor(private readonly targets: readonly URL[]) {
    this.forwarded = targets.map(() => 0);
  }

  static async start(...targets: string[]): Promise<FaultProxy> {
    const proxy = new FaultProxy(targets.map((t) => new URL(t)));
    proxy.base = await listen(proxy.server);
    return proxy;
  }

  get url(): string {
    return this.base;
  }

  setPolicy(policy: ProxyPolicy | undefined): void {
    this.policy = policy;
  }

  close(): Promise<void> {
    return close(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const seen: ProxiedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      body: parse(raw),
    };
    const status = this.policy?.(seen);
    if (status !== undefined) {
      this.refused.push({ ...seen, status });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: { message: 'Injected by the test proxy' }, status: 'failure' }),
      );
      return;
    }
    const index = this.turn++ % this.targets.length;
    const target = this.targets[index] ?? new URL(this.base);
    this.forwarded[index] = (this.forwarded[index] ?? 0) + 1;
    const forwarded = request(
      new URL(seen.path, target),
      { method: seen.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => {
      res.destroy();
    });
    forwarded.end(raw);
  }
}

function parse(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
