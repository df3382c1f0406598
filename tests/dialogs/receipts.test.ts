import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CardAction } from '../../dialogs/actions.js';
import { receiptCard } from '../../dialogs/receipts.js';
import { textsFor } from '../../dialogs/texts.js';
import { cardOfAttachment, elementsOfType } from './support/cards.js';

const en = textsFor('en-US');
const textOf = (card: unknown) =>
  (elementsOfType(card, 'TextBlock') as { text: string }[]).map((b) => b.text);

describe('receipt cards (what a clicked card becomes)', () => {
  it('say what the user chose and offer no button to click again', () => {
    const cases = [
      [{ action: CardAction.getHelp }, ['Need help?', 'You selected: Get Help']],
      [
        { action: CardAction.liveChat, optionId: 'it', label: 'Live Chat' },
        ['An agent can help you with this', 'You selected: Live Chat'],
      ],
      [
        { action: CardAction.submitDescription, description: '  VPN *down*  ' },
        ['Describe your issue', 'VPN \\*down\\*', 'Sent. Thank you!'],
      ],
      [{ action: CardAction.endChat }, ['You ended this chat.']],
      [
        { action: CardAction.pickOption, value: 'yes', label: 'Yes', prompt: 'Did it help?' },
        ['Did it help?', 'You selected: Yes'],
      ],
    ] as const;
    for (const [data, expected] of cases) {
      const card = cardOfAttachment(receiptCard({ action: data.action, data }, en));
      assert.deepEqual(textOf(card), expected);
      assert.deepEqual(card.actions, []);
      assert.deepEqual(elementsOfType(card, 'Input.Text'), []);
    }
  });

  it('speak the user’s language', () => {
    const card = cardOfAttachment(
      receiptCard({ action: CardAction.getHelp, data: {} }, textsFor('es-ES')),
    );
    assert.deepEqual(textOf(card), ['¿Necesita ayuda?', 'Ha seleccionado: Obtener ayuda']);
  });
});
