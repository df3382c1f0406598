// The instance's own post-chat survey in the simulator: after the agent closes the chat, a rating
// picker (with the close or in the next callback), an optional typed comment, then a thank-you that
// completes the conversation; answers are VA API messages for the same clientSessionId.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { SURVEY_RATINGS, SurveyText, SimulatorText } from '@live-agent/snow/simulator';
import { agentRequest, postVa, startRig, vaBody, type Envelope, type Rig } from './helpers.js';

const session = 'session-1';

/** A chat Jordan Taylor accepted and then closed; returns the envelopes from the close on. */
async function closedByAgent(rig: Rig, atLeast: number): Promise<Envelope[]> {
  await postVa(rig.sim, agentRequest());
  await rig.sim.waitFor(() => rig.sim.conversation(session)?.state === 'queued', {
    what: 'the chat queued',
  });
  const jordan = rig.sim.agent('Jordan Taylor');
  await jordan.accept(session);
  const from = rig.receiver.envelopes(session).length;
  await jordan.end(session);
  return rig.sim.waitFor(
    () => {
      const after = rig.receiver.envelopes(session).slice(from);
      return after.length >= atLeast ? after : undefined;
    },
    { what: 'the closing callbacks' },
  );
}

/** What the user answers, as the bot sends it: a pick is not typed. */
function answer(text: string, typed: boolean): Record<string, unknown> {
  return vaBody({ message: { text, typed, clientMessageId: `c-${text}` } });
}

async function next(rig: Rig, count: number): Promise<Envelope> {
  return rig.sim.waitFor(() => rig.receiver.envelopes(session)[count], {
    what: `callback ${count + 1}`,
  });
}

describe('the simulated post-chat survey', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('asks after the close, takes the pick, thanks and completes the conversation', async () => {
    rig = await startRig({ postChatSurvey: { delivery: 'afterEnd' } });
    const [closing, asking] = await closedByAgent(rig, 2);
    assert.deepEqual(
      closing?.body.map((i) => i.actionType),
      ['System', 'SwitchToVirtualAgent'],
    );
    assert.equal(asking?.agentChat, undefined);
    assert.equal(asking?.completed, undefined);
    const picker = asking?.body[0];
    assert.equal(picker?.uiType, 'Picker');
    assert.equal(picker.label, SurveyText.rating);
    assert.deepEqual(
      (picker.options as { value: string }[]).map((o) => o.value),
      SURVEY_RATINGS.map((o) => o.value),
    );

    const count = rig.receiver.envelopes(session).length;
    await postVa(rig.sim, answer('satisfied', false));
    const thanks = await next(rig, count);
    assert.equal(thanks.completed, true);
    assert.equal(thanks.body[0]?.value, SurveyText.thanks);
    assert.deepEqual(
      rig.sim.surveyAnswers.map((a) => [a.clientSessionId, a.question, a.answer, a.typed]),
      [[session, 'rating', 'satisfied', false]],
    );
    assert.equal(
      rig.sim.surveyAnswers[0]?.interactionId,
      rig.sim.conversation(session)?.interactionId,
    );
    assert.ok(
      !rig.receiver.items(session).some((i) => i.value === SimulatorText.ended),
      'the survey replaces the plain end',
    );
  });

  it('asks with the close, asks again for an unknown answer, then takes a typed comment', async () => {
    rig = await startRig({ postChatSurvey: { delivery: 'withEnd', comment: true } });
    const [closing] = await closedByAgent(rig, 1);
    assert.deepEqual(
      closing?.body.map((i) => i.uiType),
      ['ActionMsg', 'Picker', 'ActionMsg'],
    );
    assert.equal(closing.body[2]?.actionType, 'SwitchToVirtualAgent');

    let count = rig.receiver.envelopes(session).length;
    await postVa(rig.sim, answer('great', true));
    const again = await next(rig, count);
    assert.deepEqual(
      again.body.map((i) => i.uiType),
      ['OutputText', 'Picker'],
    );
    assert.equal(again.body[0]?.value, SurveyText.pickOne);

    count += 1;
    await postVa(rig.sim, answer('Very satisfied', true));
    const comment = await next(rig, count);
    assert.equal(comment.body[0]?.uiType, 'InputText');
    assert.equal(comment.body[0].label, SurveyText.comment);
    assert.equal(comment.completed, undefined);

    count += 1;
    await postVa(rig.sim, answer('Quick and kind', true));
    const thanks = await next(rig, count);
    assert.equal(thanks.completed, true);
    assert.deepEqual(
      rig.sim.surveyAnswers.map((a) => [a.question, a.answer]),
      [
        ['rating', 'very_satisfied'],
        ['comment', 'Quick and kind'],
      ],
    );
  });

  it('can be switched on and off while it runs', async () => {
    rig = await startRig();
    rig.sim.setPostChatSurvey({ delivery: 'afterEnd' });
    rig.sim.setPostChatSurvey(undefined);
    const [, done] = await closedByAgent(rig, 2);
    assert.equal(done?.completed, true);
    assert.equal(done.body[0]?.value, SimulatorText.ended);
  });
});
