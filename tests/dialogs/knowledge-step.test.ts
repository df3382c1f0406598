// The resolution step in the handoff waterfall (botbuilder-testing): articles first, one click to
// resolve or to go on to the live-chat offer exactly as without the step.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { CardAction } from '../../dialogs/actions.js';
import { HandoffDialog } from '../../dialogs/handoff-dialog.js';
import type {
  HandoffOption,
  HelpRequest,
  KnowledgeFindings,
  LiveChatRequest,
} from '../../dialogs/ports.js';
import { texts, textsFor } from '../../dialogs/texts.js';
import { cardOf, hasCard } from './support/cards.js';
import { submit, userTurn } from './support/dialog-client.js';
import { InMemoryAgentAvailability } from './support/in-memory-agent-availability.js';
import { InMemoryDomainClassifier } from './support/in-memory-domain-classifier.js';
import { InMemoryKnowledgeSearch } from './support/in-memory-knowledge-search.js';
import { RecordingLiveChatStarter } from './support/recording-live-chat-starter.js';

const options: HandoffOption[] = [{ id: 'it-desk', label: 'Live Chat' }];
const vpn = { domain: 'IT_DOMAIN', candidates: [{ domain: 'IT_DOMAIN', score: 1 }] };
const shown: KnowledgeFindings = {
  outcome: 'shown',
  bestScore: 8.75,
  articles: [
    {
      number: 'KB0010001',
      title: 'VPN keeps disconnecting',
      snippet: 'If your VPN connection keeps dropping, switch to a cable.',
      url: 'https://example.service-now.com/esc?id=kb_article_view&sysparm_article=KB0010001',
    },
    { number: 'KB0010002', title: 'Connect to the VPN (from home)', snippet: '' },
  ],
};

function handoff(
  findings: KnowledgeFindings,
  begin: HelpRequest = { text: 'My VPN keeps dropping' },
) {
  const availability = new InMemoryAgentAvailability({ available: true, options });
  const starter = new RecordingLiveChatStarter();
  const knowledge = new InMemoryKnowledgeSearch(findings);
  const classifier = new InMemoryDomainClassifier(vpn);
  const dialog = new HandoffDialog({ availability, starter, classifier, knowledge });
  const client = new DialogTestClient('msteams', dialog, begin);
  return { availability, starter, knowledge, client };
}

/** Clicks through from the offer to a started chat; returns the start request. */
async function startChat(parts: ReturnType<typeof handoff>): Promise<LiveChatRequest> {
  await userTurn(parts.client, submit({ action: CardAction.liveChat, optionId: 'it-desk' }));
  await userTurn(
    parts.client,
    submit({ action: CardAction.submitDescription, description: 'VPN drops' }),
  );
  const [request] = parts.starter.requests;
  assert.ok(request, 'the chat was started');
  return request;
}

describe('knowledge step', () => {
  it('shows the articles first, with links, snippets and the two buttons', async () => {
    const { client, knowledge, availability } = handoff(shown);
    const [reply, ...more] = await userTurn(client, 'go');
    assert.equal(more.length, 0);
    const card = cardOf(reply);
    const text = JSON.stringify(card.body);
    assert.match(
      text,
      /\[VPN keeps disconnecting\]\(https:\/\/example\.service-now\.com\/esc\?id=kb_article_view&sysparm_article=KB0010001\)/,
    );
    assert.match(text, /Connect to the VPN \\\\\(from home\\\\\)/);
    assert.match(text, /switch to a cable/);
    assert.deepEqual(
      card.actions.map((a) => [a.title, a.data.action]),
      [
        [texts.articleSolvedButton, CardAction.articleSolved],
        [texts.articleNotSolvedButton, CardAction.articleNotSolved],
      ],
    );
    assert.deepEqual(
      knowledge.requests.map((r) => [r.text, r.classification?.domain]),
      [['My VPN keeps dropping', 'IT_DOMAIN']],
    );
    assert.equal(availability.requests.length, 0, 'no live chat offered yet');
  });

  it('ends the handoff with thanks when an article solved it', async () => {
    const { client, knowledge, availability, starter } = handoff(shown);
    await userTurn(client, 'go');
    const replies = await userTurn(client, submit({ action: CardAction.articleSolved }));
    assert.deepEqual(
      replies.map((r) => r.text),
      [texts.articlesSolved],
    );
    assert.equal(client.dialogTurnResult.status, DialogTurnStatus.complete);
    assert.deepEqual(knowledge.verdicts, [{ text: 'My VPN keeps dropping', solved: true }]);
    assert.equal(availability.requests.length, 0);
    assert.deepEqual(starter.requests, []);
  });

  it('goes on to the live-chat offer and tells the agent what was tried', async () => {
    const parts = handoff(shown);
    await userTurn(parts.client, 'go');
    const replies = await userTurn(parts.client, submit({ action: CardAction.articleNotSolved }));
    assert.match(JSON.stringify(cardOf(replies[0]).actions), /"optionId":"it-desk"/);
    assert.deepEqual(
      parts.availability.requests.map((r) => r.articles),
      [{ count: 2, best_score: 8.75 }],
    );
    const request = await startChat(parts);
    assert.deepEqual(request.tried, {
      request: 'My VPN keeps dropping',
      articles: [
        { number: 'KB0010001', title: 'VPN keeps disconnecting' },
        { number: 'KB0010002', title: 'Connect to the VPN (from home)' },
      ],
    });
    assert.deepEqual(parts.knowledge.verdicts, [{ text: 'My VPN keeps dropping', solved: false }]);
  });

  it('takes a typed message instead of a button as "I still need help"', async () => {
    const parts = handoff(shown);
    await userTurn(parts.client, 'go');
    const replies = await userTurn(parts.client, 'none of these work for me');
    assert.ok(hasCard(replies[0]));
    assert.match(JSON.stringify(cardOf(replies[0]).actions), /liveChat/);
    assert.equal(parts.availability.requests.length, 1);
    assert.deepEqual(
      parts.knowledge.verdicts.map((v) => v.solved),
      [false],
    );
  });

  it('cancels from the articles card like from any other', async () => {
    const { client, availability } = handoff(shown);
    await userTurn(client, 'go');
    const replies = await userTurn(client, 'cancel');
    assert.deepEqual(
      replies.map((r) => r.text),
      [texts.cancelled],
    );
    assert.equal(availability.requests.length, 0);
  });

  for (const outcome of ['noMatch', 'timeout', 'error', 'off'] as const) {
    it(`skips silently to the offer when the search ends in ${outcome}`, async () => {
      const parts = handoff({ outcome, articles: [] });
      const [reply, ...more] = await userTurn(parts.client, 'go');
      assert.equal(more.length, 0);
      assert.match(JSON.stringify(cardOf(reply).actions), /liveChat/);
      assert.deepEqual(
        parts.availability.requests.map((r) => r.articles),
        [{ count: 0 }],
      );
      const request = await startChat(parts);
      assert.equal(request.tried, undefined);
      assert.deepEqual(parts.knowledge.verdicts, []);
    });
  }

  it('does not search when the user asked for an agent straight away', async () => {
    const parts = handoff(shown, { text: 'My VPN keeps dropping', straightToAgent: true });
    const [reply] = await userTurn(parts.client, 'go');
    assert.match(JSON.stringify(cardOf(reply).actions), /liveChat/);
    assert.deepEqual(parts.knowledge.requests, []);
    const request = await startChat(parts);
    assert.equal(request.tried, undefined);
  });

  it("speaks the employee's language on the card", async () => {
    const { client } = handoff(shown);
    const [reply] = await userTurn(client, { type: 'message', text: 'los', locale: 'de-DE' });
    const card = cardOf(reply);
    const de = textsFor('de-DE');
    assert.deepEqual(
      card.actions.map((a) => a.title),
      [de.articleSolvedButton, de.articleNotSolvedButton],
    );
    assert.match(JSON.stringify(card.body), new RegExp(de.articlesTitle));
  });
});
