// AWA-like routing in the simulator: queues chosen by context variables, a missing queue or
// assignment rule closing the interaction at once, agents limited by presence, eligibility and
// capacity, the announced wait time, and idle conversations timed out.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { SimulatorErrorCode } from '@live-agent/snow/simulator';
import { agentRequest, getTable, postVa, rowsOf, startRig, type Rig } from './helpers.js';

const queues = [
  { name: 'HR', conditions: { b2b_category: 'hr' }, waitSeconds: 120 },
  { name: 'Payroll', conditions: { b2b_category: 'payroll' }, assignmentRule: false },
  { name: 'IT', conditions: { b2b_category: 'it' } },
];
const agents = [
  { name: 'Hana Reed', available: true, queues: ['HR'] },
  { name: 'Ivan Tran', available: true, queues: ['IT'], capacity: 1 },
];

function ask(rig: Rig, clientSessionId: string, category?: string) {
  const contextVariables = {
    live_agent_only: 'true',
    ...(category ? { b2b_category: category } : {}),
  };
  return postVa(rig.sim, agentRequest({ clientSessionId, contextVariables }));
}

function closed(rig: Rig, id: string) {
  return rig.sim.waitFor(
    () => {
      const s = rig.sim.conversation(id);
      return s?.state === 'closed' && rig.receiver.envelopes(id).some((e) => e.completed === true)
        ? s
        : undefined;
    },
    { what: `${id} closed` },
  );
}

describe('simulator AWA routing', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('puts a chat in the first queue whose conditions its context variables meet, with its wait time', async () => {
    rig = await startRig({ queues, agents });
    await ask(rig, 'hr-1', 'hr');
    const spinner = await rig.sim.waitFor(
      () => rig!.receiver.items('hr-1').find((i) => i.actionType === 'StartSpinner'),
      { what: 'the spinner' },
    );
    assert.equal(spinner.waitTime, '120 Seconds');
    assert.equal(rig.sim.conversation('hr-1')?.queue, 'HR');
    const id = rig.sim.conversation('hr-1')?.interactionId ?? '';
    const [row] = rowsOf(
      await getTable(
        rig.sim,
        `/api/now/table/interaction?sysparm_query=sys_id=${id}&sysparm_fields=queue.name,state`,
      ),
    );
    assert.deepEqual(row, { 'queue.name': 'HR', state: 'on_hold' });
  });

  for (const [why, category] of [
    ['no queue matches', 'facilities'],
    ['the queue has no assignment rule', 'payroll'],
  ] as const) {
    it(`closes the interaction at once when ${why}`, async () => {
      rig = await startRig({ queues, agents });
      await ask(rig, 'c-1', category);
      const snapshot = await closed(rig, 'c-1');
      assert.equal(snapshot.interactionState, 'closed_abandoned');
      const items = rig.receiver.items('c-1');
      assert.deepEqual(
        items.map((i) => i.actionType ?? i.uiType),
        ['OutputText', 'System', 'SwitchToVirtualAgent', 'OutputText'],
      );
      assert.ok(!items.some((i) => i.actionType === 'SubscribeToSupportQueue'), 'never queued');
    });
  }

  it('lets only an available, eligible agent with free capacity accept', async () => {
    rig = await startRig({ queues, agents });
    await ask(rig, 'it-1', 'it');
    await ask(rig, 'it-2', 'it');
    await rig.sim.waitFor(() => rig!.sim.conversation('it-2')?.state === 'queued', {
      what: 'it-2 queued',
    });
    await assert.rejects(rig.sim.agent('Hana Reed').accept('it-1'), {
      code: SimulatorErrorCode.NotEligible,
    });
    await rig.sim.agent('Ivan Tran').accept('it-1');
    await assert.rejects(rig.sim.agent('Ivan Tran').accept('it-2'), {
      code: SimulatorErrorCode.NotEligible,
      message: /at capacity/,
    });
    await rig.sim.agent('Ivan Tran').end('it-1');
    rig.sim.setAgentAvailable('Ivan Tran', false);
    await assert.rejects(rig.sim.agent('Ivan Tran').accept('it-2'), { message: /not available/ });
    rig.sim.setAgentAvailable('Ivan Tran', true);
    await rig.sim.agent('Ivan Tran').accept('it-2');
  });

  it('reports workload and capacity in awa_agent_presence_capacity', async () => {
    rig = await startRig({ queues, agents });
    await ask(rig, 'it-1', 'it');
    await rig.sim.waitFor(() => rig!.sim.conversation('it-1')?.state === 'queued', {
      what: 'queued',
    });
    await rig.sim.agent('Ivan Tran').accept('it-1');
    const rows = rowsOf(
      await getTable(
        rig.sim,
        '/api/now/table/awa_agent_presence_capacity?sysparm_fields=ap_agent.name,ac_workload,ac_applied_max_capacity&sysparm_query=ORDERBYap_agent.name',
      ),
    );
    assert.deepEqual(rows, [
      { 'ap_agent.name': 'Hana Reed', ac_workload: '0', ac_applied_max_capacity: '3' },
      { 'ap_agent.name': 'Ivan Tran', ac_workload: '1', ac_applied_max_capacity: '1' },
    ]);
  });

  it('routes every chat to the default queue when none are configured', async () => {
    rig = await startRig();
    await ask(rig, 'any-1');
    await rig.sim.waitFor(() => rig!.sim.conversation('any-1')?.queue === 'IT Support', {
      what: 'the default queue',
    });
  });
});

describe('simulator idle timeout', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('closes a live chat without activity: System notice, back to the virtual agent, completed', async () => {
    rig = await startRig({ idleTimeoutMs: 150 });
    await ask(rig, 'idle-1');
    await rig.sim.waitFor(() => rig!.sim.conversation('idle-1')?.state === 'queued', {
      what: 'queued',
    });
    await rig.sim.agent('Jordan Taylor').accept('idle-1');
    const snapshot = await closed(rig, 'idle-1');
    assert.deepEqual(
      [snapshot.interactionState, snapshot.stateReason],
      ['closed_abandoned', 'No Activity'],
    );
    const last = rig.receiver.envelopes('idle-1').slice(-2);
    assert.deepEqual(
      last.map((e) => e.body.map((i) => i.actionType ?? i.uiType)),
      [['System', 'SwitchToVirtualAgent'], ['OutputText']],
    );
    assert.equal(last[1]?.completed, true);
  });

  it('gives a virtual-agent conversation without activity back with takeControl', async () => {
    rig = await startRig({ idleTimeoutMs: 100 });
    await postVa(
      rig.sim,
      agentRequest({ clientSessionId: 'va-1', action: 'START_CONVERSATION', contextVariables: {} }),
    );
    const envelope = await rig.sim.waitFor(
      () => rig!.receiver.envelopes('va-1').find((e) => e.takeControl === true),
      { what: 'take control' },
    );
    assert.deepEqual(envelope.body, []);
    assert.equal(rig.sim.conversation('va-1')?.state, 'closed');
  });

  it('keeps a conversation open while there is activity', async () => {
    rig = await startRig({ idleTimeoutMs: 400 });
    await ask(rig, 'busy-1');
    await rig.sim.waitFor(() => rig!.sim.conversation('busy-1')?.state === 'queued', {
      what: 'queued',
    });
    await rig.sim.agent('Jordan Taylor').accept('busy-1');
    const started = Date.now();
    while (Date.now() - started < 700) {
      const before: number = rig.receiver.envelopes('busy-1').length;
      await rig.sim.agent('Jordan Taylor').say('busy-1', 'still here');
      assert.equal(rig.receiver.envelopes('busy-1').length, before + 1, 'delivered');
    }
    assert.equal(rig.sim.conversation('busy-1')?.state, 'connected');
  });
});
