// Operational metrics in Prometheus text format (`GET /metrics`). One registry per app: tests build
// many apps in one process, so nothing is registered globally. What is measured: HTTP answers by
// route and status (the webhook's among them, with their latency against ServiceNow's 5 s
// timeout), messages relayed each way with their delivery latency, ServiceNow and Teams failures
// by stable code, and open sessions counted from the store when scraped. Labels are bounded
// (routes, directions, codes): never ids, user data or message text.
import type { SnowClient } from '@live-agent/snow';
import type { Middleware, TurnContext } from 'botbuilder';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SessionState, SessionStore } from './store/types.js';

export const RelayDirection = { toAgent: 'to_agent', toUser: 'to_user' } as const;
export type RelayDirection = (typeof RelayDirection)[keyof typeof RelayDirection];

export const FailureSource = { serviceNow: 'servicenow', teams: 'teams' } as const;
export type FailureSource = (typeof FailureSource)[keyof typeof FailureSource];

/** What the relay paths report: the narrow view of the metrics they depend on. */
export interface RelayMetrics {
  /** One message reached the other side; `acceptedAt` (epoch ms) is when the bot took it in. */
  messageRelayed(direction: RelayDirection, acceptedAt: number): void;
  /** A call to ServiceNow or Teams failed; `code` is stable (a SnowErrorCode, an HTTP status). */
  callFailed(source: FailureSource, code: string): void;
}

/** For parts built without metrics (unit tests): records nothing. */
export const noRelayMetrics: RelayMetrics = {
  messageRelayed: () => undefined,
  callFailed: () => undefined,
};

export type OpenSessionState = Exclude<SessionState, 'ended'>;
export type OpenSessionCounts = Readonly<Record<OpenSessionState, number>>;

export interface MetricsOptions {
  /** Counts open sessions by state; read when scraped, at most once per `openSessionsCacheMs`. */
  readonly openSessions?: () => Promise<OpenSessionCounts>;
  /** Default 15 000: a scrape every few seconds must not become a store query every few seconds. */
  readonly openSessionsCacheMs?: number;
  /** Process CPU, memory, event loop lag and GC (once per process: `main` turns it on). */
  readonly processMetrics?: boolean;
  readonly now?: () => number;
}

export const METRIC_PREFIX = 'live_agent_';
/** Route label for requests that matched no route (bounded, unlike their paths). */
export const UNMATCHED_ROUTE = 'unmatched';
const latencyBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120];
const httpBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const openStates: readonly OpenSessionState[] = ['requested', 'queued', 'connected'];

export class PrometheusMetrics implements RelayMetrics {
  readonly registry = new Registry();
  private readonly now: () => number;
  private readonly relayed: Counter<'direction'>;
  private readonly latency: Histogram<'direction'>;
  private readonly failures: Counter<'source' | 'code'>;
  private readonly requests: Counter<'route' | 'status'>;
  private readonly duration: Histogram<'route'>;
  private readonly tickets: Counter<'outcome'>;
  private readonly csat: Counter<'rating'>;
  private openCache: { readonly at: number; readonly counts: OpenSessionCounts } | undefined;

  constructor(private readonly options: MetricsOptions = {}) {
    this.now = options.now ?? Date.now;
    const registers = [this.registry];
    this.relayed = new Counter({
      name: `${METRIC_PREFIX}relayed_messages_total`,
      help: 'Messages relayed, by direction (to_agent: Teams to ServiceNow; to_user: ServiceNow to Teams).',
      labelNames: ['direction'],
      registers,
    });
    this.latency = new Histogram({
      name: `${METRIC_PREFIX}delivery_latency_seconds`,
      help: 'From the bot taking a message in to the other side accepting it, by direction.',
      labelNames: ['direction'],
      buckets: latencyBuckets,
      registers,
    });
    this.failures = new Counter({
      name: `${METRIC_PREFIX}errors_total`,
      help: 'Failed calls to ServiceNow (code: SnowErrorCode) and Teams (code: HTTP status), each attempt.',
      labelNames: ['source', 'code'],
      registers,
    });
    this.requests = new Counter({
      name: `${METRIC_PREFIX}http_requests_total`,
      help: 'HTTP requests answered, by route and status.',
      labelNames: ['route', 'status'],
      registers,
    });
    this.duration = new Histogram({
      name: `${METRIC_PREFIX}http_request_duration_seconds`,
      help: 'Time to answer an HTTP request, by route (ServiceNow gives the webhook 5 s).',
      labelNames: ['route'],
      buckets: httpBuckets,
      registers,
    });
    this.tickets = new Counter({
      name: `${METRIC_PREFIX}tickets_total`,
      help: 'Ticket cards submitted, by outcome (created, repeat, refused, unavailable, in_progress, no_user, not_offered).',
      labelNames: ['outcome'],
      registers,
    });
    this.csat = new Counter({
      name: `${METRIC_PREFIX}csat_total`,
      help: 'Survey answers after a chat with an agent, by rating (1 to 5).',
      labelNames: ['rating'],
      registers,
    });
    if (options.openSessions !== undefined) this.openSessionsGauge(options.openSessions);
    if (options.processMetrics === true) collectDefaultMetrics({ register: this.registry });
  }

  messageRelayed(direction: RelayDirection, acceptedAt: number): void {
    this.relayed.inc({ direction });
    this.latency.observe({ direction }, Math.max(0, this.now() - acceptedAt) / 1000);
  }

  callFailed(source: FailureSource, code: string): void {
    this.failures.inc({ source, code });
  }

  ticketFiled(outcome: string): void {
    this.tickets.inc({ outcome });
  }

  /** One survey answer; only ratings 1 to 5 are counted, so the label stays bounded. */
  surveyAnswered(rating: number): void {
    if (Number.isInteger(rating) && rating >= 1 && rating <= 5) {
      this.csat.inc({ rating: String(rating) });
    }
  }

  httpAnswered(route: string, status: number, seconds: number): void {
    this.requests.inc({ route, status: String(status) });
    this.duration.observe({ route }, Math.max(0, seconds));
  }

  /** The exposition: Prometheus text format and its content type. */
  async exposition(): Promise<{ readonly contentType: string; readonly body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private openSessionsGauge(count: () => Promise<OpenSessionCounts>): void {
    const cacheMs = this.options.openSessionsCacheMs ?? 15_000;
    const read = async (): Promise<OpenSessionCounts | undefined> => {
      const cached = this.openCache;
      if (cached !== undefined && this.now() - cached.at < cacheMs) return cached.counts;
      try {
        const counts = await count();
        this.openCache = { at: this.now(), counts };
        return counts;
      } catch {
        // An unreachable store must not break the scrape: the gauge keeps its last values, and
        // the store's own failure shows on /readyz and in the log.
        return undefined;
      }
    };
    new Gauge({
      name: `${METRIC_PREFIX}open_sessions`,
      help: 'Live chat sessions not ended yet, by state (counted from the store, cached briefly).',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        const counts = await read();
        if (counts === undefined) return;
        for (const state of openStates) this.set({ state }, counts[state]);
      },
    });
  }
}

/** Counts open sessions with one count query per state (off the message path, no documents read). */
export function countOpenSessions(
  sessions: Pick<SessionStore, 'count'>,
): () => Promise<OpenSessionCounts> {
  return async () => {
    const [requested, queued, connected] = await Promise.all(
      openStates.map((s) => sessions.count(s)),
    );
    return { requested: requested ?? 0, queued: queued ?? 0, connected: connected ?? 0 };
  };
}

/**
 * Counts failed sends, updates and deletes towards Teams in turns (replies, card updates) by HTTP
 * status, each attempt, then lets the error go on. The relay's proactive sends do not run as
 * turns: TeamsSender counts their failed attempts the same way.
 */
export class TeamsFailureMetrics implements Middleware {
  constructor(private readonly metrics: RelayMetrics) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const counted = async <T>(call: () => Promise<T>): Promise<T> => {
      try {
        return await call();
      } catch (error) {
        this.metrics.callFailed(FailureSource.teams, teamsFailureCode(error));
        throw error;
      }
    };
    context.onSendActivities((_ctx, _activities, send) => counted(send));
    context.onUpdateActivity((_ctx, _activity, update) => counted(update));
    context.onDeleteActivity((_ctx, _reference, remove) => counted(remove));
    await next();
  }
}

/** The code a failed call to Teams is counted under: its HTTP status, else its error code. */
export function teamsFailureCode(error: unknown): string {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number') return String(status);
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code) ? code : 'UNKNOWN';
}

/**
 * The same client, with every failed call counted by its SnowErrorCode. A proxy keeps the
 * resources' types (classes with private state) while adding one line of behaviour to each call.
 */
export function countSnowFailures(client: SnowClient, metrics: RelayMetrics): SnowClient {
  const record = (error: unknown): void => {
    const code = (error as { code?: unknown } | null)?.code;
    metrics.callFailed(FailureSource.serviceNow, typeof code === 'string' ? code : 'UNKNOWN');
  };
  return {
    va: countRejections(client.va, record),
    presence: countRejections(client.presence, record),
    interactions: countRejections(client.interactions, record),
    users: countRejections(client.users, record),
    knowledge: countRejections(client.knowledge, record),
    knowledgeTable: countRejections(client.knowledgeTable, record),
    records: countRejections(client.records, record),
    media: countRejections(client.media, record),
    ping: () =>
      client.ping().catch((error: unknown) => {
        record(error);
        throw error;
      }),
  };
}

function countRejections<T extends object>(target: T, record: (error: unknown) => void): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        const result: unknown = Reflect.apply(value, object, args);
        if (!(result instanceof Promise)) return result;
        return result.catch((error: unknown) => {
          record(error);
          throw error;
        });
      };
    },
  });
}
