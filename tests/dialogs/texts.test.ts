import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { de } from '../../dialogs/locales/de.js';
import { es } from '../../dialogs/locales/es.js';
import {
  LANGUAGES,
  en,
  languageFor,
  texts,
  textsFor,
  unavailableMessage,
  waitTimeMessage,
} from '../../dialogs/texts.js';

describe('texts', () => {
  it('has the messages the relay relies on', () => {
    assert.equal(texts.connecting, 'Connecting you to a live agent…');
    assert.equal(texts.sessionEnded, 'Your live agent session has ended.');
  });

  it('names the agent who joined, if known', () => {
    assert.equal(texts.agentJoined('Beth Anglin'), 'Beth Anglin has joined the chat.');
    assert.equal(texts.agentJoined(), 'An agent has joined the chat.');
    assert.equal(texts.agentJoined('  '), 'An agent has joined the chat.');
  });

  it("shows ServiceNow's queue message and the expected wait", () => {
    assert.equal(
      texts.waitTime('Routing you to a live agent...', '8 Seconds'),
      'Routing you to a live agent... Estimated wait: 8 Seconds.',
    );
    assert.equal(texts.waitTime(undefined, undefined), 'You are in the queue for a live agent.');
  });

  it('says what to do instead when no agent is available', () => {
    for (const reason of ['noAgents', 'outsideHours', 'unreachable'] as const) {
      assert.match(texts.unavailable(reason), /raise a ticket/);
    }
    assert.doesNotMatch(texts.unavailable('noAgents', '  '), /expected/);
  });
});

describe('localised texts', () => {
  it('chooses the language from the Teams locale, falling back to English', () => {
    assert.equal(languageFor('de-DE'), 'de');
    assert.equal(languageFor('es_MX'), 'es');
    assert.equal(languageFor('fr-FR'), 'en');
    assert.equal(languageFor(undefined), 'en');
    assert.equal(textsFor('de-AT').getHelpButton, 'Hilfe holen');
    assert.equal(textsFor('es-ES').endChatButton, 'Terminar chat');
    assert.equal(textsFor('ja-JP').getHelpButton, 'Get Help');
  });

  it('translates every text into German and Spanish', () => {
    for (const [name, translation] of [
      ['de', de],
      ['es', es],
    ] as const) {
      const missing = Object.keys(en).filter((key) => !(key in translation));
      assert.deepEqual(missing, [], `${name} lacks translations`);
      assert.deepEqual(
        Object.keys(translation.unavailableReason ?? {}).sort(),
        Object.keys(en.unavailableReason).sort(),
      );
    }
  });

  it('builds the same messages in every language', () => {
    for (const language of LANGUAGES) {
      const t = textsFor(language);
      assert.ok(t.agentJoined('Beth').includes('Beth'));
      assert.ok(t.descriptionTooLong(1200, 1000).includes('1200'));
      assert.ok(t.selected('Live Chat').includes('Live Chat'));
      assert.ok(unavailableMessage(t, 'outsideHours', 'Montag 08:00').includes('Montag 08:00'));
      assert.ok(waitTimeMessage(t, undefined, '2 Minutes').includes('2 Minutes'));
    }
  });
});
