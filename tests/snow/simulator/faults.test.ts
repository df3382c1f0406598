// Fault injection in the simulator: latency, 429 with and without Retry-After, connections closed
// without an answer, and callbacks dropped, duplicated, delayed, reordered or sent to a receiver
// too slow to answer in time.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { agentRequest, getTable, postVa, startRig, type Rig } from './helpers.js';

async function connected(rig: Rig, id = 'session-1'): Promise<void> {
  await postVa(rig.sim, agentRequest({ clientSessionId: id }));
  await rig.sim.waitFor(() => rig.sim.conversation(id)?.state === 'queued', { what: 'queued' });
  await rig.sim.agent('Jordan Taylor').accept(id);
}

const texts = (rig: Rig, id = 'session-1') =>
  rig.receiver
    .items(id)
    .flatMap((i) => (i.uiType === 'OutputText' && i.agentInfo ? [i.value] : []));

describe('simulator request faults', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('adds latency before a normal answer', async () => {
    rig = await startRig();
    rig.sim.injectFault('table', { delayMs: 150 });
    const started = Date.now();
    const res = await getTable(rig.sim, '/api/now/table/sys_user?sysparm_limit=1');
    assert.equal(res.status, 200);
    assert.ok(Date.now() - started >= 140);
  });

  it('answers 429 with or without Retry-After', async () => {
    rig = await startRig();
    rig.sim.injectFault('va', { status: 429, retryAfterSeconds: 3 });
    rig.sim.injectFault('va', { status: 429, retryAfterSeconds: null });
    const withHeader = await postVa(rig.sim, agentRequest());
    const without = await postVa(rig.sim, agentRequest());
    assert.deepEqual([withHeader.status, without.status], [429, 429]);
    assert.equal(withHeader.headers.get('retry-after'), '3');
    assert.equal(without.headers.get('retry-after'), null);
    assert.ok(without.headers.get('x-ratelimit-limit'));
  });

  it('processes a request whose answer is lost to a closed connection', async () => {
    rig = await startRig();
    rig.sim.injectFault('va', { reset: true });
    await assert.rejects(postVa(rig.sim, agentRequest()));
    await rig.sim.waitFor(() => rig!.sim.conversation('session-1')?.state === 'queued', {
      what: 'the request processed anyway',
    });
    assert.deepEqual(
      [rig.sim.requests[0]?.status, rig.sim.requests[0]?.outcome],
      ['reset', 'accepted'],
    );
  });

  it('fails the token endpoint and the Table API on demand', async () => {
    rig = await startRig();
    rig.sim.injectFault('table', { status: 503, times: 2 });
    rig.sim.injectFault('table', { reset: true });
    assert.equal((await getTable(rig.sim, '/api/now/table/sys_user')).status, 503);
    assert.equal((await getTable(rig.sim, '/api/now/table/sys_user')).status, 503);
    await assert.rejects(getTable(rig.sim, '/api/now/table/sys_user'));
    assert.deepEqual(
      rig.sim.tableRequests.map((r) => r.status),
      [503, 503, 'reset'],
    );
  });
});

describe('simulator callback faults', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('drops a callback: recorded, never sent', async () => {
    rig = await startRig();
    await connected(rig);
    rig.sim.injectCallbackFault({ kind: 'drop' });
    await rig.sim.agent('Jordan Taylor').say('session-1', 'lost');
    await rig.sim.agent('Jordan Taylor').say('session-1', 'kept');
    assert.deepEqual(texts(rig), ['kept']);
    const dropped = rig.sim.callbacks.filter((c) => c.fault === 'drop');
    assert.equal(dropped.length, 1);
    assert.equal(dropped[0]?.status, undefined);
  });

  it('duplicates a callback: the same envelope twice', async () => {
    rig = await startRig();
    await connected(rig);
    rig.sim.injectCallbackFault({ kind: 'duplicate' });
    await rig.sim.agent('Jordan Taylor').say('session-1', 'twice');
    assert.deepEqual(texts(rig), ['twice', 'twice']);
    const [a, b] = rig.receiver.envelopes('session-1').slice(-2);
    assert.deepEqual(a, b);
  });

  it('reorders a callback: it arrives after the next one', async () => {
    rig = await startRig();
    await connected(rig);
    rig.sim.injectCallbackFault({ kind: 'reorder' });
    await rig.sim.agent('Jordan Taylor').say('session-1', 'first');
    await rig.sim.agent('Jordan Taylor').say('session-1', 'second');
    assert.deepEqual(texts(rig), ['second', 'first']);
  });

  it('delays a callback, and the conversation waits for it', async () => {
    rig = await startRig();
    await connected(rig);
    rig.sim.injectCallbackFault({ kind: 'delay', delayMs: 120 });
    const started = Date.now();
    await rig.sim.agent('Jordan Taylor').say('session-1', 'late');
    await rig.sim.agent('Jordan Taylor').say('session-1', 'after');
    assert.ok(Date.now() - started >= 110);
    assert.deepEqual(texts(rig), ['late', 'after']);
  });

  it('gives up on a receiver slower than the callback timeout and abandons the chat', async () => {
    rig = await startRig({ callbackTimeoutMs: 100 });
    await connected(rig);
    rig.receiver.answerDelayMs = 400;
    await rig.sim.agent('Jordan Taylor').say('session-1', 'too slow');
    const last = rig.sim.callbacks.at(-1);
    assert.match(last?.error ?? '', /no answer within 100 ms/);
    const snapshot = rig.sim.conversation('session-1');
    assert.deepEqual([snapshot?.state, snapshot?.interactionState], ['closed', 'closed_abandoned']);
    await assert.rejects(rig.sim.agent('Jordan Taylor').say('session-1', 'more'), {
      message: /is closed/,
    });
  });
});
