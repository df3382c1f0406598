// The load generator's HTTP client: keep-alive connections on loopback, JSON bodies, and the
// status as a value (0 when the request failed without an answer).
import { Agent, request } from 'node:http';

/** No request of the benchmark waits longer than this: every loop is bounded in time. */
const REQUEST_TIMEOUT_MS = 30_000;

export interface PostResult {
  readonly status: number;
  readonly body: string;
}

export class LoadClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 512, timeout: 60_000 });

  post(
    url: string,
    body: unknown,
    headers: Readonly<Record<string, string>> = {},
  ): Promise<PostResult> {
    const payload = Buffer.from(JSON.stringify(body), 'utf8');
    return new Promise((resolve) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': String(payload.length),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', () => {
            resolve({ status: 0, body: '' });
          });
        },
      );
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy());
      req.on('error', () => {
        resolve({ status: 0, body: '' });
      });
      req.end(payload);
    });
  }

  get(url: string): Promise<PostResult> {
    return new Promise((resolve) => {
      const req = request(url, { agent: this.agent }, (res) => {
        res.resume();
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: '' });
        });
      });
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy());
      req.on('error', () => {
        resolve({ status: 0, body: '' });
      });
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}
