// GET /api/sn_km_api/[v1/]knowledge/articles: ServiceNow's Knowledge Management API as its docs
// describe it (knowledge-api.md): `query`, `kb`, `language`, `limit`, `offset`, `fields`,
// `filter`; `{result: {meta, articles}}` sorted by score, table-prefixed ids, HTML snippets with
// <B> highlights, relative portal links, titles with trailing whitespace. Only published articles
// are searched [inferred]; valid_to is not applied (the integration account may read outdated
// articles), so the client must check it. A switch makes the plugin absent, slow or failing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallerAuth } from './caller-auth.js';
import { matches, parseEncodedQuery, type FieldReader } from './encoded-query.js';
import type { FaultInjector } from './faults.js';
import { commaList, countParam, errorBody, sendJson, sendUnauthorized } from './http-util.js';
import { newSysId } from './ids.js';
import { relevance, terms, type KbArticle } from './knowledge-base.js';
import type { KnowledgeSwitch, ReceivedTableRequest } from './types.js';

const KNOWLEDGE_PATH = /^\/api\/sn_km_api\/(?:v[0-9]+\/)?knowledge\/articles\/?$/;
const DEFAULT_LIMIT = 30;

const fieldLabels: Readonly<Record<string, readonly [string, string]>> = {
  short_description: ['Short description', 'string'],
  kb_knowledge_base: ['Knowledge base', 'reference'],
  workflow_state: ['Workflow', 'choice'],
  valid_to: ['Valid to', 'glide_date'],
  language: ['Language', 'choice'],
  number: ['Number', 'string'],
  text: ['Article body', 'html'],
};

export const articleReader: FieldReader<KbArticle> = {
  known: (field) => field in fieldLabels || field === 'sys_id',
  value: (row, field) =>
    (row as unknown as Readonly<Record<string, string | undefined>>)[field] ?? '',
  textMatch: (row, text) => relevance(text, row) > 0,
};

export interface KnowledgeApiOptions {
  readonly auth: CallerAuth;
  readonly faults: FaultInjector;
  readonly articles: () => readonly KbArticle[];
  readonly settings: () => KnowledgeSwitch;
  readonly requests: ReceivedTableRequest[];
  readonly delay: (ms: number) => Promise<void>;
}

export class KnowledgeApi {
  constructor(private readonly o: KnowledgeApiOptions) {}

  /** Whether the path is the Knowledge API's and the plugin is active. */
  serves(pathname: string): boolean {
    return KNOWLEDGE_PATH.test(pathname) && this.o.settings().installed !== false;
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const query = Object.fromEntries(url.searchParams.entries());
    const faulted = await this.o.faults.answer('knowledge', res);
    if (faulted === undefined) await this.serve(req, res, url);
    this.o.requests.push({
      at: Date.now(),
      method: req.method ?? '',
      path: url.pathname,
      query,
      status: faulted ?? res.statusCode,
    });
  }

  private async serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const { delayMs = 0, failStatus } = this.o.settings();
    if (delayMs > 0) await this.o.delay(delayMs);
    if (res.destroyed) return;
    if (failStatus !== undefined) {
      sendJson(res, failStatus, errorBody('Internal Server Error', null));
      return;
    }
    if (!this.o.auth.authenticated(req)) {
      sendUnauthorized(res);
      return;
    }
    if (req.method !== 'GET') {
      sendJson(res, 405, errorBody('Method not Supported', null));
      return;
    }
    sendJson(res, 200, { result: this.search(url.searchParams) });
  }

  private search(params: URLSearchParams) {
    const text = params.get('query') ?? '';
    const kbs = commaList(params.get('kb'));
    const languages = commaList(params.get('language') ?? 'en');
    const fields = commaList(params.get('fields'));
    const limit = countParam(params.get('limit'), DEFAULT_LIMIT);
    const offset = countParam(params.get('offset'), 0);
    const found = this.found(text, kbs, languages, params.get('filter') ?? '');
    const queryId = newSysId();
    const page = found.slice(offset, offset + limit).map(({ a, score }, i) => ({
      link: `?sys_kb_id=${a.sys_id}&id=kb_article_view&sysparm_rank=${offset + i + 1}&sysparm_tsqueryId=${queryId}`,
      rank: offset + i + 1,
      id: `kb_knowledge:${a.sys_id}`,
      title: `${a.short_description}\n\t\t`,
      snippet: snippet(a.text, text),
      score,
      number: a.number,
      fields: Object.fromEntries(fields.flatMap((f) => fieldOf(a, f))),
    }));
    const meta = {
      start: offset,
      end: offset + page.length,
      fields: fields.join(','),
      query: text,
      filter: params.get('filter') ?? '',
      kb: kbs.join(','),
      language: languages.join(','),
      count: found.length,
      ts_query_id: queryId,
      status: { code: 200 },
    };
    return { meta, articles: page };
  }

  /** Published articles of the bases and languages asked for, matching, best first. */
  private found(
    text: string,
    kbs: readonly string[],
    languages: readonly string[],
    filter: string,
  ) {
    const query = parseEncodedQuery(filter);
    return this.o
      .articles()
      .filter(
        (a) =>
          a.workflow_state === 'published' &&
          (kbs.length === 0 || kbs.includes(a.kb_knowledge_base)) &&
          (languages.includes('all') || languages.includes(a.language)) &&
          matches(query, a, articleReader),
      )
      .map((a) => ({ a, score: text.trim() === '' ? 1 : relevance(text, a) }))
      .filter(({ score }) => score > 0)
      .sort((x, y) => y.score - x.score);
  }
}

function fieldOf(a: KbArticle, name: string): [string, unknown][] {
  const label = fieldLabels[name];
  if (label === undefined) return [];
  const value = articleReader.value(a, name);
  return [[name, { display_value: value, name, label: label[0], type: label[1], value }]];
}

/** Up to ~200 characters of the text with the matched words in <B>, leading spaces as ServiceNow's. */
function snippet(html: string, query: string): string {
  const plain = html
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
  const wanted = new Set(terms(query));
  const marked = plain.replace(/[\p{L}\p{N}]+/gu, (word) =>
    terms(word).some((t) => wanted.has(t)) ? `<B>${word}</B>` : word,
  );
  return `    ${marked}`;
}
