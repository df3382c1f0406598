// "Knowledge search": which way the bot searches knowledge articles (the Knowledge API, or the
// kb_knowledge table without its plugin, or not at all) and whether the allow-listed knowledge
// bases exist and are readable by the service account.
import { SnowErrorCode, type KnowledgeBase } from '@live-agent/snow';
import type { HandoffConfig } from '../../config/index.js';
import type { ServiceNowParts } from '../servicenow-parts.js';
import { CheckId, CheckStatus, type Check, type DoctorContext, type Finding } from '../types.js';
import { describeSnowError, notInSandbox } from './snow-errors.js';

type Path = 'Knowledge API (sn_km_api)' | 'Table API on kb_knowledge' | 'none';

export const knowledgeCheck: Check = {
  id: CheckId.knowledge,
  title: 'Knowledge search',
  needs: [CheckId.serviceNow],
  async run(context: DoctorContext): Promise<Finding> {
    const sn = context.serviceNow;
    const config = context.config;
    if (sn === undefined || config === undefined) return notInSandbox();
    if (!config.handoff.knowledge.enabled) {
      return {
        status: CheckStatus.skip,
        detail: 'the knowledge step is off (HANDOFF_CONFIG knowledge.enabled)',
      };
    }
    const bases = allowListed(config.handoff);
    let path: Path;
    let found: KnowledgeBase[];
    try {
      path = await pathOf(sn, config.handoff, bases);
      found = await sn.knowledgeTable.knowledgeBases(bases);
    } catch (error) {
      return describeSnowError(error, sn.instanceUrl, 'searching knowledge articles');
    }
    return judge(path, bases, found);
  },
};

function allowListed(handoff: HandoffConfig): string[] {
  const { knowledge, options } = handoff;
  return [
    ...new Set([
      ...knowledge.knowledgeBases,
      ...Object.values(knowledge.domainKnowledgeBases).flat(),
      ...options.flatMap((o) => o.knowledge?.knowledgeBases ?? []),
    ]),
  ];
}

async function pathOf(sn: ServiceNowParts, handoff: HandoffConfig, bases: string[]): Promise<Path> {
  const search = {
    query: '',
    knowledgeBases: bases,
    languages: ['en'],
    limit: 1,
    timeoutMs: 10_000,
  };
  try {
    await sn.knowledge.search(search);
    return 'Knowledge API (sn_km_api)';
  } catch (error) {
    if ((error as { code?: unknown }).code !== SnowErrorCode.notInstalled) throw error;
  }
  if (handoff.knowledge.fallback === 'none') return 'none';
  await sn.knowledgeTable.search({ ...search, query: 'test' });
  return 'Table API on kb_knowledge';
}

function judge(path: Path, bases: readonly string[], found: readonly KnowledgeBase[]): Finding {
  const missing = bases.filter((id) => !found.some((kb) => kb.sysId === id));
  const inactive = found.filter((kb) => !kb.active).map((kb) => kb.title ?? kb.sysId);
  const names = found.map((kb) => kb.title ?? kb.sysId).join(', ');
  if (missing.length > 0) {
    return {
      status: CheckStatus.fail,
      detail: `${missing.length} of ${bases.length} allow-listed knowledge bases not found: ${missing.join(', ')}`,
      fix: 'Check the sys_ids in HANDOFF_CONFIG knowledge (kb_knowledge_base), and that the service account may read them (read on kb_knowledge_base, the bases\u2019 "Can read" user criteria).',
    };
  }
  if (path === 'none') {
    return {
      status: CheckStatus.warn,
      detail: `the Knowledge API plugin (sn_km_api) is not installed and fallback is "none": no articles are shown (bases: ${names})`,
      fix: 'Activate the Knowledge API plugin (sn_km_api), or set knowledge.fallback to "table" to search kb_knowledge.',
    };
  }
  if (inactive.length > 0) {
    return {
      status: CheckStatus.warn,
      detail: `searches with the ${path}; inactive knowledge bases: ${inactive.join(', ')}`,
      fix: 'Activate the knowledge bases, or remove them from HANDOFF_CONFIG knowledge.',
    };
  }
  return {
    status: path === 'Knowledge API (sn_km_api)' ? CheckStatus.pass : CheckStatus.warn,
    detail: `searches with the ${path}; knowledge bases found: ${names}`,
    ...(path !== 'Knowledge API (sn_km_api)' && {
      fix: 'Works without scores (knowledge.minScore is not applied); activate the Knowledge API plugin (sn_km_api) for ranked results.',
    }),
  };
}
