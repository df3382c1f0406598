// The knowledge step's search over ServiceNow: one call per request at most (the Knowledge API,
// or the kb_knowledge table when the plugin is missing), bounded by the configured timeout,
// answers cached briefly by query and language. It never throws: slow, down or nothing good
// found, the dialog simply goes on to the live-chat offer.
import type { KnowledgeArticle, KnowledgeSearchOptions as SnowSearch } from '@live-agent/snow';
import { SnowError, SnowErrorCode } from '@live-agent/snow';
import type { Expression } from 'adaptive-expressions';
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { HandoffRanking } from '../../dialogs/handoff-ranking.js';
import { compileExpression, evaluate } from '../../dialogs/handoff-rules.js';
import type {
  HelpRequest,
  KnowledgeFindings,
  KnowledgeOutcome,
  KnowledgeSearch,
} from '../../dialogs/ports.js';
import type { HandoffConfig, HandoffOption } from '../config/index.js';
import { knowledgeFor, type KnowledgeSettings } from '../config/knowledge-config.js';
import { LruCache } from '../security/lru-cache.js';
import { handoffContextOf } from './availability.js';
import { languageOf } from './identity.js';
import { selectArticles, shownArticle } from './knowledge-articles.js';
import type { KnowledgeMetrics } from './knowledge-metrics.js';

/** The two ways to search; each makes one bounded attempt. */
export interface KnowledgeSources {
  readonly api: { search(options: SnowSearch): Promise<KnowledgeArticle[]> };
  readonly table: { search(options: SnowSearch): Promise<KnowledgeArticle[]> };
}

export interface KnowledgeSearchOptions {
  readonly sources: KnowledgeSources;
  readonly handoff: HandoffConfig;
  /** The instance's base URL, for `{instance}` in the article link. */
  readonly instanceUrl: string;
  readonly metrics: KnowledgeMetrics;
  readonly log: Logger;
  readonly now?: () => number;
}

type Path = 'api' | 'table' | 'none';
type Settings = KnowledgeSettings & { readonly searched: readonly string[] };

interface Cached {
  readonly until: number;
  readonly findings: KnowledgeFindings;
}

const off: KnowledgeFindings = { outcome: 'off', articles: [] };
// The HTTP call may take a little longer than the step waits: the step's own timer decides.
const HTTP_GRACE_MS = 250;
const CACHE_ENTRIES = 1000;
const QUERY_MAX = 300;

export class ServiceNowKnowledgeSearch implements KnowledgeSearch {
  private path: Path = 'api';
  private readonly ranking: HandoffRanking<HandoffOption>;
  private readonly when: Expression;
  private readonly cache = new LruCache<Cached>(CACHE_ENTRIES);
  private readonly now: () => number;

  constructor(private readonly o: KnowledgeSearchOptions) {
    this.now = o.now ?? Date.now;
    this.ranking = new HandoffRanking(o.handoff.options);
    this.when = compileExpression(o.handoff.knowledge.when);
  }

  /** Which way searches go now: the Knowledge API, the kb_knowledge table, or none. */
  get currentPath(): Path {
    return this.path;
  }

  /**
   * At start-up: finds out whether the Knowledge API is installed (one empty search), so that the
   * switch to the Table API, and its one warning, happen before the first employee asks.
   */
  async probe(): Promise<void> {
    const { knowledge, options } = this.o.handoff;
    const bases = [
      knowledge.knowledgeBases,
      ...Object.values(knowledge.domainKnowledgeBases),
      ...options.map((o) => o.knowledge?.knowledgeBases ?? []),
    ].find((list) => list.length > 0);
    if (this.path !== 'api' || bases === undefined) return;
    try {
      await this.o.sources.api.search({
        query: '',
        knowledgeBases: bases,
        languages: ['en'],
        limit: 1,
        timeoutMs: knowledge.timeoutMs + HTTP_GRACE_MS,
      });
      this.o.log.info(
        { path: this.path },
        'knowledge articles are searched with the Knowledge API',
      );
    } catch (err) {
      this.failed(err, 'api', undefined);
    }
  }

  async find(context: TurnContext, request: HelpRequest): Promise<KnowledgeFindings> {
    const settings = this.settingsFor(context.activity, request);
    const query = request.text.replace(/\s+/g, ' ').trim().slice(0, QUERY_MAX);
    if (settings === undefined || this.path === 'none' || query === '') return off;
    const language = languageOf(context.activity.locale) ?? 'en';
    const languages = [...new Set([language, 'en'])];
    const domain = request.classification?.domain;
    const key = JSON.stringify([this.path, settings.searched, languages, query.toLowerCase()]);
    const cached = this.cache.get(key);
    if (cached !== undefined && cached.until > this.now()) {
      this.o.metrics.searched(domain, outcomeOf(cached.findings));
      return cached.findings;
    }
    const started = this.now();
    const findings = await this.search(settings, { query, languages }, domain);
    const seconds = (this.now() - started) / 1000;
    this.o.metrics.searched(domain, outcomeOf(findings), seconds);
    if (findings.outcome === 'shown' || findings.outcome === 'noMatch') {
      this.cache.set(key, { until: this.now() + settings.cacheSeconds * 1000, findings });
    }
    return findings;
  }

  verdict(request: HelpRequest, solved: boolean): void {
    this.o.metrics.verdict(request.classification?.domain, solved ? 'resolved' : 'continued');
  }

  /** The settings of the best option for this request, or undefined when the step is off. */
  private settingsFor(activity: Partial<Activity>, request: HelpRequest): Settings | undefined {
    const global = this.o.handoff.knowledge;
    if (!global.enabled || request.straightToAgent === true) return undefined;
    const context = handoffContextOf(activity, request);
    const { value, error } = evaluate(this.when, context);
    if (error !== undefined) this.o.log.warn({ problem: error }, 'knowledge "when" rule failed');
    if (value !== true) return undefined;
    const best = this.ranking.rank(context).ranked[0]?.option;
    const settings = knowledgeFor(global, best?.knowledge, request.classification?.domain);
    return settings.enabled && settings.searched.length > 0 ? settings : undefined;
  }

  private async search(
    settings: Settings,
    q: { readonly query: string; readonly languages: readonly string[] },
    domain: string | undefined,
  ): Promise<KnowledgeFindings> {
    const path = this.path;
    const source = path === 'api' ? this.o.sources.api : this.o.sources.table;
    const options: SnowSearch = {
      query: q.query,
      knowledgeBases: settings.searched,
      languages: q.languages,
      // A few more than shown: some may be dropped below (outdated, another language).
      limit: settings.maxArticles * 2 + 2,
      timeoutMs: settings.timeoutMs + HTTP_GRACE_MS,
    };
    let found: KnowledgeArticle[] | 'timeout';
    try {
      found = await withTimeout(source.search(options), settings.timeoutMs);
    } catch (err) {
      this.failed(err, path, domain);
      return { outcome: 'error', articles: [] };
    }
    if (found === 'timeout') {
      this.o.log.warn(
        { timeoutMs: settings.timeoutMs, domain },
        'knowledge search timed out; skipped',
      );
      return { outcome: 'timeout', articles: [] };
    }
    return this.findingsOf(found, settings, q.languages, path);
  }

  /** What may be shown of what ServiceNow found (no minimum score without scores). */
  private findingsOf(
    found: readonly KnowledgeArticle[],
    settings: Settings,
    languages: readonly string[],
    path: Path,
  ): KnowledgeFindings {
    const selection = selectArticles(found, {
      knowledgeBases: settings.searched,
      languages,
      minScore: path === 'api' ? settings.minScore : 0,
      maxArticles: settings.maxArticles,
      today: new Date(this.now()).toISOString().slice(0, 10),
    });
    const articles = selection.articles.map((a) =>
      shownArticle(a, settings.articleUrl, this.o.instanceUrl),
    );
    if (articles.length === 0) return { outcome: 'noMatch', articles: [] };
    return {
      outcome: 'shown',
      articles,
      ...(selection.bestScore !== undefined && { bestScore: selection.bestScore }),
    };
  }

  private failed(err: unknown, path: Path, domain: string | undefined): void {
    const code = err instanceof SnowError ? err.code : undefined;
    if (code === SnowErrorCode.notInstalled && path === 'api') {
      this.path = this.o.handoff.knowledge.fallback === 'table' ? 'table' : 'none';
      this.o.log.warn(
        { path: this.path },
        this.path === 'table'
          ? 'the Knowledge API (sn_km_api) is not installed; searching kb_knowledge with the Table API'
          : 'the Knowledge API (sn_km_api) is not installed; knowledge articles are not shown',
      );
      return;
    }
    this.o.log.warn({ err, code, path, domain }, 'knowledge search failed; skipped');
  }
}

function outcomeOf(findings: KnowledgeFindings): Exclude<KnowledgeOutcome, 'off'> {
  return findings.outcome === 'off' ? 'error' : findings.outcome;
}

/** The promise's value, or 'timeout' once `ms` have passed (the promise is left to settle). */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      resolve('timeout');
    }, ms);
  });
  // A late failure after the timeout must not become an unhandled rejection.
  promise.catch(() => {
    // Reported by the race below when it comes in time; later it no longer matters.
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}
