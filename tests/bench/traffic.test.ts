import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CallbackParser } from '@live-agent/snow';
import { identityOf } from '../../bot/live-chat/identity.js';
import { BENCH_AGENT, conversationIdOf, marker, markerIn, sessionIdOf } from './markers.js';
import { agentMessage, benchSession, conversationReference, userActivity } from './traffic.js';

describe('benchmark traffic', () => {
  const session = benchSession(7);
  const serviceUrl = 'http://127.0.0.1:4000/teams/';

  it("sends callbacks that the bot's parser reads as one message from the agent", () => {
    const text = `Please restart the VPN client (${marker(3, 41)}).`;
    const callback = new CallbackParser({ instanceUrl: 'https://example.service-now.com' }).parse(
      agentMessage(session, text),
    );
    assert.equal(callback.clientSessionId, session.sessionId);
    assert.equal(callback.events.length, 1);
    assert.deepEqual(
      callback.events.map((e) =>
        e.type === 'message' ? { text: e.text, fromAgent: e.fromAgent, agent: e.agent?.name } : e,
      ),
      [{ text, fromAgent: true, agent: BENCH_AGENT }],
    );
  });

  it('sends Teams activities from the user whose session was opened', () => {
    const activity = userActivity(session, serviceUrl, marker(1, 2), 'hello');
    assert.equal(identityOf(activity)?.userKey, session.userKey);
    assert.equal(activity.conversation?.id, session.conversationId);
  });

  it('stores the conversation reference the bot derives from those activities', () => {
    const reference = conversationReference(session, serviceUrl);
    assert.equal(reference.serviceUrl, serviceUrl);
    assert.equal(reference.conversation?.id, session.conversationId);
    assert.equal(reference.user?.id, session.teamsUserId);
    assert.equal(reference.activityId, undefined);
  });

  it('finds a marker again in rendered text, and routes by conversation id without a lookup', () => {
    const token = marker(12, 345);
    assert.equal(markerIn(`**${BENCH_AGENT}:** Please restart (${token}).`), token);
    assert.equal(markerIn('no marker here, bm12 x3'), undefined);
    assert.equal(sessionIdOf(conversationIdOf(session.sessionId)), session.sessionId);
    assert.equal(sessionIdOf('a:other'), undefined);
  });
});
