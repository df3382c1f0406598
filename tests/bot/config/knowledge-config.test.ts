// The `knowledge` key of the handoff configuration: defaults, every bad key reported by path, the
// allow-list required when the step is on, per-option overrides and per-domain knowledge bases.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHandoffConfig } from '../../../bot/config/index.js';
import { knowledgeFor, withSandboxKnowledge } from '../../../bot/config/knowledge-config.js';
import { handoffProblemsOf } from './support.js';

const kb = '0f5a3b0c1d2e4f60a7b8c9d0e1f2a3b4';
const hrKb = '1f5a3b0c1d2e4f60a7b8c9d0e1f2a3b4';
const option = {
  id: 'it',
  enabled: true,
  label: 'Live Chat',
  startAction: 'AGENT',
  contextVariables: {},
};
const base = { options: [option], availability: { agentsAlwaysAvailable: true, cacheSeconds: 0 } };

describe('knowledge configuration', () => {
  it('is off without a knowledge key, with the documented defaults', () => {
    const { knowledge } = parseHandoffConfig(base);
    assert.deepEqual(knowledge, {
      enabled: false,
      knowledgeBases: [],
      domainKnowledgeBases: {},
      maxArticles: 3,
      minScore: 0,
      timeoutMs: 2000,
      cacheSeconds: 60,
      articleUrl: '{instance}/esc?id=kb_article_view&sysparm_article={number}',
      fallback: 'table',
      when: 'true',
    });
  });

  it('reads every setting', () => {
    const { knowledge } = parseHandoffConfig({
      ...base,
      knowledge: {
        enabled: true,
        knowledgeBases: [kb],
        domainKnowledgeBases: { HR_DOMAIN: [hrKb] },
        maxArticles: 2,
        minScore: 4.5,
        timeoutMs: 1500,
        cacheSeconds: 30,
        articleUrl: 'https://portal.example.com/kb?article={number}',
        fallback: 'none',
        when: "context.domain != 'URGENT'",
      },
    });
    assert.equal(knowledge.enabled, true);
    assert.deepEqual(knowledge.domainKnowledgeBases, { HR_DOMAIN: [hrKb] });
    assert.equal(knowledge.fallback, 'none');
  });

  it('reports every bad key by its path', () => {
    const problems = handoffProblemsOf({
      ...base,
      options: [{ ...option, knowledge: { enabled: 'yes', colour: 1 } }],
      knowledge: {
        enabled: true,
        knowledgeBases: ['not-a-sys-id'],
        maxArticles: 9,
        timeoutMs: 50,
        fallback: 'ask',
        extra: true,
      },
    });
    for (const path of [
      '/options/0/knowledge/enabled',
      '/options/0/knowledge: unknown property "colour"',
      '/knowledge/knowledgeBases/0',
      '/knowledge/maxArticles',
      '/knowledge/timeoutMs',
      '/knowledge/fallback',
      '/knowledge: unknown property "extra"',
    ]) {
      assert.ok(
        problems.some((p) => p.includes(path)),
        `${path} in ${problems.join('; ')}`,
      );
    }
  });

  it('requires an allow-list of knowledge bases when the step is on', () => {
    assert.deepEqual(handoffProblemsOf({ ...base, knowledge: { enabled: true } }), [
      'handoff.json: /knowledge/knowledgeBases: required (at least one sys_id) when enabled',
    ]);
  });

  it('refuses a bad rule and an unsafe or unknown link template', () => {
    const problems = handoffProblemsOf({
      ...base,
      knowledge: {
        enabled: true,
        knowledgeBases: [kb],
        when: 'context.urgency == ',
        articleUrl: 'javascript:alert({number})',
      },
    });
    assert.ok(
      problems.some((p) => p.startsWith('handoff.json: /knowledge/when: invalid expression')),
    );
    assert.ok(problems.some((p) => p.includes('/knowledge/articleUrl: must start with https://')));
    const unknown = handoffProblemsOf({
      ...base,
      knowledge: { enabled: true, knowledgeBases: [kb], articleUrl: 'https://x.example/{title}' },
    });
    assert.ok(unknown.some((p) => p.includes('only {instance}, {number} and {sys_id}')));
  });

  it('lets an option turn the step off or search other bases, and a domain its own bases', () => {
    const { knowledge } = parseHandoffConfig({
      ...base,
      knowledge: {
        enabled: true,
        knowledgeBases: [kb],
        domainKnowledgeBases: { HR_DOMAIN: [hrKb] },
      },
    });
    assert.deepEqual(knowledgeFor(knowledge, undefined, 'IT_DOMAIN').searched, [kb]);
    assert.deepEqual(knowledgeFor(knowledge, undefined, 'HR_DOMAIN').searched, [hrKb]);
    assert.equal(knowledgeFor(knowledge, { enabled: false }, undefined).enabled, false);
    const override = knowledgeFor(
      knowledge,
      { knowledgeBases: [hrKb], maxArticles: 1 },
      'IT_DOMAIN',
    );
    assert.deepEqual([override.searched, override.maxArticles], [[hrKb], 1]);
  });

  it('turns the step on in sandbox mode only when the file configures no knowledge bases', () => {
    const off = parseHandoffConfig(base).knowledge;
    assert.deepEqual(withSandboxKnowledge(off, kb).knowledgeBases, [kb]);
    assert.equal(withSandboxKnowledge(off, kb).enabled, true);
    const own = parseHandoffConfig({
      ...base,
      knowledge: { enabled: false, knowledgeBases: [hrKb] },
    });
    assert.equal(withSandboxKnowledge(own.knowledge, kb).enabled, false);
  });
});
