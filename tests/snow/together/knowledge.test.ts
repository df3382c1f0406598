// The knowledge client against the simulator over real HTTP: the Knowledge API and the kb_knowledge
// Table API path return the same allow-listed, published articles, best first; a missing plugin is
// a SnowNotInstalledError; a slow search fails within its bound, after one request.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { SELF_SERVICE_KB, TECHNICIANS_KB } from '@live-agent/snow/simulator';
import { SnowNotInstalledError, SnowUnavailableError } from '../../../snow/src/errors.js';
import { startPair, type Pair } from './pair.js';

const search = {
  query: 'my VPN keeps disconnecting',
  knowledgeBases: [SELF_SERVICE_KB],
  languages: ['en'],
  limit: 3,
  timeoutMs: 2000,
};

describe('client and simulator: knowledge search', () => {
  let pair: Pair | undefined;
  afterEach(async () => {
    await pair?.close();
    pair = undefined;
  });

  it('finds the VPN articles of the allow-listed knowledge base, best first', async () => {
    pair = await startPair();
    const articles = await pair.client.knowledge.search(search);
    assert.deepEqual(
      articles.map((a) => a.number),
      ['KB0010001', 'KB0010002'],
    );
    const [best, second] = articles;
    assert.ok(best !== undefined && second !== undefined);
    assert.ok((best.score ?? 0) > (second.score ?? 0));
    assert.equal(best.knowledgeBase, SELF_SERVICE_KB);
    assert.equal(best.workflowState, 'published');
    assert.match(best.link ?? '', /^\?sys_kb_id=[0-9a-f]{32}&id=kb_article_view/);
    assert.match(best.snippet, /<B>VPN<\/B>/);
    const [request] = pair.sim.knowledgeRequests;
    assert.equal(request?.query.kb, SELF_SERVICE_KB);
    assert.equal(request.query.language, 'en');
    assert.equal(request.query.filter, 'workflow_state=published');
  });

  it('searches an internal knowledge base only when asked to', async () => {
    pair = await startPair();
    const both = await pair.client.knowledge.search({
      ...search,
      knowledgeBases: [SELF_SERVICE_KB, TECHNICIANS_KB],
    });
    assert.ok(both.some((a) => a.knowledgeBase === TECHNICIANS_KB));
    const allowed = await pair.client.knowledge.search(search);
    assert.ok(allowed.every((a) => a.knowledgeBase === SELF_SERVICE_KB));
  });

  it('searches in the languages asked for', async () => {
    pair = await startPair();
    const german = await pair.client.knowledge.search({
      ...search,
      query: 'Meine VPN-Verbindung bricht ständig ab',
      languages: ['de'],
    });
    assert.deepEqual(
      german.map((a) => [a.number, a.language]),
      [['KB0010011', 'de']],
    );
  });

  it('reads the same articles from kb_knowledge with a keyword query', async () => {
    pair = await startPair();
    const articles = await pair.client.knowledgeTable.search(search);
    assert.deepEqual(articles.map((a) => a.number).sort(), ['KB0010001', 'KB0010002']);
    assert.equal(articles[0]?.score, undefined);
    const read = pair.sim.tableRequests.at(-1);
    assert.equal(read?.path, '/api/now/table/kb_knowledge');
    assert.equal(
      read.query.sysparm_query,
      `workflow_state=published^kb_knowledge_baseIN${SELF_SERVICE_KB}^languageINen^123TEXTQUERY321=my VPN keeps disconnecting`,
    );
  });

  it('keeps only the words of a hostile query on the Table API path', async () => {
    pair = await startPair();
    const articles = await pair.client.knowledgeTable.search({
      ...search,
      query: 'vpn^NQworkflow_state=retired^ORkb_knowledge_base!=x',
    });
    assert.ok(articles.every((a) => a.workflowState === 'published'));
    assert.ok(articles.every((a) => a.knowledgeBase === SELF_SERVICE_KB));
    assert.doesNotMatch(pair.sim.tableRequests.at(-1)?.query.sysparm_query ?? '', /\^NQ|\^OR/);
  });

  it('says the Knowledge API is not installed when its plugin is missing', async () => {
    pair = await startPair({ knowledge: { installed: false } });
    await assert.rejects(pair.client.knowledge.search(search), SnowNotInstalledError);
    assert.equal(pair.sim.knowledgeRequests.length, 0);
  });

  it('gives up on a slow search within its bound, after one request', async () => {
    pair = await startPair({ knowledge: { delayMs: 1500 } });
    const started = Date.now();
    await assert.rejects(
      pair.client.knowledge.search({ ...search, timeoutMs: 200 }),
      SnowUnavailableError,
    );
    assert.ok(Date.now() - started < 1000, 'answered within the bound');
    await pair.sim.waitFor(() => pair?.sim.knowledgeRequests.length === 1, {
      what: 'the one request recorded',
    });
  });

  it('does not repeat a failed search', async () => {
    pair = await startPair({ knowledge: { failStatus: 503 } });
    await assert.rejects(pair.client.knowledge.search(search), SnowUnavailableError);
    assert.equal(pair.sim.knowledgeRequests.length, 1);
  });

  it('lists which of the given knowledge bases exist', async () => {
    pair = await startPair();
    const missing = 'ffffffffffffffffffffffffffffffff';
    const found = await pair.client.knowledgeTable.knowledgeBases([SELF_SERVICE_KB, missing]);
    assert.deepEqual(
      found.map((kb) => [kb.sysId, kb.title, kb.active]),
      [[SELF_SERVICE_KB, 'IT Self-Service', true]],
    );
  });
});
