// The `knowledge` part of the handoff configuration: whether the bot shows ServiceNow knowledge
// articles before it offers a live agent, which knowledge bases it may search (an allow-list of
// kb_knowledge_base sys_ids, per domain if wanted), how many articles, the minimum score, the
// timeout, the cache and the article link; and per option a switch and overrides.
const sysId = { type: 'string', pattern: '^[0-9a-f]{32}$' } as const;
const knowledgeBases = {
  description: 'kb_knowledge_base sys_ids that may be searched (nothing else is).',
  type: 'array',
  maxItems: 50,
  uniqueItems: true,
  items: sysId,
} as const;
const maxArticles = {
  description: 'Articles shown on the card at most.',
  type: 'integer',
  minimum: 1,
  maximum: 5,
} as const;
const minScore = {
  description: 'Articles scoring below this (Knowledge API relevance) are not shown.',
  type: 'number',
  minimum: 0,
} as const;

export const knowledgeSchema = {
  description: 'Knowledge articles shown before a live agent is offered.',
  type: 'object',
  additionalProperties: false,
  required: ['enabled'],
  properties: {
    enabled: { type: 'boolean' },
    knowledgeBases,
    domainKnowledgeBases: {
      description: 'Per domain id, the knowledge bases searched instead of knowledgeBases.',
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z0-9_.-]{1,100}$' },
      additionalProperties: { ...knowledgeBases, minItems: 1 },
    },
    maxArticles,
    minScore,
    timeoutMs: {
      description: 'How long the search may take before the step is skipped.',
      type: 'integer',
      minimum: 100,
      maximum: 10_000,
    },
    cacheSeconds: { type: 'integer', minimum: 0, maximum: 3600 },
    articleUrl: {
      description:
        'Link of an article in the employee portal: {instance}, {number} and {sys_id} are filled in.',
      type: 'string',
      minLength: 1,
      maxLength: 500,
    },
    fallback: {
      description: 'Without the Knowledge API plugin: search kb_knowledge (table) or skip (none).',
      type: 'string',
      enum: ['table', 'none'],
    },
    when: {
      description: 'Expression over `context`: articles are searched only when it is true.',
      type: 'string',
      minLength: 1,
      maxLength: 2000,
    },
  },
} as const;

export const optionKnowledgeSchema = {
  description: 'Per option: turn the knowledge step off, or search other bases.',
  type: 'object',
  additionalProperties: false,
  properties: { enabled: { type: 'boolean' }, knowledgeBases, maxArticles, minScore },
} as const;

export type KnowledgeFallback = 'table' | 'none';

export interface KnowledgeSettings {
  readonly enabled: boolean;
  readonly knowledgeBases: readonly string[];
  readonly domainKnowledgeBases: Readonly<Record<string, readonly string[]>>;
  readonly maxArticles: number;
  readonly minScore: number;
  readonly timeoutMs: number;
  readonly cacheSeconds: number;
  readonly articleUrl: string;
  readonly fallback: KnowledgeFallback;
  readonly when: string;
}

export interface OptionKnowledge {
  readonly enabled?: boolean;
  readonly knowledgeBases?: readonly string[];
  readonly maxArticles?: number;
  readonly minScore?: number;
}

export type RawKnowledge = Partial<KnowledgeSettings> & { readonly enabled: boolean };

/** Employee Center's article page; `{instance}` is the ServiceNow instance URL. */
export const DEFAULT_ARTICLE_URL = '{instance}/esc?id=kb_article_view&sysparm_article={number}';

export function normaliseKnowledge(raw: RawKnowledge | undefined): KnowledgeSettings {
  return {
    enabled: raw?.enabled ?? false,
    knowledgeBases: [...(raw?.knowledgeBases ?? [])],
    domainKnowledgeBases: Object.fromEntries(
      Object.entries(raw?.domainKnowledgeBases ?? {}).map(([d, ids]) => [d, [...ids]]),
    ),
    maxArticles: raw?.maxArticles ?? 3,
    minScore: raw?.minScore ?? 0,
    timeoutMs: raw?.timeoutMs ?? 2000,
    cacheSeconds: raw?.cacheSeconds ?? 60,
    articleUrl: raw?.articleUrl ?? DEFAULT_ARTICLE_URL,
    fallback: raw?.fallback ?? 'table',
    when: raw?.when ?? 'true',
  };
}

/** What the schema cannot say: an allow-list when on, a safe link (`when` is checked with the rules). */
export function knowledgeProblems(
  raw: RawKnowledge | undefined,
  options: readonly { readonly id: string; readonly knowledge?: OptionKnowledge }[],
): string[] {
  if (raw === undefined) return [];
  const problems: string[] = [];
  const anyOptionBases = options.some((o) => (o.knowledge?.knowledgeBases?.length ?? 0) > 0);
  if (raw.enabled && (raw.knowledgeBases?.length ?? 0) === 0 && !anyOptionBases) {
    problems.push('/knowledge/knowledgeBases: required (at least one sys_id) when enabled');
  }
  const url = raw.articleUrl;
  if (
    url !== undefined &&
    !/^(https:\/\/|http:\/\/(localhost|127\.0\.0\.1)[:/]|\{instance\}\/)/.test(url)
  ) {
    problems.push('/knowledge/articleUrl: must start with https:// or {instance}/');
  }
  if (url !== undefined && /\{(?!instance\}|number\}|sys_id\})[^}]*\}/.test(url)) {
    problems.push('/knowledge/articleUrl: only {instance}, {number} and {sys_id} are filled in');
  }
  return problems;
}

/** The settings for one request: the option's overrides over the global ones. */
export function knowledgeFor(
  global: KnowledgeSettings,
  option: OptionKnowledge | undefined,
  domain: string | undefined,
): KnowledgeSettings & { readonly searched: readonly string[] } {
  const merged = {
    ...global,
    enabled: global.enabled && option?.enabled !== false,
    maxArticles: option?.maxArticles ?? global.maxArticles,
    minScore: option?.minScore ?? global.minScore,
  };
  const byDomain = domain === undefined ? undefined : global.domainKnowledgeBases[domain];
  const searched = option?.knowledgeBases ?? byDomain ?? global.knowledgeBases;
  return { ...merged, searched };
}

/**
 * Sandbox mode: a handoff file that does not configure knowledge bases gets the simulator's
 * self-service knowledge base, so a new user sees the step at once.
 */
export function withSandboxKnowledge(
  settings: KnowledgeSettings,
  knowledgeBase: string,
): KnowledgeSettings {
  if (settings.enabled || settings.knowledgeBases.length > 0) return settings;
  return { ...settings, enabled: true, knowledgeBases: [knowledgeBase] };
}
