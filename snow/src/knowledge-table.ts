// Knowledge articles read straight from the `kb_knowledge` table (Table API), for instances
// without the Knowledge API plugin, and the knowledge bases themselves (`kb_knowledge_base`).
//
// Reference (ServiceNow docs, `ServiceNow/ServiceNowDocs`, markdown/api-reference/rest-apis/
// c_TableAPI.md, and the encoded query operators in markdown/platform-user-interface/):
// - GET /api/now/table/kb_knowledge with `sysparm_query`, `sysparm_fields`, `sysparm_limit`.
// - kb_knowledge columns used: sys_id, number, short_description (the title), text (the article
//   HTML), kb_knowledge_base (reference), workflow_state (`published` when live), valid_to
//   (date), language (ISO 639-1) [inferred: standard fields of the Knowledge table].
// - `123TEXTQUERY321=<words>` searches the table's text index [inferred: documented for list
//   filters, used against kb_knowledge by integrations]; the Table API gives no relevance score,
//   so the order is ServiceNow's and no minimum score can be applied.
import type { KnowledgeArticle, KnowledgeSearchOptions } from './knowledge.js';
import { KNOWLEDGE_CHECK_FIELDS, checkKnowledgeBases, checkLanguages } from './knowledge.js';
import { EncodedQuery } from './query.js';
import { refValue, stringValue, type TableApi, type TableRow } from './table-api.js';

export interface KnowledgeBase {
  readonly sysId: string;
  readonly title?: string;
  readonly active: boolean;
}

const articleFields = ['sys_id', 'number', 'short_description', 'text', ...KNOWLEDGE_CHECK_FIELDS];

export class KnowledgeTable {
  constructor(private readonly tables: TableApi) {}

  /** Published articles of the given bases and languages containing the query's words. */
  async search(options: KnowledgeSearchOptions): Promise<KnowledgeArticle[]> {
    const query = EncodedQuery.where('workflow_state', '=', 'published')
      .and('kb_knowledge_base', 'IN', checkKnowledgeBases(options.knowledgeBases))
      .and('language', 'IN', checkLanguages(options.languages))
      .andTextSearch(options.query);
    const rows = await this.tables.list('kb_knowledge', {
      query,
      fields: articleFields,
      limit: Math.max(1, Math.min(50, Math.trunc(options.limit))),
      timeoutMs: options.timeoutMs,
    });
    return rows.flatMap((row) => {
      const article = toArticle(row);
      return article === undefined ? [] : [article];
    });
  }

  /** The knowledge bases among `ids` that exist (and that the service account can read). */
  async knowledgeBases(ids: readonly string[]): Promise<KnowledgeBase[]> {
    const query = EncodedQuery.where('sys_id', 'IN', checkKnowledgeBases(ids));
    const rows = await this.tables.list('kb_knowledge_base', {
      query,
      fields: ['sys_id', 'title', 'active'],
      limit: ids.length,
    });
    return rows.flatMap((row) => {
      const sysId = stringValue(row.sys_id);
      if (sysId === undefined) return [];
      const title = stringValue(row.title);
      return [{ sysId, ...(title && { title }), active: stringValue(row.active) === 'true' }];
    });
  }
}

function toArticle(row: TableRow): KnowledgeArticle | undefined {
  const sysId = stringValue(row.sys_id);
  const number = stringValue(row.number)?.trim();
  if (sysId === undefined || number === undefined || number === '') return undefined;
  const knowledgeBase = refValue(row.kb_knowledge_base);
  const language = stringValue(row.language);
  const workflowState = stringValue(row.workflow_state);
  const validTo = stringValue(row.valid_to);
  return {
    sysId,
    number,
    title: stringValue(row.short_description) ?? '',
    snippet: stringValue(row.text) ?? '',
    ...(knowledgeBase && { knowledgeBase }),
    ...(language && { language }),
    ...(workflowState && { workflowState }),
    ...(validTo && { validTo }),
  };
}
