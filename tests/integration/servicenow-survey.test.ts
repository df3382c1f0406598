// ServiceNow's own post-chat survey against the real app, the simulator (playing that survey) and
// the Cosmos-compatible store, with a clock the test moves: the survey's questions after the agent
// closed the chat are shown, the employee's pick and typed comment reach ServiceNow once each for
// the chat's clientSessionId, the bot never asks its own survey as well, and once the survey's
// time is up a click gets the usual answer and nothing goes to ServiceNow.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SurveyText } from '@live-agent/snow/simulator';
import { startHarness, visibleText, type Harness, type TeamsUser } from '../support/harness.js';
import { waitFor } from '../support/http.js';
import type { SentActivity } from '../support/fake-connector.js';
import { connectedChat, postCallback, sessionWhen } from '../support/live-chat.js';

const agent = 'Jordan Taylor';

interface Card {
  actions: { title: string; data?: Record<string, string> }[];
}

function pickData(sent: SentActivity, label: string): Record<string, string> {
  const card = sent.activity.attachments?.[0]?.content as Card | undefined;
  const data = card?.actions.find((a) => a.title === label)?.data;
  assert.ok(data, `expected a ${label} button`);
  return data;
}

describe("ServiceNow's own post-chat survey", () => {
  let harness: Harness;
  let clock = 0;
  before(async () => {
    harness = await startHarness(
      {
        LIVE_CHAT_SERVICENOW_SURVEY_SECONDS: '600',
        LIVE_CHAT_SERVICENOW_SURVEY_WAIT_SECONDS: '20',
      },
      { agents: [{ name: agent, available: true, capacity: 50 }] },
      { tuning: { timer: false }, now: () => Date.now() + clock },
    );
  });
  after(() => harness.close());
  beforeEach(() => {
    harness.simulator.setPostChatSurvey(undefined);
  });

  /** What the VA API received for the session with this message text. */
  const sentToServiceNow = (sessionId: string, text: string) =>
    harness.simulator.requests.filter(
      (r) =>
        r.body.clientSessionId === sessionId &&
        (r.body.message as { text?: string } | undefined)?.text === text,
    );

  /** What the user was shown after the connector's `mark`. */
  const shownSince = (user: TeamsUser, mark: number) =>
    harness.connector.sent
      .slice(mark)
      .filter((s) => s.conversationId === user.conversationId)
      .map((s) => visibleText(s.activity));

  /**
   * A chat the agent closed with ServiceNow's rating picker in the same callback, once ended;
   * `mark` is where the connector's record stood before the close.
   */
  const closedWithRating = async (name: string) => {
    harness.simulator.setPostChatSurvey({ delivery: 'withEnd' });
    const { user, sessionId } = await connectedChat(harness, agent, name);
    const mark = harness.connector.sent.length;
    await harness.simulator.agent(agent).end(sessionId);
    const picker = await user.waitFor('the rating', (t) => t.includes(SurveyText.rating), mark);
    await sessionWhen(harness, sessionId, (s) => s.state === 'ended', 'the session ended');
    return { user, sessionId, mark, picker };
  };

  it('shows its questions after the close and relays the pick and the typed comment once each', async () => {
    harness.simulator.setPostChatSurvey({ delivery: 'afterEnd', comment: true });
    const { user, sessionId } = await connectedChat(harness, agent, 'Comment Writer');
    const mark = harness.connector.sent.length;
    await harness.simulator.agent(agent).end(sessionId);
    await user.waitFor('the end', (t) => t.includes('session has ended'), mark);
    const picker = await user.waitFor('the rating', (t) => t.includes(SurveyText.rating), mark);

    await user.post({
      type: 'message',
      replyToId: picker.id,
      value: pickData(picker, 'Satisfied'),
    });
    await user.waitFor('the comment question', (t) => t.includes(SurveyText.comment), mark);
    await user.say('Quick and kind');
    await user.waitFor('ServiceNow’s thanks', (t) => t.includes(SurveyText.thanks), mark);
    assert.deepEqual(
      harness.simulator.surveyAnswers
        .filter((a) => a.clientSessionId === sessionId)
        .map((a) => [a.question, a.answer, a.typed]),
      [
        ['rating', 'satisfied', false],
        ['comment', 'Quick and kind', true],
      ],
    );
    assert.equal(sentToServiceNow(sessionId, 'satisfied').length, 1);
    assert.equal(sentToServiceNow(sessionId, 'Quick and kind').length, 1);
    assert.ok(!shownSince(user, mark).some((t) => t.includes('rateChat')), 'not asked twice');

    // The survey is over: what the employee writes next is the bot's again.
    const next = harness.connector.sent.length;
    await user.say('Hello again');
    await user.waitFor('the dialogs answering', (t) => t.includes('getHelp'), next);
    assert.equal(sentToServiceNow(sessionId, 'Hello again').length, 0);
  });

  it('relays the picker that came with the close, and a comment only when asked for one', async () => {
    const { user, sessionId, mark, picker } = await closedWithRating('Quick Rater');
    // No free-text question: typed text goes to the bot's dialogs, not to ServiceNow.
    const typed = harness.connector.sent.length;
    await user.say('What now?');
    await user.waitFor('the dialogs answering', (t) => t.includes('getHelp'), typed);
    assert.equal(sentToServiceNow(sessionId, 'What now?').length, 0);

    await user.post({
      type: 'message',
      replyToId: picker.id,
      value: pickData(picker, 'Very satisfied'),
    });
    await user.waitFor('ServiceNow’s thanks', (t) => t.includes(SurveyText.thanks), mark);
    const [answer] = sentToServiceNow(sessionId, 'very_satisfied');
    assert.equal((answer?.body.message as { typed?: unknown }).typed, false);
    assert.ok(!shownSince(user, mark).some((t) => t.includes('rateChat')), 'not asked twice');
  });

  it('asks the bot’s own survey when ServiceNow hands the chat back and then only closes it', async () => {
    const { user, sessionId } = await connectedChat(harness, agent, 'Plain Ending');
    const mark = harness.connector.sent.length;
    await harness.simulator.agent(agent).end(sessionId);
    await user.waitFor('the bot’s survey', (t) => t.includes('rateChat'), mark);
    const shown = shownSince(user, mark);
    const endAt = shown.findIndex((t) => t.includes('session has ended'));
    assert.ok(endAt >= 0 && endAt < shown.findIndex((t) => t.includes('rateChat')));
    assert.ok(!shown.some((t) => t.includes('If you need help again, type hi')));
    const stored = await sessionWhen(
      harness,
      sessionId,
      (s) => s.surveyHeldUntil === undefined,
      'no wait',
    );
    assert.equal(stored.serviceNowSurveyUntil, undefined);
  });

  it('asks the bot’s own survey after the wait when ServiceNow sends nothing more', async () => {
    const { user, sessionId } = await connectedChat(harness, agent, 'Quiet Instance');
    const mark = harness.connector.sent.length;
    await postCallback(harness, {
      requestId: randomUUID(),
      clientSessionId: sessionId,
      userId: 'user',
      body: [
        {
          uiType: 'ActionMsg',
          actionType: 'System',
          message: 'Jordan has closed the support session',
        },
        { uiType: 'ActionMsg', actionType: 'SwitchToVirtualAgent' },
      ],
      agentChat: true,
      score: 1,
    });
    await user.waitFor('the end', (t) => t.includes('session has ended'), mark);
    await sessionWhen(harness, sessionId, (s) => s.surveyHeldUntil !== undefined, 'the wait');
    await harness.app.sweep();
    assert.ok(!shownSince(user, mark).some((t) => t.includes('rateChat')), 'still waiting');
    clock += 21_000;
    await harness.app.sweep();
    await user.waitFor('the bot’s survey', (t) => t.includes('rateChat'), mark);
  });

  it('still relays the picker that comes after the employee wrote in between', async () => {
    const { user, sessionId } = await connectedChat(harness, agent, 'Quick Typist');
    const mark = harness.connector.sent.length;
    const callback = (body: unknown[], flags: Record<string, unknown> = {}) =>
      postCallback(harness, {
        requestId: randomUUID(),
        clientSessionId: sessionId,
        userId: 'user',
        body,
        score: 1,
        ...flags,
      });
    await callback(
      [
        { uiType: 'ActionMsg', actionType: 'System', message: 'Jordan has closed the session' },
        { uiType: 'ActionMsg', actionType: 'SwitchToVirtualAgent' },
      ],
      { agentChat: true },
    );
    await user.waitFor('the end', (t) => t.includes('session has ended'), mark);
    await sessionWhen(harness, sessionId, (s) => s.surveyHeldUntil !== undefined, 'the wait');
    const typed = harness.connector.sent.length;
    await user.say('Thanks a lot');
    await user.waitFor('the dialogs answering', (t) => t.includes('getHelp'), typed);

    await callback([
      {
        uiType: 'Boolean',
        group: 'DefaultPicker',
        label: 'Did we solve your problem?',
        options: [{ label: 'Yes' }, { label: 'No' }],
      },
    ]);
    const picker = await user.waitFor('the question', (t) => t.includes('Did we solve'), mark);
    await user.post({ type: 'message', replyToId: picker.id, value: pickData(picker, 'Yes') });
    await waitFor(() => sentToServiceNow(sessionId, 'Yes').length === 1, 'the answer');
    assert.equal(sentToServiceNow(sessionId, 'Thanks a lot').length, 0);
    assert.ok(!shownSince(user, mark).some((t) => t.includes('rateChat')), 'not asked twice');
  });

  it('answers a click once the survey’s time is up as for any old card, sending nothing', async () => {
    const { user, sessionId, picker } = await closedWithRating('Late Clicker');

    clock += 601_000;
    const late = harness.connector.sent.length;
    await user.post({
      type: 'message',
      replyToId: picker.id,
      value: pickData(picker, 'Satisfied'),
    });
    await user.waitFor('the expired card', (t) => t.includes('no longer active'), late);
    const res = await postCallback(harness, {
      requestId: randomUUID(),
      clientSessionId: sessionId,
      userId: 'user',
      body: [{ uiType: 'OutputText', group: 'DefaultText', value: 'Still there?' }],
      score: 1,
    });
    assert.deepEqual(await res.json(), { status: 'ignored' });
    assert.equal(sentToServiceNow(sessionId, 'satisfied').length, 0);
    assert.ok(!shownSince(user, late).some((t) => t.includes('Still there?')));
  });
});
