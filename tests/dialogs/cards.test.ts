import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CardAction } from '../../dialogs/actions.js';
import {
  descriptionCard,
  endChatCard,
  getHelpCard,
  liveChatOfferCard,
} from '../../dialogs/cards.js';
import { DESCRIPTION_MAX_LENGTH } from '../../dialogs/description.js';
import { welcomeActivity } from '../../dialogs/main-dialog.js';
import { texts } from '../../dialogs/texts.js';
import { cardOf, cardOfAttachment, descriptionInputOf, elementsOfType } from './support/cards.js';

const hostile = [
  '"}, {"type":"Action.OpenUrl","title":"x","url":"https://evil.example"}, {"a":"',
  '${x} ${$root.secret} {{x}}',
  '</script><img src=x onerror=alert(1)>',
].join('\n');

describe('cards', () => {
  it('are Adaptive Cards of schema version 1.5', () => {
    const all = [
      getHelpCard(),
      liveChatOfferCard([{ id: 'it', label: 'Live Chat' }]),
      descriptionCard('text'),
      endChatCard(),
    ];
    for (const attachment of all) {
      const card = cardOfAttachment(attachment);
      assert.equal(card.type, 'AdaptiveCard');
      assert.equal(card.version, '1.5');
    }
  });

  it('gives the Get Help card a Get Help button', () => {
    const card = cardOfAttachment(getHelpCard());
    assert.deepEqual(
      card.actions.map((a) => [a.type, a.title, a.data]),
      [['Action.Submit', 'Get Help', { action: CardAction.getHelp }]],
    );
  });

  it('offers one Live Chat button per available option, with its label and id', () => {
    const card = cardOfAttachment(
      liveChatOfferCard([
        { id: 'it-desk', label: 'Live Chat' },
        { id: 'hr', label: 'HR chat' },
      ]),
    );
    assert.deepEqual(
      card.actions.map((a) => [a.type, a.title, a.data]),
      [
        [
          'Action.Submit',
          'Live Chat',
          { action: CardAction.liveChat, optionId: 'it-desk', label: 'Live Chat' },
        ],
        [
          'Action.Submit',
          'HR chat',
          { action: CardAction.liveChat, optionId: 'hr', label: 'HR chat' },
        ],
      ],
    );
  });

  it('asks for a required, multi-line description of at most 1000 characters, prefilled', () => {
    const card = cardOfAttachment(descriptionCard('My VPN is down'));
    const input = descriptionInputOf(card);
    assert.equal(input.id, 'description');
    assert.equal(input.value, 'My VPN is down');
    assert.equal(input.isMultiline, true);
    assert.equal(input.isRequired, true);
    assert.equal(input.maxLength, DESCRIPTION_MAX_LENGTH);
    assert.equal(DESCRIPTION_MAX_LENGTH, 1000);
    assert.ok(input.label.length > 0);
    assert.ok(input.errorMessage.length > 0);
    assert.deepEqual(
      card.actions.map((a) => a.data),
      [{ action: CardAction.submitDescription }, { action: CardAction.cancel }],
    );
    // Cancel must work even when the required input is empty.
    assert.equal(card.actions[1]?.associatedInputs, 'none');
  });

  it('gives the end chat card an End chat button', () => {
    const card = cardOfAttachment(endChatCard());
    assert.deepEqual(
      card.actions.map((a) => [a.title, a.data]),
      [['End chat', { action: CardAction.endChat }]],
    );
  });

  it('keeps hostile user text verbatim as the input value, adding no element or action', () => {
    const benign = cardOfAttachment(descriptionCard('hello'));
    const card = cardOfAttachment(descriptionCard(hostile));
    assert.equal(descriptionInputOf(card).value, hostile);
    assert.equal(card.body.length, benign.body.length);
    assert.equal(card.actions.length, benign.actions.length);
    assert.deepEqual(elementsOfType(card, 'Action.OpenUrl'), []);
    assert.deepEqual({ ...card, body: [] }, { ...benign, body: [] });
    const others = card.body.filter((e) => e.type !== 'Input.Text');
    assert.deepEqual(
      others,
      benign.body.filter((e) => e.type !== 'Input.Text'),
    );
  });

  it('welcomes a new user with a card that explains the bot, its commands and Get Help', () => {
    const card = cardOf(welcomeActivity());
    const text = JSON.stringify(card.body);
    assert.ok(text.includes(texts.welcomeTitle));
    assert.ok(text.includes('end chat'));
    assert.equal(card.actions[0]?.data.action, CardAction.getHelp);
  });

  it('welcomes a German user in German', () => {
    const card = cardOf(welcomeActivity('de-DE'));
    assert.ok(JSON.stringify(card.body).includes('Willkommen'));
    assert.equal(card.actions[0]?.title, 'Hilfe holen');
  });
});
