import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CardAction } from '../../dialogs/actions.js';
import { MainDialog } from '../../dialogs/main-dialog.js';
import type { AvailabilityResult } from '../../dialogs/ports.js';
import { texts } from '../../dialogs/texts.js';
import { cardOf, descriptionInputOf, elementsOfType, hasCard } from './support/cards.js';
import { InMemoryAgentAvailability } from './support/in-memory-agent-availability.js';
import { InMemoryDomainClassifier } from './support/in-memory-domain-classifier.js';
import { RecordingLiveChatStarter } from './support/recording-live-chat-starter.js';
import { TeamsChat } from './support/teams-chat.js';

const available: AvailabilityResult = {
  available: true,
  options: [{ id: 'it-desk', label: 'Live Chat' }],
};

function chat(result: AvailabilityResult = available) {
  const availability = new InMemoryAgentAvailability(result);
  const starter = new RecordingLiveChatStarter();
  const classifier = new InMemoryDomainClassifier();
  return {
    availability,
    starter,
    chat: new TeamsChat(new MainDialog({ availability, starter, classifier })),
  };
}

const actionsOfReply = (replies: Awaited<ReturnType<TeamsChat['say']>>) =>
  replies.flatMap((r) => (hasCard(r) ? cardOf(r).actions.map((a) => a.data.action) : []));

describe('main dialog', () => {
  it('acknowledges any message with the Get Help card', async () => {
    const { chat: teams, availability } = chat();
    const replies = await teams.say('My laptop will not boot');
    assert.equal(replies.length, 1);
    assert.equal(replies[0]?.text, texts.acknowledged);
    assert.deepEqual(actionsOfReply(replies), [CardAction.getHelp]);
    assert.deepEqual(availability.requests, []);
  });

  it('takes the user from their message to a started live chat', async () => {
    const { chat: teams, availability, starter } = chat();
    await teams.say('My VPN is down');

    const [offer] = await teams.click({ action: CardAction.getHelp });
    assert.deepEqual(
      availability.requests.map((r) => r.text),
      ['My VPN is down'],
    );
    assert.deepEqual(
      cardOf(offer).actions.map((a) => [a.title, a.data]),
      [['Live Chat', { action: CardAction.liveChat, optionId: 'it-desk', label: 'Live Chat' }]],
    );

    const [descriptionPrompt] = await teams.click({
      action: CardAction.liveChat,
      optionId: 'it-desk',
    });
    assert.equal(descriptionInputOf(cardOf(descriptionPrompt)).value, 'My VPN is down');

    const replies = await teams.click({
      action: CardAction.submitDescription,
      description: 'VPN down since 9, error 809',
    });
    assert.deepEqual(
      starter.requests.map((r) => [r.optionId, r.description]),
      [['it-desk', 'VPN down since 9, error 809']],
    );
    assert.match(JSON.stringify(replies.map((r) => r.attachments)), /Connecting you/);
    assert.deepEqual(actionsOfReply(replies), [CardAction.endChat]);

    // Once the chat is over the bot calls the dialogs again, which start afresh.
    const after = await teams.say('thanks');
    assert.equal(after[0]?.text, texts.acknowledged);
  });

  it('goes straight to the offer when the user types "live chat"', async () => {
    const { chat: teams, availability } = chat();
    const replies = await teams.say('Talk to an agent');
    assert.deepEqual(actionsOfReply(replies), [CardAction.liveChat]);
    assert.deepEqual(
      availability.requests.map((r) => r.text),
      [''],
    );
  });

  it('remembers the request when the user types "help" after describing it', async () => {
    const { chat: teams, availability } = chat();
    await teams.say('Outlook keeps crashing');
    const replies = await teams.say('Help');
    assert.deepEqual(actionsOfReply(replies), [CardAction.liveChat]);
    assert.deepEqual(
      availability.requests.map((r) => r.text),
      ['Outlook keeps crashing'],
    );
  });

  it('takes a newer message as the request', async () => {
    const { chat: teams, availability } = chat();
    await teams.say('Outlook keeps crashing');
    const replies = await teams.say('Actually, Teams crashes too');
    assert.equal(replies[0]?.text, texts.acknowledged);
    await teams.click({ action: CardAction.getHelp });
    assert.deepEqual(
      availability.requests.map((r) => r.text),
      ['Actually, Teams crashes too'],
    );
  });

  it('says there is no open chat when the user asks to end one', async () => {
    const { chat: teams } = chat();
    for (const turn of [() => teams.say('end chat'), () => teams.click({ action: 'endChat' })]) {
      const replies = await turn();
      assert.deepEqual(
        replies.map((r) => r.text),
        [texts.noOpenChat],
      );
    }
  });

  it('treats "please end chatting" as a request, not as a command', async () => {
    const { chat: teams, availability } = chat();
    const replies = await teams.say('please end chatting');
    assert.equal(replies[0]?.text, texts.acknowledged);
    await teams.click({ action: CardAction.getHelp });
    assert.deepEqual(
      availability.requests.map((r) => r.text),
      ['please end chatting'],
    );
  });

  it('explains why no agent can help and starts nothing', async () => {
    const { chat: teams, starter } = chat({ available: false, reason: 'outsideHours' });
    await teams.say('My VPN is down');
    const replies = await teams.click({ action: CardAction.getHelp });
    assert.deepEqual(
      replies.map((r) => r.text),
      [texts.unavailable('outsideHours')],
    );
    assert.deepEqual(starter.requests, []);
    const after = await teams.say('ok');
    assert.equal(after[0]?.text, texts.acknowledged);
  });

  it('ends politely on cancel and starts afresh with the next message', async () => {
    const { chat: teams, starter } = chat();
    await teams.say('My VPN is down');
    await teams.click({ action: CardAction.getHelp });
    await teams.click({ action: CardAction.liveChat, optionId: 'it-desk' });
    const replies = await teams.click({ action: CardAction.cancel });
    assert.deepEqual(
      replies.map((r) => r.text),
      [texts.cancelled],
    );
    assert.deepEqual(starter.requests, []);
    const after = await teams.say('hello again');
    assert.equal(after[0]?.text, texts.acknowledged);
  });

  it('offers Get Help again when a description card from an ended flow is submitted', async () => {
    const { chat: teams, starter } = chat();
    const replies = await teams.click({ action: CardAction.submitDescription, description: 'x' });
    assert.equal(replies[0]?.text, texts.cardExpired);
    assert.deepEqual(actionsOfReply(replies), [CardAction.getHelp]);
    assert.deepEqual(starter.requests, []);
  });

  it('ignores activities other than messages', async () => {
    const { chat: teams } = chat();
    assert.deepEqual(await teams.turn({ type: 'typing' }), []);
    assert.deepEqual(await teams.turn({ type: 'conversationUpdate' }), []);
  });

  it('carries hostile user text into the description card only as a value', async () => {
    const hostile = '"}, {"type":"Action.OpenUrl","url":"https://evil.example"}, {"x":"${x}';
    const { chat: teams } = chat();
    await teams.say(hostile);
    await teams.click({ action: CardAction.getHelp });
    const [descriptionPrompt] = await teams.click({
      action: CardAction.liveChat,
      optionId: 'it-desk',
    });
    const card = cardOf(descriptionPrompt);
    assert.equal(descriptionInputOf(card).value, hostile);
    assert.deepEqual(elementsOfType(card, 'Action.OpenUrl'), []);
    assert.deepEqual(
      card.actions.map((a) => a.data.action),
      [CardAction.submitDescription, CardAction.cancel],
    );
  });
});
