// Knowledge articles through the Knowledge Management REST API (plugin `sn_km_api`).
//
// Reference (ServiceNow docs, `ServiceNow/ServiceNowDocs`,
// markdown/api-reference/rest-apis/knowledge-api.md, Xanadu, read 2026-12-01):
// - GET /api/sn_km_api/knowledge/articles, usable only when the Knowledge API plugin
//   (`sn_km_api`) is active. Parameters: `query` (text, may be empty), `kb` (comma-separated
//   kb_knowledge_base sys_ids), `language` (comma-separated ISO 639-1 codes, or `all`; default the
//   session language or `en`), `limit` (default 30), `offset`, `fields` (kb_knowledge columns to
//   return), `filter` (encoded query on kb_knowledge). Status codes documented: 200, 401, 500.
// - Answer: {"result": {"meta": {...}, "articles": [{id, number, title, snippet, score, rank, link,
//   fields: {<name>: {display_value, label, name, type, value}}}]}}, sorted by score descending.
//   `id` is table-prefixed ("kb_knowledge:<sys_id>"), `snippet` is HTML with <B> highlights and
//   leading spaces, `score` is documented as String but is a number in the example, `link` is a
//   relative portal query string ("?sys_kb_id=…&id=kb_article_view&…"), values may carry trailing
//   whitespace.
// - Results follow the calling (integration) user's read rights, not the employee's [inferred]:
//   callers restrict `kb` to an allow-list and check the returned fields themselves.
// - Without the plugin the path does not exist: 404 [inferred, per the issue], or ServiceNow's
//   answer to any unknown REST path, 400 "Requested URI does not represent any resource"
//   [inferred from instances; the simulator answers so]. Both become SnowNotInstalledError.
import { SnowBadResponseError, SnowNotInstalledError, SnowQueryValueError } from './errors.js';
import { errorForStatus, type HttpResult, type SnowHttp } from './http.js';
import { EncodedQuery, checkSysId } from './query.js';

/** One article as ServiceNow returned it; title and snippet are not yet safe to show. */
export interface KnowledgeArticle {
  readonly sysId: string;
  /** e.g. KB0010001 */
  readonly number: string;
  /** As sent: may carry surrounding whitespace or markup. */
  readonly title: string;
  /** HTML: the API's highlighted snippet, or (Table API) the article text itself. */
  readonly snippet: string;
  /** Relevance, higher is better; absent on the Table API path, which has none. */
  readonly score?: number;
  /** Relative portal link the Knowledge API gives (a query string). */
  readonly link?: string;
  /** sys_id of the article's kb_knowledge_base, when ServiceNow returned it. */
  readonly knowledgeBase?: string;
  readonly language?: string;
  readonly workflowState?: string;
  /** YYYY-MM-DD (or with a time); empty: no end date. */
  readonly validTo?: string;
}

export interface KnowledgeSearchOptions {
  readonly query: string;
  /** kb_knowledge_base sys_ids to search; at least one. */
  readonly knowledgeBases: readonly string[];
  /** ISO 639-1 codes, most wanted first. */
  readonly languages: readonly string[];
  readonly limit: number;
  /** One attempt, bounded by this; never retried. */
  readonly timeoutMs: number;
}

/** The kb_knowledge columns read along with each article, to check it before it is shown. */
export const KNOWLEDGE_CHECK_FIELDS = [
  'kb_knowledge_base',
  'workflow_state',
  'valid_to',
  'language',
] as const;

const path = 'api/sn_km_api/knowledge/articles';
const operation = 'Knowledge API search';
const languagePattern = /^[a-z]{2}$/;

export class KnowledgeApi {
  constructor(private readonly http: SnowHttp) {}

  /** Published articles matching `query`, best first; throws SnowNotInstalledError without the plugin. */
  async search(options: KnowledgeSearchOptions): Promise<KnowledgeArticle[]> {
    const result = await this.http.getOnce(
      operation,
      path,
      searchParamsOf(options),
      options.timeoutMs,
    );
    if (isMissingApi(result)) {
      throw new SnowNotInstalledError(
        `${operation}: the Knowledge API is not installed`,
        result.status,
      );
    }
    if (result.status !== 200) throw errorForStatus(operation, result);
    const articles = (result.body as { result?: { articles?: unknown } } | undefined)?.result
      ?.articles;
    if (!Array.isArray(articles)) {
      throw new SnowBadResponseError(`${operation}: the response has no article list`, 200);
    }
    return articles.flatMap((a) => {
      const article = toArticle(a);
      return article === undefined ? [] : [article];
    });
  }
}

export function checkKnowledgeBases(ids: readonly string[]): readonly string[] {
  if (ids.length === 0) throw new SnowQueryValueError('A knowledge search needs a knowledge base');
  return ids.map((id) => checkSysId(id, 'A knowledge base'));
}

export function checkLanguages(languages: readonly string[]): readonly string[] {
  if (languages.length === 0 || !languages.every((l) => languagePattern.test(l))) {
    throw new SnowQueryValueError('A knowledge search needs ISO 639-1 language codes');
  }
  return languages;
}

function searchParamsOf(options: KnowledgeSearchOptions): Record<string, string> {
  return {
    query: options.query.slice(0, 500),
    kb: checkKnowledgeBases(options.knowledgeBases).join(','),
    language: checkLanguages(options.languages).join(','),
    limit: String(Math.max(1, Math.min(50, Math.trunc(options.limit)))),
    fields: KNOWLEDGE_CHECK_FIELDS.join(','),
    filter: EncodedQuery.where('workflow_state', '=', 'published').toString(),
  };
}

/** 404, or the 400 ServiceNow gives any REST path that does not exist on the instance. */
function isMissingApi(result: HttpResult): boolean {
  if (result.status === 404) return true;
  if (result.status !== 400) return false;
  const message = (result.body as { error?: { message?: unknown } } | undefined)?.error?.message;
  return message === 'Requested URI does not represent any resource';
}

function toArticle(value: unknown): KnowledgeArticle | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const a = value as Record<string, unknown>;
  const id = text(a.id);
  // "kb_knowledge:<sys_id>"; a bare sys_id is accepted too.
  const sysId = id?.slice(id.lastIndexOf(':') + 1);
  const number = text(a.number)?.trim();
  if (sysId === undefined || sysId === '' || number === undefined || number === '')
    return undefined;
  const fields = typeof a.fields === 'object' && a.fields !== null ? a.fields : {};
  const field = (name: string) =>
    text((fields as Record<string, { value?: unknown } | undefined>)[name]?.value)?.trim();
  const score = typeof a.score === 'number' ? a.score : Number(text(a.score) ?? NaN);
  return {
    sysId,
    number,
    title: text(a.title) ?? '',
    snippet: text(a.snippet) ?? '',
    ...(Number.isFinite(score) && { score }),
    ...optional('link', text(a.link)),
    ...optional('knowledgeBase', field('kb_knowledge_base')),
    ...optional('language', field('language')),
    ...optional('workflowState', field('workflow_state')),
    ...optional('validTo', field('valid_to')),
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined || value === '' ? {} : ({ [key]: value } as Record<K, string>);
}
