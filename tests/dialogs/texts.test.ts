import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { texts } from '../../dialogs/texts.js';

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
