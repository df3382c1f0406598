// A live-agent chat through the simulator, seen from the bot's side: queued, accepted, messages
// both ways, typing, and the end, with the envelope shapes ServiceNow documents.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { SimulatorErrorCode } from '@live-agent/snow/simulator';
import {
  agentRequest,
  getTable,
  postVa,
  rowsOf,
  startRig,
  userMessage,
  vaBody,
  type Envelope,
  type Rig,
} from './helpers.js';

const HEX32 = /^[0-9a-f]{32}$/;

async function queue(rig: Rig, overrides: Record<string, unknown> = {}): Promise<Envelope[]> {
  const body = agentRequest(overrides);
  const id = body.clientSessionId as string;
  await postVa(rig.sim, body);
  return rig.sim.waitFor(
    () => (rig.receiver.envelopes(id).length >= 2 ? rig.receiver.envelopes(id) : undefined),
    { what: 'the queue callbacks' },
  );
}

describe('simulator live-agent lifecycle', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('queues an AGENT request: on_hold interaction for the linked user, stand-by, spinner, queue', async () => {
    rig = await startRig();
    const request = agentRequest({ clientVariables: { teams: 'x' } });
    await postVa(rig.sim, request);
    const [standBy, waiting] = await rig.sim.waitFor(
      () =>
        rig!.receiver.envelopes('session-1').length >= 2
          ? rig!.receiver.envelopes('session-1')
          : undefined,
      { what: 'the queue callbacks' },
    );
    const snapshot = rig.sim.conversation('session-1');
    assert.equal(snapshot?.state, 'queued');
    assert.equal(snapshot.interactionState, 'on_hold');
    assert.match(snapshot.interactionId ?? '', HEX32);
    assert.match(snapshot.interactionNumber ?? '', /^IMS00\d{5}$/);
    assert.deepEqual(standBy, {
      requestId: request.requestId,
      clientSessionId: 'session-1',
      nowSessionId: '',
      userId: 'aad-user-1',
      message: request.message,
      body: [
        {
          uiType: 'OutputText',
          group: 'DefaultText',
          value: 'Please stand by while I connect you to a live agent.',
          maskType: 'NONE',
        },
      ],
      agentChat: true,
      score: 1,
      interactionId: snapshot.interactionId,
      clientVariables: { teams: 'x' },
    });
    const [spinner, subscribe] = waiting!.body;
    assert.equal(spinner?.uiType, 'ActionMsg');
    assert.equal(spinner.actionType, 'StartSpinner');
    assert.equal(spinner.spinnerType, 'wait_time');
    assert.match(String(spinner.waitTime), /^\d+ Seconds$/);
    assert.equal(subscribe?.actionType, 'SubscribeToSupportQueue');

    const user = rowsOf(
      await getTable(rig.sim, '/api/now/table/sys_user?sysparm_query=email=alexw@example.com'),
    );
    const interaction = await getTable(
      rig.sim,
      `/api/now/table/interaction/${snapshot.interactionId}`,
    );
    const row = interaction.json.result as Record<string, unknown>;
    assert.equal(row.state, 'on_hold');
    assert.equal((row.opened_for as { value: string }).value, user[0]?.sys_id);
    assert.equal(row.short_description, 'My VPN keeps dropping');
  });

  it('opens the chat for the guest user when no sys_user has the email', async () => {
    rig = await startRig();
    await queue(rig, { emailId: 'stranger@example.org' });
    assert.equal(rig.sim.conversation('session-1')?.openedFor, '5136503cc611227c0183e96598c4f706');
  });

  it('relays a whole chat: accept, queued messages shown, agent text and typing, agent ends', async () => {
    rig = await startRig();
    const { sim, receiver } = rig;
    await queue(rig);
    await postVa(sim, userMessage('session-1', 'Are you there?'));
    await sim.waitFor(() => sim.conversation('session-1')?.waitingForAgent.length === 1, {
      what: 'the queued message',
    });
    const jordan = sim.agent('Jordan Taylor');
    await jordan.accept('session-1');
    const joined = receiver.envelopes('session-1')[2]!;
    assert.deepEqual(
      joined.body.map((i) => i.actionType),
      ['EndSpinner', 'SubscribeToChatPresence', 'SwitchToLiveAgent', 'System'],
    );
    assert.equal(joined.body[3]?.message, 'Jordan Taylor has entered the chat.');
    assert.equal(joined.agentChat, true);
    let snapshot = sim.conversation('session-1');
    assert.equal(snapshot?.state, 'connected');
    assert.equal(snapshot.interactionState, 'work_in_progress');
    assert.equal(snapshot.agent, 'Jordan Taylor');
    assert.deepEqual(
      snapshot.userMessages.map((m) => m.text),
      ['Are you there?'],
    );

    const latest = userMessage('session-1', 'Yes, VPN again');
    await postVa(sim, latest);
    await sim.waitFor(() => sim.conversation('session-1')?.userMessages.length === 2, {
      what: 'the message at the agent',
    });
    await jordan.typing('session-1', true);
    await jordan.say('session-1', 'Let me look.');
    const [typing, said] = receiver.envelopes('session-1').slice(3);
    assert.equal(typing?.body[0]?.actionType, 'StartTypingIndicator');
    assert.equal(said?.requestId, latest.requestId, 'agent output echoes the latest request');
    const text = said!.body[0]!;
    assert.equal(text.uiType, 'OutputText');
    assert.equal(text.value, 'Let me look.');
    assert.match(String(text.messageId), HEX32);
    const info = text.agentInfo as Record<string, unknown>;
    assert.equal(info.sentFromAgent, true);
    assert.equal(info.agentName, 'Jordan Taylor');
    assert.match(String(info.agentAvatar), /^[0-9a-f]{32}\.iix\?t=small$/);
    assert.match(String(info.agentId), HEX32);

    await jordan.end('session-1');
    const [closing, done] = receiver.envelopes('session-1').slice(5);
    assert.deepEqual(
      closing?.body.map((i) => [i.actionType, i.message]),
      [
        ['System', 'Jordan Taylor has closed the support session.'],
        ['SwitchToVirtualAgent', undefined],
      ],
    );
    assert.equal(done?.completed, true);
    assert.equal(done.agentChat, undefined);
    assert.equal(
      done.body[0]?.value,
      'The conversation has ended. If you need help again, type hi.',
    );
    snapshot = sim.conversation('session-1');
    assert.equal(snapshot?.state, 'closed');
    assert.equal(snapshot.interactionState, 'closed_complete');
    await assert.rejects(jordan.say('session-1', 'late'), {
      code: SimulatorErrorCode.NotConnected,
    });
  });

  it('closes the chat with "User Ended" and a completed envelope on END_CONVERSATION', async () => {
    rig = await startRig();
    await queue(rig);
    await rig.sim.agent('Jordan Taylor').accept('session-1');
    const end = vaBody({ action: 'END_CONVERSATION', message: { text: '', typed: true } });
    await postVa(rig.sim, end);
    const done = await rig.sim.waitFor(
      () => rig!.receiver.envelopes('session-1').find((e) => e.completed === true),
      { what: 'the completed envelope' },
    );
    assert.equal(done.requestId, end.requestId);
    const snapshot = rig.sim.conversation('session-1');
    assert.equal(snapshot?.interactionState, 'closed_complete');
    assert.equal(snapshot.stateReason, 'User Ended');
  });

  it('greets with a topic picker on START_CONVERSATION, and queues when live_agent_only is set', async () => {
    rig = await startRig();
    const { sim, receiver } = rig;
    await postVa(sim, vaBody({ clientSessionId: 'va', action: 'START_CONVERSATION' }));
    const greeting = await sim.waitFor(() => receiver.envelopes('va')[0], { what: 'the greeting' });
    assert.deepEqual(
      greeting.body.map((i) => i.uiType),
      ['OutputText', 'TopicPickerControl'],
    );
    assert.equal(greeting.agentChat, undefined);
    assert.equal(sim.conversation('va')?.state, 'virtual_agent');
    await postVa(sim, agentRequest({ clientSessionId: 'direct', action: 'START_CONVERSATION' }));
    await sim.waitFor(() => sim.conversation('direct')?.state === 'queued', { what: 'queued' });
  });

  it('records the user typing signals', async () => {
    rig = await startRig();
    await queue(rig);
    await postVa(rig.sim, vaBody({ action: 'TYPING', message: undefined }));
    await postVa(rig.sim, vaBody({ action: 'VIEWING', message: undefined }));
    const signals = await rig.sim.waitFor(
      () => {
        const s = rig!.sim.conversation('session-1')?.typingSignals ?? [];
        return s.length === 2 ? s : undefined;
      },
      { what: 'both signals' },
    );
    assert.deepEqual(signals, ['TYPING', 'VIEWING']);
    assert.equal(rig.sim.conversation('session-1')?.userTyping, false);
  });

  it('echoes appInboundId on every callback of a custom provider application', async () => {
    rig = await startRig();
    const envelopes = await queue(rig, { appInboundId: 'custom_1' });
    assert.deepEqual(
      envelopes.map((e) => e.appInboundId),
      ['custom_1', 'custom_1'],
    );
  });

  it('posts the callbacks of one conversation one at a time, in order', async () => {
    rig = await startRig();
    const { sim, receiver } = rig;
    await queue(rig);
    const jordan = sim.agent('Jordan Taylor');
    await jordan.accept('session-1');
    receiver.answerDelayMs = 15;
    const from = receiver.received.length;
    await Promise.all(['one', 'two', 'three', 'four'].map((t) => jordan.say('session-1', t)));
    assert.deepEqual(
      receiver
        .items('session-1')
        .slice(-4)
        .map((i) => i.value),
      ['one', 'two', 'three', 'four'],
    );
    const expected = [from + 1, from + 2, from + 3, from + 4].flatMap((n) => [
      `arrive:${n}`,
      `answer:${n}`,
    ]);
    assert.deepEqual(
      receiver.events.slice(-8),
      expected,
      'each post waits for the previous answer',
    );
  });

  it('closes the interaction as closed_abandoned when the callback answers 5xx', async () => {
    rig = await startRig();
    const { sim, receiver } = rig;
    receiver.status = () => 500;
    await postVa(sim, agentRequest());
    const snapshot = await sim.waitFor(
      () => {
        const s = sim.conversation('session-1');
        return s?.state === 'closed' ? s : undefined;
      },
      { what: 'the abandoned conversation' },
    );
    assert.equal(snapshot.interactionState, 'closed_abandoned');
    assert.equal(snapshot.stateReason, 'Faulted/Error');
    assert.equal(sim.callbacks.length, 1, 'ServiceNow stops posting to a failing endpoint');
    assert.equal(sim.callbacks[0]?.status, 500);
    const rows = rowsOf(
      await getTable(
        sim,
        `/api/now/table/interaction?sysparm_query=sys_id=${snapshot.interactionId}`,
      ),
    );
    assert.deepEqual([rows[0]?.state, rows[0]?.active], ['closed_abandoned', 'false']);
  });

  it('refuses agent actions that do not fit the chat state', async () => {
    rig = await startRig();
    const jordan = rig.sim.agent('Jordan Taylor');
    await assert.rejects(jordan.accept('nobody'), { code: SimulatorErrorCode.UnknownConversation });
    await queue(rig);
    await assert.rejects(jordan.say('session-1', 'hi'), { code: SimulatorErrorCode.NotConnected });
    assert.throws(() => rig!.sim.agent('Nobody'), { code: SimulatorErrorCode.UnknownAgent });
    await jordan.accept('session-1');
    await assert.rejects(jordan.accept('session-1'), { code: SimulatorErrorCode.NotQueued });
  });
});
