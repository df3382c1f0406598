// The rules of ServiceNow's own post-chat survey, on a clock the test sets: which end of a chat
// opens the survey's window or the wait for it, how long each stays open, which answers count,
// and how each of the survey's callbacks moves the window.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SnowEvent } from '@live-agent/snow';
import { PostChatWindow } from '../../../bot/live-chat/post-chat.js';
import type { LiveChatSession } from '../../../bot/store/types.js';
import { sampleSession } from '../store/fixtures.js';

const t0 = Date.parse('2025-03-01T09:00:00.000Z');
const iso = (ms: number) => new Date(t0 + ms).toISOString();

const picker: SnowEvent = {
  type: 'choices',
  control: 'picker',
  prompt: 'How satisfied are you?',
  options: [{ label: 'Satisfied', value: 'satisfied' }],
  multiSelect: false,
  required: true,
};
const textQuestion: SnowEvent = {
  type: 'inputRequest',
  kind: 'text',
  label: 'Anything else?',
  required: false,
  masked: false,
};
const handedBack: SnowEvent = { type: 'chatEnded', reason: 'switchedToVirtualAgent' };
const completed: SnowEvent = { type: 'chatEnded', reason: 'completed' };
const thanks: SnowEvent = { type: 'message', text: 'Thank you!', fromAgent: false };

function rules(surveySeconds = 600, waitSeconds = 10) {
  const clock = { ms: 0 };
  const window = new PostChatWindow(
    { serviceNowSurveyMs: surveySeconds * 1000, serviceNowSurveyWaitMs: waitSeconds * 1000 },
    () => t0 + clock.ms,
  );
  return { window, clock };
}

const connected = () => sampleSession({ state: 'connected' });
const ended = (fields: Partial<LiveChatSession>) =>
  sampleSession({ state: 'ended', endedAt: iso(0), ...fields });

describe("ServiceNow's post-chat survey rules", () => {
  it('opens the window when a question comes with the close of a chat an agent had joined', () => {
    const { window } = rules();
    assert.deepEqual(window.atEnd(connected(), [picker, completed]), {
      serviceNowSurvey: true,
      fields: { serviceNowSurveyUntil: iso(600_000), serviceNowSurveyAsksText: undefined },
    });
    assert.equal(
      window.atEnd(connected(), [textQuestion, handedBack]).fields?.serviceNowSurveyAsksText,
      true,
    );
  });

  it('waits for ServiceNow’s next callback when the chat was only handed back to its virtual agent', () => {
    const { window } = rules();
    assert.deepEqual(window.atEnd(connected(), [handedBack]), {
      serviceNowSurvey: true,
      fields: { surveyHeldUntil: iso(10_000) },
    });
    assert.deepEqual(window.atEnd(connected(), [completed]), { serviceNowSurvey: false });
  });

  it('changes nothing when no agent had joined, or when the settings turn it off', () => {
    const queued = sampleSession({ state: 'queued' });
    assert.deepEqual(rules().window.atEnd(queued, [picker, handedBack]), {
      serviceNowSurvey: true,
    });
    assert.deepEqual(rules().window.atEnd(queued, [handedBack]), { serviceNowSurvey: false });
    assert.deepEqual(rules(0).window.atEnd(connected(), [picker, handedBack]), {
      serviceNowSurvey: true,
    });
    assert.deepEqual(rules(600, 0).window.atEnd(connected(), [handedBack]), {
      serviceNowSurvey: false,
    });
  });

  it('keeps an ended session open to callbacks and answers only until the window closes', () => {
    const { window, clock } = rules();
    const surveyed = ended({ serviceNowSurveyUntil: iso(600_000) });
    const waiting = ended({ surveyHeldUntil: iso(10_000) });
    assert.equal(window.isOpen(surveyed), true);
    assert.equal(window.takesAnswers(surveyed), true);
    assert.equal(window.isOpen(waiting), true);
    assert.equal(window.takesAnswers(waiting), false, 'nothing was asked yet');
    assert.equal(window.isOpen(ended({})), false);
    assert.equal(window.isOpen({ ...surveyed, state: 'connected' }), false);
    clock.ms = 10_000;
    assert.equal(window.isOpen(waiting), false);
    clock.ms = 600_000;
    assert.equal(window.isOpen(surveyed), false);
    assert.equal(window.takesAnswers(surveyed), false);
  });

  it('counts as answers only messages written between the end and the window’s close', () => {
    const { window } = rules();
    const surveyed = ended({ serviceNowSurveyUntil: iso(600_000) });
    assert.equal(window.answered(surveyed, iso(-1)), false, 'written during the chat');
    assert.equal(window.answered(surveyed, iso(5_000)), true);
    assert.equal(window.answered(surveyed, iso(600_001)), false);
    assert.equal(window.answered(ended({ surveyHeldUntil: iso(10_000) }), iso(5_000)), false);
  });

  it('opens the window again for each question and closes it when ServiceNow ends the survey', () => {
    const { window, clock } = rules();
    const waiting = ended({ surveyHeldUntil: iso(10_000) });
    clock.ms = 2_000;
    const asked = window.afterCallback(waiting, [textQuestion]);
    assert.ok(asked);
    assert.equal(asked.surveyHeldUntil, undefined);
    assert.equal(asked.serviceNowSurveyUntil, iso(602_000));
    assert.equal(asked.serviceNowSurveyAsksText, true);
    assert.equal(window.afterCallback(asked, [thanks]), undefined, 'nothing to change');
    clock.ms = 30_000;
    const picked = window.afterCallback(asked, [picker]);
    assert.equal(picked?.serviceNowSurveyAsksText, undefined, 'a picker asks for no text');
    const done = window.afterCallback(asked, [thanks, completed]);
    assert.ok(done);
    assert.equal(done.serviceNowSurveyUntil, iso(30_000));
    assert.equal(window.isOpen(done), false);
  });
});
