import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CardAction } from '../../dialogs/actions.js';
import { userReplyOf } from '../../dialogs/replies.js';

describe('user replies', () => {
  it('reads a card click from the value, with the submitted inputs', () => {
    const value = { action: 'submitDescription', description: 'VPN down' };
    assert.deepEqual(userReplyOf({ type: 'message', value }), {
      action: CardAction.submitDescription,
      data: value,
    });
  });

  it('reads a typed command when there is no card value', () => {
    assert.deepEqual(userReplyOf({ type: 'message', text: 'Live chat' }), {
      action: CardAction.liveChat,
      data: {},
    });
  });

  it('prefers the card value over the text', () => {
    const reply = userReplyOf({ type: 'message', text: 'cancel', value: { action: 'getHelp' } });
    assert.equal(reply?.action, CardAction.getHelp);
  });

  it('finds nothing in plain text or in values that are not ours', () => {
    assert.equal(userReplyOf({ type: 'message', text: 'hello' }), undefined);
    assert.equal(userReplyOf({ type: 'message', value: { action: 'openUrl' } }), undefined);
    assert.equal(userReplyOf({ type: 'message', value: 'getHelp' }), undefined);
    assert.equal(userReplyOf({ type: 'message' }), undefined);
  });
});
