// The survey after a chat, against the real app, the simulator and the Cosmos-compatible store:
// asked once when a chat with an agent ends (agent, user or idle timeout), never when no agent
// joined; the answer is stored with the session, counted on /metrics and written to the
// interaction, once; ServiceNow's own post-chat survey is relayed instead of ours, and so is the
// employee's answer to it (servicenow-survey.test.ts walks that survey further).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startHarness, TeamsUser, visibleText, type Harness } from '../support/harness.js';
import { waitFor } from '../support/http.js';
import { connectedChat, postCallback, requestChat, sessionWhen } from '../support/live-chat.js';
import type { SentActivity } from '../support/fake-connector.js';

const agent = 'Jordan Taylor';

interface Card {
  actions: { title: string; data?: Record<string, string> }[];
}

function ratingData(sent: SentActivity, rating: number): Record<string, string> {
  const card = sent.activity.attachments?.[0]?.content as Card | undefined;
  const data = card?.actions.find((a) => a.data?.rating === String(rating))?.data;
  assert.ok(data, `expected a rating button ${rating}`);
  return data;
}

const surveyCard = (user: TeamsUser, after = 0) =>
  user.waitFor('the survey card', (t) => t.includes('rateChat'), after);

describe('the survey after a chat', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({}, { agents: [{ name: agent, available: true, capacity: 50 }] });
  });
  after(() => harness.close());

  const metricsText = async () => (await fetch(`${harness.url}/metrics`)).text();
  const session = async (id: string) => (await harness.store.sessions.get(id))?.value;

  it('asks once when the agent ends the chat; the answer is stored, counted and on the interaction', async () => {
    const { user, sessionId } = await connectedChat(harness, agent);
    await harness.simulator.agent(agent).end(sessionId);
    const card = await surveyCard(user);
    const interactionId = (await session(sessionId))?.interactionId ?? '';
    assert.match(interactionId, /^[0-9a-f]{32}$/);
    const mark = user.received.length;
    await user.post({
      type: 'message',
      replyToId: card.id,
      value: { ...ratingData(card, 4), comment: 'Quick and friendly' },
    });
    await user.waitFor('the thanks', (t) => t.includes('Thank you for your feedback'), mark);
    const stored = await session(sessionId);
    assert.equal(stored?.survey?.rating, 4);
    assert.equal(stored.survey.comment, 'Quick and friendly');
    assert.match(await metricsText(), /live_agent_csat_total\{rating="4"\} 1/);
    const notes = harness.simulator.journal('interaction', interactionId);
    assert.deepEqual(
      notes.map((n) => n.field),
      ['work_notes'],
    );
    assert.match(notes[0]?.value ?? '', /rated 4 of 5\.\nComment: Quick and friendly/);

    const next = user.received.length;
    await user.click(ratingData(card, 1));
    await user.waitFor('already rated', (t) => t.includes('already rated this chat'), next);
    assert.equal((await session(sessionId))?.survey?.rating, 4);
    assert.equal(harness.simulator.journal('interaction', interactionId).length, 1);
    assert.doesNotMatch(await metricsText(), /live_agent_csat_total\{rating="1"\}/);
  });

  it('asks when the user ends a chat an agent had joined', async () => {
    const { user } = await connectedChat(harness, agent, 'Beth Anglin');
    const mark = user.received.length;
    await user.say('end chat');
    await user.waitFor('the end', (t) => t.includes('session has ended'), mark);
    await surveyCard(user, mark);
  });

  it('does not ask when no agent had joined', async () => {
    const { user, sessionId } = await requestChat(harness, 'Fred Luddy');
    await waitFor(async () => (await session(sessionId))?.state === 'queued', 'queued');
    const mark = user.received.length;
    await user.say('end chat');
    await user.waitFor('the end', (t) => t.includes('session has ended'), mark);
    // The end is the last thing this turn sends; a survey would have come with it.
    assert.ok(
      !user.received.slice(mark).some((s) => JSON.stringify(s.activity).includes('rateChat')),
    );
  });

  it('refuses a rating for someone else’s chat', async () => {
    const { user, sessionId } = await connectedChat(harness, agent, 'Don Goodliffe');
    await harness.simulator.agent(agent).end(sessionId);
    const card = await surveyCard(user);
    const other = new TeamsUser(harness, {
      name: 'Mallory Other',
      aadObjectId: randomUUID(),
      email: 'mallory@example.com',
    });
    const mark = other.received.length;
    await other.click(ratingData(card, 1));
    await other.waitFor('the refusal', (t) => t.includes('no longer active'), mark);
    assert.equal((await session(sessionId))?.survey, undefined);
  });

  it("relays ServiceNow's own post-chat survey instead of asking twice, and its answer once", async () => {
    const { user, sessionId } = await connectedChat(harness, agent, 'Survey Fan');
    const mark = harness.connector.sent.length;
    const res = await postCallback(harness, {
      requestId: randomUUID(),
      clientSessionId: sessionId,
      userId: 'user',
      body: [
        {
          uiType: 'Picker',
          group: 'DefaultPicker',
          label: 'How satisfied are you with the support?',
          itemType: 'List',
          style: 'button',
          options: [
            { label: 'Satisfied', value: 'satisfied' },
            { label: 'Not satisfied', value: 'not_satisfied' },
          ],
        },
        {
          uiType: 'ActionMsg',
          actionType: 'System',
          message: 'Jordan has closed the support session',
        },
      ],
      agentChat: false,
      completed: true,
      score: 1,
    });
    assert.equal(res.status, 200);
    const picker = await user.waitFor(
      'ServiceNow’s survey',
      (t) => t.includes('How satisfied are you'),
      mark,
    );
    await user.waitFor('the end', (t) => t.includes('session has ended'), mark);
    await sessionWhen(harness, sessionId, (s) => s.state === 'ended', 'the session ended');

    // Teams repeats a click it thinks went unanswered: same activity id, sent once.
    const click = { id: randomUUID(), type: 'message', replyToId: picker.id };
    const value = pickData(picker, 'Satisfied');
    await user.post({ ...click, value });
    await user.post({ ...click, value });
    const answers = () =>
      harness.simulator.requests.filter(
        (r) => r.body.clientSessionId === sessionId && messageOf(r.body).text === 'satisfied',
      );
    const [answer] = await waitFor(() => answers().length > 0 && answers(), 'the answer');
    assert.equal(messageOf(answer!.body).typed, false);

    const thanks = harness.connector.sent.length;
    await postCallback(harness, {
      requestId: randomUUID(),
      clientSessionId: sessionId,
      userId: 'user',
      body: [{ uiType: 'OutputText', group: 'DefaultText', value: 'Thanks for your rating!' }],
      completed: true,
      score: 1,
    });
    await user.waitFor('ServiceNow’s thanks', (t) => t.includes('Thanks for your rating!'), thanks);
    assert.equal(answers().length, 1);
    assert.ok(
      !harness.connector.sent
        .slice(mark)
        .some(
          (s) =>
            s.conversationId === user.conversationId &&
            visibleText(s.activity).includes('rateChat'),
        ),
    );
  });
});

function pickData(sent: SentActivity, label: string): Record<string, string> {
  const card = sent.activity.attachments?.[0]?.content as Card | undefined;
  const data = card?.actions.find((a) => a.title === label)?.data;
  assert.ok(data, `expected a ${label} button`);
  return data;
}

function messageOf(body: Readonly<Record<string, unknown>>): { text?: string; typed?: unknown } {
  return body.message ?? {};
}
