// The Knowledge API client against canned answers: the request it sends, the answer's quirks it
// accepts (string scores, prefixed ids, untrimmed values), and what it refuses.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  SnowBadResponseError,
  SnowNotInstalledError,
  SnowQueryValueError,
  SnowUnavailableError,
} from '../../snow/src/errors.js';
import { startInstance } from './support/instance.js';
import type { RecordingServer } from './support/recording-server.js';

const kb = '0f5a3b0c1d2e4f60a7b8c9d0e1f2a3b4';
const search = {
  query: 'vpn ^NQactive=true',
  knowledgeBases: [kb],
  languages: ['de', 'en'],
  limit: 3,
  timeoutMs: 1000,
};
const servers: RecordingServer[] = [];

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function instance(...answers: Parameters<typeof startInstance>) {
  const started = await startInstance(...answers);
  servers.push(started.server);
  return started;
}

describe('KnowledgeApi.search', () => {
  it('sends the documented parameters and reads the documented answer', async () => {
    const { server, client } = await instance({
      body: {
        result: {
          meta: { count: 2 },
          articles: [
            {
              id: 'kb_knowledge:9e528db1474321009db4b5b08b9a71a6',
              number: 'KB0000020',
              title: 'VPN\n\t\t',
              snippet: '    <B>VPN</B> tips',
              score: '14.869',
              rank: 1,
              link: '?sys_kb_id=9e528db1474321009db4b5b08b9a71a6&id=kb_article_view',
              fields: {
                kb_knowledge_base: { value: `${kb}  ` },
                language: { value: 'de' },
                workflow_state: { value: 'published' },
                valid_to: { value: '2100-01-01' },
              },
            },
            { id: 'kb_knowledge:', number: 'KB0000021' },
            'not an article',
          ],
        },
      },
    });
    const articles = await client.knowledge.search(search);
    assert.deepEqual(articles, [
      {
        sysId: '9e528db1474321009db4b5b08b9a71a6',
        number: 'KB0000020',
        title: 'VPN\n\t\t',
        snippet: '    <B>VPN</B> tips',
        score: 14.869,
        link: '?sys_kb_id=9e528db1474321009db4b5b08b9a71a6&id=kb_article_view',
        knowledgeBase: kb,
        language: 'de',
        workflowState: 'published',
        validTo: '2100-01-01',
      },
    ]);
    const [request] = server.requests;
    assert.equal(request?.path, '/api/sn_km_api/knowledge/articles');
    assert.equal(request.query.get('query'), 'vpn ^NQactive=true');
    assert.equal(request.query.get('kb'), kb);
    assert.equal(request.query.get('language'), 'de,en');
    assert.equal(request.query.get('limit'), '3');
    assert.equal(request.query.get('filter'), 'workflow_state=published');
    assert.equal(request.query.get('fields'), 'kb_knowledge_base,workflow_state,valid_to,language');
  });

  it('says the plugin is missing on a 404 or an unknown-resource 400, not on another 400', async () => {
    const missing = await instance({ status: 404, body: { error: { message: 'Not found' } } });
    await assert.rejects(missing.client.knowledge.search(search), SnowNotInstalledError);
    const unknown = await instance({
      status: 400,
      body: { error: { message: 'Requested URI does not represent any resource' } },
    });
    await assert.rejects(unknown.client.knowledge.search(search), SnowNotInstalledError);
    const refused = await instance({ status: 400, body: { error: { message: 'bad filter' } } });
    await assert.rejects(
      refused.client.knowledge.search(search),
      (e) => !(e instanceof SnowNotInstalledError),
    );
  });

  it('refuses an answer without an article list', async () => {
    const { client } = await instance({ body: '<html>login</html>' });
    await assert.rejects(client.knowledge.search(search), SnowBadResponseError);
  });

  it('gives up at its bound on an instance that does not answer, once', async () => {
    const { server, client } = await instance({ hang: true });
    await assert.rejects(
      client.knowledge.search({ ...search, timeoutMs: 150 }),
      SnowUnavailableError,
    );
    assert.equal(server.requests.length, 1);
  });

  it('refuses knowledge bases that are not sys_ids and languages that are not ISO 639-1', async () => {
    const { server, client } = await instance({ body: { result: { articles: [] } } });
    await assert.rejects(
      client.knowledge.search({ ...search, knowledgeBases: ['x,y'] }),
      SnowQueryValueError,
    );
    await assert.rejects(
      client.knowledge.search({ ...search, knowledgeBases: [] }),
      SnowQueryValueError,
    );
    await assert.rejects(
      client.knowledge.search({ ...search, languages: ['en-US'] }),
      SnowQueryValueError,
    );
    assert.equal(server.requests.length, 0);
  });
});
