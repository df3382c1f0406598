// Metrics of the knowledge step, on the app's registry: searches by domain and outcome (shown,
// no_match, timeout, error), the user's verdict on articles shown (resolved, continued to an
// agent), and the search latency. Domain labels are the configured domain ids or `none`.
import { Counter, Histogram, type Registry } from 'prom-client';
import type { KnowledgeOutcome } from '../../dialogs/ports.js';
import { METRIC_PREFIX } from '../metrics.js';

export type SearchOutcome = Exclude<KnowledgeOutcome, 'off'>;
export type Verdict = 'resolved' | 'continued';

/** What the knowledge search reports. */
export interface KnowledgeMetrics {
  searched(domain: string | undefined, outcome: SearchOutcome, seconds?: number): void;
  verdict(domain: string | undefined, verdict: Verdict): void;
}

export const noKnowledgeMetrics: KnowledgeMetrics = {
  searched: () => undefined,
  verdict: () => undefined,
};

const outcomeLabels: Readonly<Record<SearchOutcome, string>> = {
  shown: 'shown',
  noMatch: 'no_match',
  timeout: 'timeout',
  error: 'error',
};

const latencyBuckets = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5];

export class PrometheusKnowledgeMetrics implements KnowledgeMetrics {
  private readonly searches: Counter<'domain' | 'outcome'>;
  private readonly verdicts: Counter<'domain' | 'verdict'>;
  private readonly latency: Histogram;

  /** `domains`: the configured domain ids; anything else is counted as `other`. */
  constructor(
    registry: Registry,
    private readonly domains: ReadonlySet<string>,
  ) {
    const registers = [registry];
    this.searches = new Counter({
      name: `${METRIC_PREFIX}knowledge_searches_total`,
      help: 'Knowledge searches before a live agent, by domain and outcome (shown, no_match, timeout, error).',
      labelNames: ['domain', 'outcome'],
      registers,
    });
    this.verdicts = new Counter({
      name: `${METRIC_PREFIX}knowledge_verdicts_total`,
      help: 'What users said about the articles shown, by domain (resolved, continued to an agent).',
      labelNames: ['domain', 'verdict'],
      registers,
    });
    this.latency = new Histogram({
      name: `${METRIC_PREFIX}knowledge_search_duration_seconds`,
      help: 'Time of a knowledge search at ServiceNow (cached answers are not timed).',
      buckets: latencyBuckets,
      registers,
    });
  }

  searched(domain: string | undefined, outcome: SearchOutcome, seconds?: number): void {
    this.searches.inc({ domain: this.label(domain), outcome: outcomeLabels[outcome] });
    if (seconds !== undefined) this.latency.observe(Math.max(0, seconds));
  }

  verdict(domain: string | undefined, verdict: Verdict): void {
    this.verdicts.inc({ domain: this.label(domain), verdict });
  }

  private label(domain: string | undefined): string {
    if (domain === undefined) return 'none';
    return this.domains.has(domain) ? domain : 'other';
  }
}
