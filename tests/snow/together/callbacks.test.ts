// The client's callback parsing against the simulator's callback faults: dropped, duplicated,
// reordered and delayed callbacks, and a webhook too slow to answer.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, describe, it } from 'node:test';
import type { SnowEvent } from '../../../snow/src/events.js';
import { queued, startPair, type Pair } from './pair.js';

const agentTexts = (events: readonly SnowEvent[]) =>
  events.flatMap((e) => (e.type === 'message' && e.fromAgent ? [e.text] : []));

async function connected(): Promise<Pair> {
  const pair = await startPair();
  await queued(pair);
  await pair.sim.agent('Jordan Taylor').accept('chat-1');
  return pair;
}

describe('client and simulator: callback faults', () => {
  let pair: Pair | undefined;
  afterEach(async () => {
    await pair?.close();
    pair = undefined;
  });

  it('never sees a dropped callback, and the chat carries on', async () => {
    pair = await connected();
    pair.sim.injectCallbackFault({ kind: 'drop' });
    await pair.sim.agent('Jordan Taylor').say('chat-1', 'lost');
    await pair.sim.agent('Jordan Taylor').say('chat-1', 'kept');
    assert.deepEqual(agentTexts(pair.hook.events()), ['kept']);
  });

  it('receives a duplicated callback byte for byte, so a digest recognises it', async () => {
    pair = await connected();
    pair.sim.injectCallbackFault({ kind: 'duplicate' });
    await pair.sim.agent('Jordan Taylor').say('chat-1', 'twice');
    const [a, b] = pair.hook.raw
      .slice(-2)
      .map((raw) => createHash('sha256').update(raw).digest('hex'));
    assert.equal(a, b);
    assert.deepEqual(agentTexts(pair.hook.events()), ['twice', 'twice']);
    const ids = pair.hook
      .events()
      .flatMap((e) => (e.type === 'message' && e.messageId ? [e.messageId] : []));
    assert.equal(new Set(ids).size, 1, 'the same messageId: a second way to recognise it');
  });

  it('receives reordered callbacks out of order, each intact', async () => {
    pair = await connected();
    pair.sim.injectCallbackFault({ kind: 'reorder' });
    await pair.sim.agent('Jordan Taylor').say('chat-1', 'first');
    await pair.sim.agent('Jordan Taylor').say('chat-1', 'second');
    assert.deepEqual(agentTexts(pair.hook.events()), ['second', 'first']);
    assert.deepEqual(pair.hook.rejected, []);
  });

  it('receives a delayed callback before the ones after it', async () => {
    pair = await connected();
    pair.sim.injectCallbackFault({ kind: 'delay', delayMs: 100 });
    await pair.sim.agent('Jordan Taylor').say('chat-1', 'late');
    await pair.sim.agent('Jordan Taylor').say('chat-1', 'after');
    assert.deepEqual(agentTexts(pair.hook.events()), ['late', 'after']);
  });

  it('loses the chat when the webhook answers slower than ServiceNow waits', async () => {
    pair = await startPair({ callbackTimeoutMs: 100 });
    await queued(pair);
    await pair.sim.agent('Jordan Taylor').accept('chat-1');
    pair.hook.answerDelayMs = 300;
    await pair.sim.agent('Jordan Taylor').say('chat-1', 'anyone?');
    const interactionId = pair.sim.conversation('chat-1')?.interactionId ?? '';
    const interaction = await pair.client.interactions.get(interactionId);
    assert.equal(interaction?.state, 'closed_abandoned');
  });
});
