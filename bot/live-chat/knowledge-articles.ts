// Which of the articles ServiceNow returned may be shown, and how: only from the allow-listed
// knowledge bases, published and currently valid, at or above the minimum score, in the
// employee's language when there are any (else English), at most N; and of each only its number,
// a plain-text title and snippet, and a link built from the configured template.
import type { KnowledgeArticle } from '@live-agent/snow';
import type { ShownArticle } from '../../dialogs/ports.js';
import { articleText } from './article-text.js';

export interface SelectionRules {
  readonly knowledgeBases: readonly string[];
  /** Most wanted first; the last is the fallback (English). */
  readonly languages: readonly string[];
  readonly minScore: number;
  readonly maxArticles: number;
  /** YYYY-MM-DD today (UTC): articles valid to an earlier day are outdated. */
  readonly today: string;
}

export interface Selection {
  readonly articles: readonly KnowledgeArticle[];
  readonly bestScore?: number;
}

const TITLE_MAX = 120;
const SNIPPET_MAX = 220;

export function selectArticles(
  found: readonly KnowledgeArticle[],
  rules: SelectionRules,
): Selection {
  const allowed = new Set(rules.knowledgeBases);
  const showable = found.filter(
    (a) =>
      a.knowledgeBase !== undefined &&
      allowed.has(a.knowledgeBase) &&
      (a.workflowState === undefined || a.workflowState === 'published') &&
      (a.validTo === undefined || a.validTo.slice(0, 10) >= rules.today) &&
      (a.score === undefined || a.score >= rules.minScore) &&
      articleText(a.title, TITLE_MAX) !== '',
  );
  const inLanguage = (language: string) =>
    showable.filter((a) => a.language === undefined || a.language === language);
  const preferred =
    rules.languages.map(inLanguage).find((list) => list.length > 0) ?? ([] as KnowledgeArticle[]);
  const seen = new Set<string>();
  const articles = preferred
    .filter((a) => !seen.has(a.number) && seen.add(a.number))
    .slice(0, rules.maxArticles);
  const scores = articles.flatMap((a) => (a.score === undefined ? [] : [a.score]));
  return { articles, ...(scores.length > 0 && { bestScore: Math.max(...scores) }) };
}

/** What Teams gets of an article, and nothing more. */
export function shownArticle(
  article: KnowledgeArticle,
  urlTemplate: string,
  instanceUrl: string,
): ShownArticle {
  const url = articleUrl(urlTemplate, {
    instance: instanceUrl,
    number: article.number,
    sys_id: article.sysId,
  });
  return {
    number: article.number,
    title: articleText(article.title, TITLE_MAX),
    snippet: articleText(article.snippet, SNIPPET_MAX),
    ...(url !== undefined && { url }),
  };
}

/** Fills `{instance}`, `{number}` and `{sys_id}` (values URL-encoded); undefined if not http(s). */
export function articleUrl(
  template: string,
  values: Readonly<Record<string, string>>,
): string | undefined {
  const filled = template.replace(/\{(instance|number|sys_id)\}/g, (_whole, name: string) => {
    const value = values[name] ?? '';
    return name === 'instance' ? value.replace(/\/+$/, '') : encodeURIComponent(value);
  });
  try {
    const url = new URL(filled);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
