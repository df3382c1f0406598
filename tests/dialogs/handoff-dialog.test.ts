import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { CardAction } from '../../dialogs/actions.js';
import { HandoffDialog } from '../../dialogs/handoff-dialog.js';
import type { AvailabilityResult, HandoffOption, LiveChatRequest } from '../../dialogs/ports.js';
import { texts } from '../../dialogs/texts.js';
import { cardOf, descriptionInputOf, hasCard } from './support/cards.js';
import { submit, userTurn } from './support/dialog-client.js';
import { InMemoryAgentAvailability } from './support/in-memory-agent-availability.js';
import { InMemoryDomainClassifier } from './support/in-memory-domain-classifier.js';
import { RecordingLiveChatStarter } from './support/recording-live-chat-starter.js';

const options: HandoffOption[] = [
  { id: 'it-desk', label: 'Live Chat' },
  { id: 'hr', label: 'HR chat' },
];

const vpn = { domain: 'IT_DOMAIN', candidates: [{ domain: 'IT_DOMAIN', score: 1 }] };

function handoff(result: AvailabilityResult, text = 'My VPN is down') {
  const availability = new InMemoryAgentAvailability(result);
  const starter = new RecordingLiveChatStarter();
  const classifier = new InMemoryDomainClassifier(vpn);
  const client = new DialogTestClient(
    'msteams',
    new HandoffDialog({ availability, starter, classifier }),
    { text },
  );
  return { availability, starter, classifier, client };
}

/** Starts the dialog with agents available and clicks the given option. */
async function atDescription(optionId = 'hr', text = 'My VPN is down') {
  const parts = handoff({ available: true, options }, text);
  await userTurn(parts.client, 'go');
  const replies = await userTurn(parts.client, submit({ action: CardAction.liveChat, optionId }));
  return { ...parts, replies };
}

describe('handoff dialog', () => {
  const unavailable: [string, AvailabilityResult, string][] = [
    ['no agents', { available: false, reason: 'noAgents' }, texts.unavailable('noAgents')],
    [
      'outside hours',
      {
        available: false,
        reason: 'outsideHours',
        nextOpening: { at: '2026-03-02T07:00:00.000Z', timeZone: 'Europe/Berlin' },
      },
      texts.unavailable('outsideHours', 'Monday, March 2 at 08:00 GMT+1'),
    ],
    [
      'no option for this request',
      { available: false, reason: 'notOffered' },
      texts.unavailable('notOffered'),
    ],
    ['unreachable', { available: false, reason: 'unreachable' }, texts.unavailable('unreachable')],
    ['no option left', { available: true, options: [] }, texts.unavailable('noAgents')],
  ];
  for (const [name, result, expected] of unavailable) {
    it(`says why no live chat is possible (${name}) and starts nothing`, async () => {
      const { client, starter } = handoff(result);
      const replies = await userTurn(client, 'go');
      assert.deepEqual(
        replies.map((r) => r.text),
        [expected],
      );
      assert.equal(client.dialogTurnResult.status, DialogTurnStatus.complete);
      assert.equal(client.dialogTurnResult.result, undefined);
      assert.deepEqual(starter.requests, []);
    });
  }

  it('tells the user that no agents are available and when they are expected back', () => {
    const message = texts.unavailable('noAgents', 'Monday 08:00');
    assert.match(message, /no agents are available right now/);
    assert.match(message, /Monday 08:00/);
    assert.match(texts.unavailable('outsideHours'), /business hours/);
    assert.doesNotMatch(texts.unavailable('outsideHours'), /expected/);
  });

  it('asks about availability with the text the user wrote and its domain', async () => {
    const { client, availability, classifier } = handoff(
      { available: true, options },
      'Printer on fire',
    );
    await userTurn(client, 'go');
    assert.deepEqual(classifier.texts, ['Printer on fire']);
    assert.deepEqual(availability.requests, [{ text: 'Printer on fire', classification: vpn }]);
  });

  it('connects the user with the option and the edited description they chose', async () => {
    const { client, starter } = handoff({ available: true, options }, 'My VPN is down');
    const [offer] = await userTurn(client, 'go');
    assert.deepEqual(
      cardOf(offer).actions.map((a) => a.title),
      ['Live Chat', 'HR chat'],
    );

    const [descriptionPrompt] = await userTurn(
      client,
      submit({ action: CardAction.liveChat, optionId: 'hr' }),
    );
    assert.equal(descriptionInputOf(cardOf(descriptionPrompt)).value, 'My VPN is down');
    assert.deepEqual(starter.requests, []);

    const replies = await userTurn(
      client,
      submit({ action: CardAction.submitDescription, description: '  VPN fails since 9am  ' }),
    );
    const started = { optionId: 'hr', description: 'VPN fails since 9am', classification: vpn };
    assert.deepEqual(starter.requests, [started]);
    assert.equal(replies.length, 1);
    assert.match(JSON.stringify(cardOf(replies[0]).body), /Connecting you to a live agent/);
    assert.deepEqual(cardOf(replies[0]).actions[0]?.data, { action: CardAction.endChat });
    assert.equal(client.dialogTurnResult.status, DialogTurnStatus.complete);
    assert.deepEqual(client.dialogTurnResult.result, started);
  });

  it('takes the first option when the user types "live chat" at the offer', async () => {
    const { client, starter } = handoff({ available: true, options });
    await userTurn(client, 'go');
    const [descriptionPrompt] = await userTurn(client, 'Live chat!');
    assert.ok(hasCard(descriptionPrompt));
    await userTurn(client, submit({ action: CardAction.submitDescription, description: 'VPN' }));
    assert.deepEqual(starter.requests, [
      { optionId: 'it-desk', description: 'VPN', classification: vpn },
    ]);
  });

  it('answers anything else at the offer with a short hint and keeps waiting', async () => {
    const { client, starter } = handoff({ available: true, options });
    await userTurn(client, 'go');
    for (const activity of [
      'what now?',
      submit({ action: CardAction.getHelp }),
      submit({ action: CardAction.liveChat, optionId: 'option-from-an-old-card' }),
    ]) {
      const replies = await userTurn(client, activity);
      assert.deepEqual(
        replies.map((r) => [r.text, hasCard(r)]),
        [[texts.offerHint, false]],
      );
      assert.equal(client.dialogTurnResult.status, DialogTurnStatus.waiting);
    }
    const [descriptionPrompt] = await userTurn(
      client,
      submit({ action: CardAction.liveChat, optionId: 'hr' }),
    );
    assert.ok(hasCard(descriptionPrompt));
    assert.deepEqual(starter.requests, []);
  });

  it('asks again, saying why, when the description is empty', async () => {
    const { client, starter } = await atDescription();
    for (const description of ['', '   \n ', undefined]) {
      const replies = await userTurn(
        client,
        submit({ action: CardAction.submitDescription, description }),
      );
      assert.equal(replies.length, 1);
      assert.equal(replies[0]?.text, texts.descriptionEmpty);
      assert.equal(descriptionInputOf(cardOf(replies[0])).id, 'description');
      assert.equal(client.dialogTurnResult.status, DialogTurnStatus.waiting);
    }
    assert.deepEqual(starter.requests, []);
  });

  it('asks again, saying why, when the description is over 1000 characters', async () => {
    const { client, starter } = await atDescription();
    const tooLong = 'x'.repeat(1001);
    const replies = await userTurn(
      client,
      submit({ action: CardAction.submitDescription, description: tooLong }),
    );
    assert.equal(replies[0]?.text, texts.descriptionTooLong(1001, 1000));
    assert.equal(descriptionInputOf(cardOf(replies[0])).value, tooLong);
    assert.deepEqual(starter.requests, []);

    const justRight = ` ${'y'.repeat(1000)} `;
    await userTurn(
      client,
      submit({ action: CardAction.submitDescription, description: justRight }),
    );
    const descriptions = (requests: readonly LiveChatRequest[]) =>
      requests.map((r) => r.description);
    assert.deepEqual(descriptions(starter.requests), ['y'.repeat(1000)]);
  });

  it('hints at the card when the user types instead of submitting a description', async () => {
    const { client, starter } = await atDescription();
    const replies = await userTurn(client, 'my vpn is broken');
    assert.deepEqual(
      replies.map((r) => r.text),
      [texts.descriptionHint],
    );
    assert.equal(client.dialogTurnResult.status, DialogTurnStatus.waiting);
    assert.deepEqual(starter.requests, []);
  });

  it('ends politely when the user cancels the description', async () => {
    const { client, starter } = await atDescription();
    const replies = await userTurn(client, submit({ action: CardAction.cancel }));
    assert.deepEqual(
      replies.map((r) => r.text),
      [texts.cancelled],
    );
    assert.equal(client.dialogTurnResult.status, DialogTurnStatus.complete);
    assert.equal(client.dialogTurnResult.result, undefined);
    assert.deepEqual(starter.requests, []);
  });

  it('ends politely when the user types cancel at the offer', async () => {
    const { client, starter } = handoff({ available: true, options });
    await userTurn(client, 'go');
    const replies = await userTurn(client, 'Cancel.');
    assert.deepEqual(
      replies.map((r) => r.text),
      [texts.cancelled],
    );
    assert.equal(client.dialogTurnResult.status, DialogTurnStatus.complete);
    assert.deepEqual(starter.requests, []);
  });

  it("lets the starter's failure reach the bot's error boundary without saying it connected", async () => {
    const { client, starter } = await atDescription();
    starter.failWith(new Error('ServiceNow said no'));
    await assert.rejects(
      userTurn(client, submit({ action: CardAction.submitDescription, description: 'VPN' })),
      /ServiceNow said no/,
    );
    assert.equal(client.getNextReply(), undefined);
  });
});
