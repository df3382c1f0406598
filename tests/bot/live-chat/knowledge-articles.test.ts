// What of a ServiceNow article may reach Teams: allow-listed, published, current, scored high
// enough, in the employee's language (else English), as plain text with a templated link.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KnowledgeArticle } from '@live-agent/snow';
import { articleText } from '../../../bot/live-chat/article-text.js';
import {
  articleUrl,
  selectArticles,
  shownArticle,
} from '../../../bot/live-chat/knowledge-articles.js';

const allowed = 'a'.repeat(32);
const other = 'b'.repeat(32);

function article(n: number, extra: Partial<KnowledgeArticle> = {}): KnowledgeArticle {
  return {
    sysId: String(n).padStart(32, '0'),
    number: `KB${String(n).padStart(7, '0')}`,
    title: `Article ${n}`,
    snippet: 'text',
    score: 10 - n,
    knowledgeBase: allowed,
    language: 'en',
    workflowState: 'published',
    validTo: '2100-01-01',
    ...extra,
  };
}

const rules = {
  knowledgeBases: [allowed],
  languages: ['de', 'en'],
  minScore: 5,
  maxArticles: 3,
  today: '2026-12-02',
};

describe('article text', () => {
  it('turns hostile HTML into plain text without scripts, styles or markup', () => {
    const html =
      '  <p>Open <B>VPN</B> &amp; <i>reconnect</i>.<script>alert("x")</script><img src=x onerror=alert(1)>' +
      '<style>p{color:red}</style></p><div>Next&nbsp;step &lt;b&gt;&#x41;&#66;</div>\n\t ';
    assert.equal(articleText(html, 200), 'Open VPN & reconnect. Next step b AB');
  });

  it('cuts long text at a word with an ellipsis', () => {
    const text = articleText('one two three four five six seven', 16);
    assert.equal(text, 'one two three…');
    assert.ok(text.length <= 16);
  });
});

describe('article selection', () => {
  it('keeps only allow-listed, published, current articles at or above the minimum score', () => {
    const found = [
      article(1),
      article(2, { knowledgeBase: other }),
      article(3, { knowledgeBase: undefined }),
      article(4, { workflowState: 'retired' }),
      article(5, { validTo: '2026-12-01' }),
      article(6, { score: 1 }),
      article(7, { score: undefined }),
    ];
    const { articles, bestScore } = selectArticles(found, rules);
    assert.deepEqual(
      articles.map((a) => a.number),
      ['KB0000001', 'KB0000007'],
    );
    assert.equal(bestScore, 9);
  });

  it("prefers the employee's language, else English, and shows at most N", () => {
    const mixed = [1, 2, 3, 4, 5].map((n) =>
      article(n, { score: 9, language: n > 3 ? 'de' : 'en' }),
    );
    assert.deepEqual(
      selectArticles(mixed, rules).articles.map((a) => a.language),
      ['de', 'de'],
    );
    const english = selectArticles(
      [1, 2, 3, 4].map((n) => article(n, { score: 9 })),
      rules,
    );
    assert.equal(english.articles.length, 3);
  });

  it('gives Teams the number, a plain title and snippet, and the templated link only', () => {
    const shown = shownArticle(
      article(1, { title: 'VPN <b>drops</b>\n\t\t', snippet: '   <B>VPN</B> tips' }),
      '{instance}/esc?id=kb_article_view&sysparm_article={number}',
      'https://acme.service-now.com/',
    );
    assert.deepEqual(shown, {
      number: 'KB0000001',
      title: 'VPN drops',
      snippet: 'VPN tips',
      url: 'https://acme.service-now.com/esc?id=kb_article_view&sysparm_article=KB0000001',
    });
  });

  it('encodes values in the link and refuses a template that is not http(s)', () => {
    assert.equal(
      articleUrl('https://kb.example/{sys_id}?n={number}', { number: 'KB 1&x=y', sys_id: 'abc' }),
      'https://kb.example/abc?n=KB%201%26x%3Dy',
    );
    assert.equal(articleUrl('{instance}/x', { instance: 'javascript:alert(1)' }), undefined);
  });
});
