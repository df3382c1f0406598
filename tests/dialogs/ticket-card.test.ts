// The ticket and survey cards: what the employee can edit and choose, what the button carries
// back, what replaces a clicked card, and the commands that ask for a ticket.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CardAction } from '../../dialogs/actions.js';
import { commandOf } from '../../dialogs/commands.js';
import { receiptCard } from '../../dialogs/receipts.js';
import { surveyCard } from '../../dialogs/survey-card.js';
import { textsFor } from '../../dialogs/texts.js';
import { ticketCard, ticketCreatedCard } from '../../dialogs/ticket-card.js';

interface Card {
  body: Record<string, unknown>[];
  actions: Record<string, unknown>[];
}
const content = (attachment: { content?: unknown }) => attachment.content as Card;
const t = textsFor('en-US');
const data = {
  key: '7f9d2c1e-0a4b-4c8d-9e1f-2a3b4c5d6e7f',
  reason: 'noAgents',
  askedAt: '2026-12-02T18:05:00.000Z',
} as const;

describe('the ticket card', () => {
  it('has the explanation, the prefilled, required and bounded description, and one button', () => {
    const card = content(
      ticketCard(
        { explanation: 'No agent now.', description: 'x'.repeat(1200), form: {}, data },
        t,
      ),
    );
    assert.deepEqual(card.body[1], { type: 'TextBlock', text: 'No agent now.', wrap: true });
    const input = card.body.find((e) => e.type === 'Input.Text');
    assert.equal(input?.isRequired, true);
    assert.equal(input.maxLength, 1000);
    assert.equal((input.value as string).length, 1000);
    assert.deepEqual(card.actions, [
      {
        type: 'Action.Submit',
        title: 'Create a ticket',
        data: {
          action: 'createTicket',
          ticketKey: data.key,
          reason: 'noAgents',
          askedAt: data.askedAt,
        },
      },
    ]);
  });

  it('offers the configured choice, preselecting the default', () => {
    const form = {
      choice: {
        label: 'Urgency',
        value: '3',
        choices: [
          { title: 'High', value: '1' },
          { title: 'Low', value: '3' },
        ],
      },
    };
    const card = content(
      ticketCard({ description: 'VPN', form, data: { ...data, optionId: 'it' } }, t),
    );
    const choice = card.body.find((e) => e.type === 'Input.ChoiceSet');
    assert.equal(choice?.value, '3');
    assert.equal(choice.label, 'Urgency');
    assert.equal((card.actions[0]?.data as Record<string, string>).optionId, 'it');
  });

  it('shows the number with a link, and says so when the ticket existed already', () => {
    const created = content(
      ticketCreatedCard({ number: 'INC0010023', url: 'https://x/sp', repeat: false }, t),
    );
    assert.match(JSON.stringify(created.body), /Your ticket INC0010023 has been created/);
    assert.deepEqual(created.actions, [
      { type: 'Action.OpenUrl', title: 'Open the ticket', url: 'https://x/sp' },
    ]);
    const again = content(
      ticketCreatedCard({ number: 'INC0010023', repeat: true }, textsFor('es')),
    );
    assert.match(JSON.stringify(again.body), /ya se había creado/);
    assert.deepEqual(again.actions, []);
  });

  it('is replaced by a receipt without buttons once submitted', () => {
    const receipt = content(
      receiptCard({ action: CardAction.createTicket, data: { description: 'VPN *down*' } }, t),
    );
    assert.match(JSON.stringify(receipt.body), /VPN \\\\\*down\\\\\*/);
    assert.match(JSON.stringify(receipt.body), /Creating your ticket/);
    assert.deepEqual(receipt.actions, []);
  });

  it('is asked for by the ticket command in every language, and only as a whole message', () => {
    for (const text of ['ticket', 'Create a ticket!', 'ticket erstellen', 'crear ticket']) {
      assert.equal(commandOf(text), CardAction.offerTicket, text);
    }
    assert.equal(commandOf('my ticket is wrong'), undefined);
  });
});

describe('the survey card', () => {
  it('rates 1 to 5 in one click, naming the chat, with an optional comment', () => {
    const card = content(surveyCard('7f9d2c1e-0a4b-4c8d-9e1f-2a3b4c5d6e7f', textsFor('de')));
    assert.deepEqual(
      card.actions.map((a) => (a.data as Record<string, string>).rating),
      ['1', '2', '3', '4', '5'],
    );
    assert.ok(
      card.actions.every(
        (a) =>
          (a.data as Record<string, string>).sessionId === '7f9d2c1e-0a4b-4c8d-9e1f-2a3b4c5d6e7f',
      ),
    );
    const comment = card.body.find((e) => e.type === 'Input.Text');
    assert.equal(comment?.isRequired, false);
    assert.match(JSON.stringify(card.body), /Wie war der Chat/);
    const receipt = content(receiptCard({ action: CardAction.rateChat, data: { rating: '4' } }, t));
    assert.match(JSON.stringify(receipt.body), /You selected: 4 of 5/);
  });
});
