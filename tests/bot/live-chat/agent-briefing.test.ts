// What the agent is told of the articles the employee tried: the briefing after the description,
// the context variables with their documented names, and the README's table of them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  BRIEFING_VARIABLES,
  briefingText,
  briefingVariables,
} from '../../../bot/live-chat/agent-briefing.js';

const facts = {
  tried: {
    request: 'my VPN\n keeps   disconnecting',
    articles: [
      { number: 'KB0010001', title: 'VPN keeps disconnecting' },
      { number: 'KB0010002', title: 'Connect to the company VPN from home' },
    ],
  },
  domain: 'IT_DOMAIN',
  language: 'de',
};

describe('agent briefing', () => {
  it('puts the tried articles, the request, domain and language after the description', () => {
    assert.equal(
      briefingText('VPN drops every 10 minutes', facts),
      [
        'VPN drops every 10 minutes',
        '',
        'Knowledge articles the employee was shown before this chat (they did not solve it):',
        '1. KB0010001 – VPN keeps disconnecting',
        '2. KB0010002 – Connect to the company VPN from home',
        'They asked: "my VPN keeps disconnecting"',
        'Domain: IT_DOMAIN. Language: de.',
      ].join('\n'),
    );
  });

  it('sets the documented context variables, leaving out what is unknown', () => {
    assert.deepEqual(briefingVariables(facts), {
      kb_articles_tried: 'KB0010001,KB0010002',
      kb_articles_tried_count: '2',
      kb_articles_outcome: 'not_solved',
      kb_request: 'my VPN keeps disconnecting',
      kb_request_domain: 'IT_DOMAIN',
      kb_request_language: 'de',
    });
    const bare = briefingVariables({ tried: facts.tried });
    assert.equal(bare.kb_request_domain, undefined);
    assert.equal(bare.kb_request_language, undefined);
  });

  it('is documented in the README, one row per context variable', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const name of Object.values(BRIEFING_VARIABLES)) {
      assert.match(readme, new RegExp(`^\\| \`${name}\` +\\|`, 'm'), name);
    }
  });
});
