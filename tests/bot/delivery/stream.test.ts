// Session streams over the in-memory store: appends get distinct, increasing numbers; entries are
// handled once each, in order, by whichever drainer holds the lease; repeats, deferrals, lost
// writers and repeated failures are handled without losing or reordering anything.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeliveryDeferredError } from '../../../bot/delivery/errors.js';
import { ConcurrencyLimit } from '../../../bot/delivery/limiter.js';
import {
  StreamDrainer,
  type DeliverableEntry,
  type EntryContext,
  type EntryHandler,
  type EntryResult,
} from '../../../bot/delivery/stream-drainer.js';
import { StreamWriter } from '../../../bot/delivery/stream-writer.js';
import { createLogger } from '../../../bot/logging.js';
import { StoreUnavailableError } from '../../../bot/store/errors.js';
import { InMemoryStreamStore } from '../../../bot/store/in-memory-stream-store.js';

const log = createLogger({ level: 'silent' });
const timing = { leaseMs: 10_000, gapTimeoutMs: 5_000 };
const limit = new ConcurrencyLimit(4);
type Msg = { text: string };

/** Records what it handled; can be told to defer or fail the next calls. */
class RecordingHandler implements EntryHandler<Msg> {
  readonly handled: string[] = [];
  readonly contexts: EntryContext[] = [];
  readonly plan: (() => EntryResult | Promise<EntryResult>)[] = [];

  async handle(entry: DeliverableEntry<Msg>, context: EntryContext): Promise<EntryResult> {
    this.contexts.push(context);
    const step = this.plan.shift();
    const result = step === undefined ? {} : await step();
    this.handled.push(entry.payload.text);
    return result;
  }
}

function setup(now: () => number = Date.now) {
  const store = new InMemoryStreamStore<Msg>();
  const writer = new StreamWriter(store, log, now);
  const handler = new RecordingHandler();
  const drainer = (instanceId = 'a') =>
    new StreamDrainer({ name: 'test', store, handler, instanceId, timing, limit, log, now });
  return { store, writer, handler, drainer };
}

describe('session streams', () => {
  it('numbers concurrent appends 1..n without gaps and delivers them in that order', async () => {
    const { store, writer, handler, drainer } = setup();
    const seqs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => writer.append('s1', { text: `m${i}` })),
    );
    assert.deepEqual(
      [...seqs].sort((a, b) => a - b),
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    await drainer().drain('s1');
    const bySeq = seqs.map((seq, i) => ({ seq, text: `m${i}` }));
    bySeq.sort((a, b) => a.seq - b.seq);
    assert.deepEqual(
      handler.handled,
      bySeq.map((e) => e.text),
    );
    assert.equal((await store.getCursor('s1'))?.value.delivered, 20);
    assert.equal(await store.getEntry('s1', 1), undefined, 'delivered entries are removed');
  });

  it('skips an entry whose dedup key was delivered before', async () => {
    const { writer, handler, drainer } = setup();
    await writer.append('s1', { text: 'hello' }, 'd:1');
    await drainer().drain('s1');
    await writer.append('s1', { text: 'hello again' }, 'd:1');
    await writer.append('s1', { text: 'next' }, 'd:2');
    await drainer().drain('s1');
    assert.deepEqual(handler.handled, ['hello', 'next']);
  });

  it('lets the handler drop parts it has seen before through the remembered keys', async () => {
    const { writer, handler, drainer } = setup();
    handler.plan.push(() => ({ remember: ['m:42'] }));
    await writer.append('s1', { text: 'first' });
    await writer.append('s1', { text: 'second' });
    await drainer().drain('s1');
    assert.equal(handler.contexts[1]?.seen('m:42'), true);
    assert.equal(handler.contexts[1].seen('m:43'), false);
  });

  it('keeps a deferred entry, and resumes it where it stopped before anything later', async () => {
    const { store, writer, handler, drainer } = setup();
    handler.plan.push(() => {
      throw new DeliveryDeferredError('later', 2, { told: true });
    });
    await writer.append('s1', { text: 'a' });
    await writer.append('s1', { text: 'b' });
    const one = drainer();
    await one.drain('s1');
    assert.deepEqual(handler.handled, []);
    assert.equal((await store.getCursor('s1'))?.value.lease, undefined, 'lease given back');
    await one.drain('s1');
    assert.deepEqual(handler.handled, ['a', 'b']);
    assert.equal(handler.contexts[1]?.done, 2);
    assert.deepEqual(handler.contexts[1].notes, { told: true });
    assert.equal(handler.contexts[2]?.done, 0);
  });

  it('lets only the lease holder deliver, and another instance take over once it expires', async () => {
    let now = 1_000_000;
    const { store, writer, handler, drainer } = setup(() => now);
    await writer.append('s1', { text: 'a' });
    const cursor = await store.putCursor(
      {
        sessionId: 's1',
        delivered: 0,
        recent: [],
        lease: { owner: 'crashed', until: now + 10_000 },
        updatedAt: '',
      },
      undefined,
    );
    assert.ok(cursor);
    await drainer('b').drain('s1');
    assert.deepEqual(handler.handled, [], 'the lease of another instance is respected');
    now += 10_001;
    await drainer('b').drain('s1');
    assert.deepEqual(handler.handled, ['a']);
  });

  it('never hands an entry to two instances draining at the same time', async () => {
    const { writer, handler, drainer } = setup();
    for (let i = 0; i < 30; i++) await writer.append('s1', { text: `m${i}` });
    const a = drainer('a');
    const b = drainer('b');
    await Promise.all([a.drain('s1'), b.drain('s1'), a.drain('s1'), b.drain('s1')]);
    await a.drain('s1');
    assert.deepEqual(
      handler.handled,
      Array.from({ length: 30 }, (_, i) => `m${i}`),
    );
  });

  it('waits for an allocated entry, then skips it once its writer is given up for lost', async () => {
    let now = 1_000_000;
    const { store, writer, handler, drainer } = setup(() => now);
    await writer.append('s1', { text: 'a' });
    // A writer that died after allocating number 2.
    await store.putHead(
      { sessionId: 's1', appended: 2, updatedAt: '' },
      (await store.getHead('s1'))?.etag,
    );
    await writer.append('s1', { text: 'c' });
    const one = drainer();
    await one.drain('s1');
    assert.deepEqual(handler.handled, ['a'], 'entry 3 waits behind the missing entry 2');
    now += timing.gapTimeoutMs;
    await one.drain('s1');
    assert.deepEqual(handler.handled, ['a', 'c']);
    assert.equal(await writer.append('s1', { text: 'd' }), 4);
  });

  it('gives the writer of a number that was skipped a new one', async () => {
    const { store, writer } = setup();
    await store.addEntry({ sessionId: 's1', seq: 1, appendedAt: '' });
    assert.equal(await writer.append('s1', { text: 'a' }), 2);
  });

  it('never gives an entry up while the store or a destination is down, however long', async () => {
    const { writer, handler, drainer } = setup();
    for (let i = 0; i < 8; i++) {
      handler.plan.push(() => {
        throw i % 2 === 0
          ? new StoreUnavailableError('Reading a session failed (no response)')
          : new DeliveryDeferredError('Teams did not take the message in time');
      });
    }
    await writer.append('s1', { text: 'patient' });
    const one = drainer();
    for (let i = 0; i < 8; i++) await one.drain('s1');
    assert.deepEqual(handler.handled, []);
    await one.drain('s1');
    assert.deepEqual(handler.handled, ['patient']);
  });

  it('tries a failing entry again, and gives it up after repeated failures', async () => {
    const { writer, handler, drainer } = setup();
    for (let i = 0; i < 5; i++) {
      handler.plan.push(() => {
        throw new Error('bug');
      });
    }
    await writer.append('s1', { text: 'poison' });
    await writer.append('s1', { text: 'next' });
    const one = drainer();
    for (let i = 0; i < 4; i++) await one.drain('s1');
    assert.deepEqual(handler.handled, []);
    await one.drain('s1');
    assert.deepEqual(handler.handled, ['next']);
  });
});
