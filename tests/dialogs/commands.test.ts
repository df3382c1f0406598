import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CardAction } from '../../dialogs/actions.js';
import { commandOf, normaliseCommand } from '../../dialogs/commands.js';

describe('typed commands', () => {
  const cases: [string, CardAction][] = [
    ['help', CardAction.getHelp],
    ['Get Help', CardAction.getHelp],
    ['live chat', CardAction.liveChat],
    ['agent', CardAction.liveChat],
    ['Talk to an agent!', CardAction.liveChat],
    ['human?', CardAction.liveChat],
    ['end chat', CardAction.endChat],
    ['END', CardAction.endChat],
    ['cancel', CardAction.cancel],
  ];
  for (const [text, action] of cases) {
    it(`reads "${text}" as ${action}`, () => {
      assert.equal(commandOf(text), action);
    });
  }

  it('ignores case, surrounding and repeated spaces and trailing punctuation', () => {
    assert.equal(commandOf('  LIVE \t  Chat ?! '), CardAction.liveChat);
    assert.equal(commandOf('\u00a0end   chat...\n'), CardAction.endChat);
    assert.equal(normaliseCommand('  Talk   to AN agent!? '), 'talk to an agent');
  });

  it('never matches a command inside a longer message', () => {
    for (const text of [
      'please end chatting',
      'end chat please',
      'I need help',
      'help me',
      'is an agent available',
      'cancel my subscription',
      'humans',
      'live-chat',
    ]) {
      assert.equal(commandOf(text), undefined, text);
    }
  });

  it('finds no command in an empty or missing text', () => {
    assert.equal(commandOf(''), undefined);
    assert.equal(commandOf('   '), undefined);
    assert.equal(commandOf('?!'), undefined);
    assert.equal(commandOf(undefined), undefined);
  });

  it('keeps punctuation that is not at the end', () => {
    assert.equal(commandOf('he.lp'), undefined);
    assert.equal(commandOf('.help'), undefined);
  });

  it('understands the commands in German and Spanish too', () => {
    assert.equal(commandOf('Hilfe'), CardAction.getHelp);
    assert.equal(commandOf('Chat beenden!'), CardAction.endChat);
    assert.equal(commandOf('¿Ayuda?'), CardAction.getHelp);
    assert.equal(commandOf('Chat en vivo'), CardAction.liveChat);
    assert.equal(commandOf('terminar chat'), CardAction.endChat);
    assert.equal(commandOf('Ich brauche Hilfe'), undefined);
  });

  it('ignores the bot mention Teams puts before a command picked from the menu', () => {
    assert.equal(commandOf('<at>IT Help</at> end chat'), CardAction.endChat);
  });
});
