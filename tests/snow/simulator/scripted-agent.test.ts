// The scripted agent that sandbox mode uses: accepts by itself, greets by first name about the
// issue, quotes each message after typing, and closes the chat when the user says bye.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { agentRequest, postVa, startRig, userMessage, type Rig } from './helpers.js';

const scriptedAgent = { name: 'Jordan Taylor', acceptAfterMs: 5, replyAfterMs: 5 };

function agentTexts(rig: Rig, id: string): string[] {
  return rig.receiver
    .items(id)
    .filter((i) => i.agentInfo !== undefined)
    .map((i) => String(i.value));
}

function waitForAgentTexts(rig: Rig, id: string, count: number): Promise<string[]> {
  return rig.sim.waitFor(
    () => {
      const texts = agentTexts(rig, id);
      return texts.length >= count ? texts : undefined;
    },
    { what: `${count} agent messages` },
  );
}

describe('simulator scripted agent', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('accepts, greets by first name about the issue, and quotes each message after typing', async () => {
    rig = await startRig({ scriptedAgent });
    await postVa(
      rig.sim,
      agentRequest({ message: { text: 'Outlook will not start', typed: true } }),
    );
    const [greeting] = await waitForAgentTexts(rig, 'session-1', 1);
    assert.match(greeting!, /^Hi Alex, this is Jordan Taylor\./);
    assert.match(greeting!, /Outlook will not start/);

    await postVa(rig.sim, userMessage('session-1', 'It crashes at the splash screen'));
    const texts = await waitForAgentTexts(rig, 'session-1', 2);
    assert.equal(
      texts[1],
      'You said: "It crashes at the splash screen". Let me check that for you.',
    );
    const actions = rig.receiver.items('session-1').map((i) => i.actionType ?? i.uiType);
    const lastText = actions.lastIndexOf('OutputText');
    assert.deepEqual(actions.slice(lastText - 2, lastText + 1), [
      'StartTypingIndicator',
      'EndTypingIndicator',
      'OutputText',
    ]);
  });

  it('answers messages sent while the chat was queued once it has greeted', async () => {
    rig = await startRig({ scriptedAgent, agents: [{ name: 'Jordan Taylor', available: false }] });
    const { sim } = rig;
    await postVa(sim, agentRequest());
    await sim.waitFor(() => sim.conversation('session-1')?.state === 'queued', { what: 'queued' });
    await postVa(sim, userMessage('session-1', 'Still waiting'));
    await sim.waitFor(() => sim.conversation('session-1')?.waitingForAgent.length === 1, {
      what: 'the waiting message',
    });
    sim.setAgentAvailable('Jordan Taylor', true);
    const texts = await waitForAgentTexts(rig, 'session-1', 2);
    assert.equal(texts[1], 'You said: "Still waiting". Let me check that for you.');
  });

  it('calls a guest "there"', async () => {
    rig = await startRig({ scriptedAgent });
    await postVa(rig.sim, agentRequest({ emailId: 'nobody@example.org' }));
    const [greeting] = await waitForAgentTexts(rig, 'session-1', 1);
    assert.match(greeting!, /^Hi there, /);
  });

  it('says goodbye and closes the chat when the user writes "bye"', async () => {
    rig = await startRig({ scriptedAgent });
    const { sim, receiver } = rig;
    await postVa(sim, agentRequest());
    await waitForAgentTexts(rig, 'session-1', 1);
    await postVa(sim, userMessage('session-1', '  Bye '));
    const done = await sim.waitFor(
      () => receiver.envelopes('session-1').find((e) => e.completed === true),
      { what: 'the completed envelope' },
    );
    assert.equal(
      done.body[0]?.value,
      'The conversation has ended. If you need help again, type hi.',
    );
    assert.equal(agentTexts(rig, 'session-1').at(-1), 'Thanks for reaching out, Alex. Goodbye!');
    const system = receiver.items('session-1').filter((i) => i.actionType === 'System');
    assert.equal(system.at(-1)?.message, 'Jordan Taylor has closed the support session.');
    assert.equal(sim.conversation('session-1')?.interactionState, 'closed_complete');
  });

  it('leaves the chat queued while the agent is unavailable and takes it when available', async () => {
    rig = await startRig({
      scriptedAgent,
      agents: [{ name: 'Jordan Taylor', available: false }],
    });
    const { sim } = rig;
    await postVa(sim, agentRequest());
    await sim.waitFor(() => sim.callbacks.length >= 2, { what: 'the queue callbacks' });
    assert.equal(sim.conversation('session-1')?.state, 'queued');
    sim.setAgentAvailable('Jordan Taylor', true);
    await sim.waitFor(() => sim.conversation('session-1')?.state === 'connected', {
      what: 'the agent to accept',
    });
  });
});
