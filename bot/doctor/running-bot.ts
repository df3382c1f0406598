// The bot running beside the doctor (same host, or the URL given): whether it answers, how its
// webhook has answered so far (from its /metrics), and what its webhook says to a given
// Authorization. This is how the doctor sees what ServiceNow's callbacks meet at the bot.
import { METRIC_PREFIX } from '../metrics.js';

const webhookRoute = '/api/servicenow/messages';
const requestsMetric = `${METRIC_PREFIX}http_requests_total`;

/** Count of webhook answers by HTTP status. */
export type WebhookAnswers = ReadonlyMap<number, number>;

/** Where the bot serves /metrics (METRICS_PORT, METRICS_TOKEN), when not beside its routes. */
export interface MetricsAccess {
  /** Base URL of the metrics listener; default: the bot's own. */
  readonly url?: string;
  readonly token?: string;
}

export class RunningBot {
  private constructor(
    /** Base URL, e.g. `http://127.0.0.1:3978`. */
    readonly url: string,
    /** Whether its /metrics could be read (older versions had none; it may need a token). */
    readonly hasMetrics: boolean,
    private readonly metrics: { readonly url: string; readonly init: RequestInit },
    private readonly timeoutMs: number,
  ) {}

  /** The bot at `url` when its /healthz answers 200; undefined otherwise. */
  static async find(
    url: string,
    access: MetricsAccess = {},
    timeoutMs = 2000,
  ): Promise<RunningBot | undefined> {
    const base = url.replace(/\/+$/, '');
    const health = await request(`${base}/healthz`, { method: 'GET' }, timeoutMs);
    if (health?.status !== 200) return undefined;
    const headers: Record<string, string> =
      access.token === undefined ? {} : { authorization: `Bearer ${access.token}` };
    const metrics = {
      url: `${(access.url ?? base).replace(/\/+$/, '')}/metrics`,
      init: { method: 'GET', headers } satisfies RequestInit,
    };
    const scraped = await request(metrics.url, metrics.init, timeoutMs);
    const hasMetrics = scraped?.status === 200 && scraped.body.includes(requestsMetric);
    return new RunningBot(base, hasMetrics, metrics, timeoutMs);
  }

  /** How the webhook has answered since the bot started; undefined when /metrics is unusable. */
  async webhookAnswers(): Promise<WebhookAnswers | undefined> {
    if (!this.hasMetrics) return undefined;
    const res = await request(this.metrics.url, this.metrics.init, this.timeoutMs);
    return res?.status === 200 ? parseWebhookAnswers(res.body) : undefined;
  }

  /** POSTs `body` to the webhook; the status it answers, or undefined when it did not. */
  async postToWebhook(
    headers: Readonly<Record<string, string>>,
    body: string,
  ): Promise<number | undefined> {
    const res = await request(
      `${this.url}${webhookRoute}`,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body },
      this.timeoutMs,
    );
    return res?.status;
  }
}

/** Basic authorization header value. */
export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** Reads the webhook's answers by status from a Prometheus text exposition. */
export function parseWebhookAnswers(exposition: string): WebhookAnswers {
  const answers = new Map<number, number>();
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(`${requestsMetric}{`)) continue;
    const close = line.lastIndexOf('}');
    const labels = parseLabels(line.slice(requestsMetric.length + 1, close));
    const value = Number(line.slice(close + 1).trim());
    const status = Number(labels.get('status'));
    if (labels.get('route') !== webhookRoute || !Number.isInteger(status)) continue;
    if (Number.isFinite(value)) answers.set(status, (answers.get(status) ?? 0) + value);
  }
  return answers;
}

/** Which statuses the webhook answered more often in `after` than in `before`. */
export function newAnswers(before: WebhookAnswers, after: WebhookAnswers): number[] {
  return [...after.entries()]
    .filter(([status, count]) => count > (before.get(status) ?? 0))
    .map(([status]) => status)
    .sort((a, b) => a - b);
}

function parseLabels(text: string): Map<string, string> {
  const labels = new Map<string, string>();
  for (const match of text.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
    const [, name, value] = match;
    if (name !== undefined && value !== undefined) labels.set(name, value.replace(/\\(.)/g, '$1'));
  }
  return labels;
}

async function request(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<{ status: number; body: string } | undefined> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, body: await res.text() };
  } catch {
    // Refused, timed out or not HTTP: for the doctor all of these mean "no bot answers here".
    return undefined;
  }
}
