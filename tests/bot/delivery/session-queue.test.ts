// Session queues inside the session document, over the in-memory store: appends get distinct,
// increasing numbers; items are handled once each, in order, by whichever instance holds the
// lease; repeats, deferrals, takeovers, spills and repeated failures are handled without losing or
// reordering anything; and a message costs one read and two writes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  EntryContext,
  EntryHandler,
  EntryResult,
  QueueEntry,
} from '../../../bot/delivery/entry-handler.js';
import { DeliveryDeferredError } from '../../../bot/delivery/errors.js';
import { ConcurrencyLimit } from '../../../bot/delivery/limiter.js';
import { SessionQueueProcessor } from '../../../bot/delivery/session-queue.js';
import { createLogger } from '../../../bot/logging.js';
import { StoreUnavailableError } from '../../../bot/store/errors.js';
import { InMemorySessionStore } from '../../../bot/store/in-memory.js';
import { InMemorySpillStore } from '../../../bot/store/in-memory-spill-store.js';
import { CachedSessionStore } from '../../../bot/store/session-cache.js';
import type {
  LiveChatSession,
  OutboxPayload,
  SessionStore,
  Versioned,
} from '../../../bot/store/types.js';
import { sampleSession } from '../store/fixtures.js';

const log = createLogger({ level: 'silent' });
const limit = new ConcurrencyLimit(4);
const leaseMs = 10_000;

const message = (text: string): OutboxPayload => ({ kind: 'message', text, clientMessageId: text });
const textOf = (p: OutboxPayload): string => (p.kind === 'message' ? p.text : p.kind);

/** Records what it handled; can be told to defer or fail the next calls. */
class RecordingHandler implements EntryHandler<OutboxPayload> {
  readonly handled: string[] = [];
  readonly contexts: EntryContext[] = [];
  readonly plan: (() => EntryResult | Promise<EntryResult>)[] = [];

  async handle(entry: QueueEntry<OutboxPayload>, context: EntryContext): Promise<EntryResult> {
    this.contexts.push(context);
    const step = this.plan.shift();
    const result = step === undefined ? {} : await step();
    this.handled.push(textOf(entry.payload));
    return result;
  }
}

/** The session store, counting reads and writes. */
class CountingSessionStore extends InMemorySessionStore {
  reads = 0;
  writes = 0;

  override get(id: string): Promise<Versioned<LiveChatSession> | undefined> {
    this.reads += 1;
    return super.get(id);
  }

  override replace(session: LiveChatSession, etag: string): Promise<Versioned<LiveChatSession>> {
    this.writes += 1;
    return super.replace(session, etag);
  }
}

async function setup(now: () => number = Date.now) {
  const sessions = new CountingSessionStore();
  const spill = new InMemorySpillStore<OutboxPayload>();
  const handler = new RecordingHandler();
  const session = await sessions.create(sampleSession({ state: 'connected' }));
  const processor = (
    instanceId = 'a',
    options: { maxInlineItems?: number; sessions?: SessionStore } = {},
  ) =>
    new SessionQueueProcessor({
      direction: 'outbox',
      sessions,
      spill,
      handler,
      instanceId,
      leaseMs,
      limit,
      log,
      now,
      spillAboveChars: 1_000,
      ...options,
    });
  const queue = async () => (await sessions.get(session.value.id))?.value.outbox;
  return { sessions, spill, handler, id: session.value.id, session, processor, queue };
}

describe('session queues', () => {
  it('numbers concurrent appends 1..n and delivers them in that order, once each', async () => {
    const { handler, id, processor, queue } = await setup();
    const a = processor();
    const stored = await Promise.all(
      Array.from({ length: 20 }, (_, i) => a.append(id, message(`m${i}`))),
    );
    assert.ok(stored.every(Boolean));
    await a.idle();
    assert.equal(handler.handled.length, 20);
    assert.deepEqual([...handler.handled].sort(), handler.handled.map((t) => t).sort());
    const q = await queue();
    assert.equal(q?.appended, 20);
    assert.deepEqual(q.items, [], 'delivered items are removed');
    assert.equal(q.lease, undefined, 'the lease is given back once the queue is empty');
    // Order: the handler saw them in the order their numbers were given.
    const order = handler.handled.map((t) => Number(t.slice(1)));
    assert.equal(new Set(order).size, 20);
  });

  it('costs no read (the version kept from the last write) and two writes per message', async () => {
    const { sessions, handler, id, processor } = await setup();
    const kept = new CachedSessionStore(sessions);
    await kept.get(id);
    const a = processor('a', { sessions: kept });
    sessions.reads = 0;
    sessions.writes = 0;
    await a.append(id, message('one'));
    await a.idle();
    assert.deepEqual(handler.handled, ['one']);
    assert.deepEqual({ reads: sessions.reads, writes: sessions.writes }, { reads: 0, writes: 2 });
  });

  it('does not queue a repeat of an item queued or delivered recently', async () => {
    const { handler, id, processor } = await setup();
    const a = processor();
    assert.equal(await a.append(id, message('hello'), 'd:1'), true);
    await a.idle();
    assert.equal(await a.append(id, message('hello again'), 'd:1'), false);
    await a.append(id, message('next'), 'd:2');
    await a.idle();
    assert.deepEqual(handler.handled, ['hello', 'next']);
  });

  it('lets the handler remember keys and change the session in the same write', async () => {
    const { sessions, handler, id, processor } = await setup();
    handler.plan.push(() => ({
      remember: ['m:42'],
      change: (s) => ({ ...s, agentName: 'Jordan' }),
    }));
    const a = processor();
    await a.append(id, message('first'));
    await a.idle();
    await a.append(id, message('second'));
    await a.idle();
    assert.equal(handler.contexts[1]?.seen('m:42'), true);
    assert.equal(handler.contexts[1].seen('m:43'), false);
    assert.equal(handler.contexts[1].session.agentName, 'Jordan');
    assert.equal((await sessions.get(id))?.value.agentName, 'Jordan');
  });

  it('keeps a deferred item, and resumes it where it stopped before anything later', async () => {
    const { handler, id, processor, queue } = await setup();
    // Every append tries the head again: defer each of those tries.
    for (let i = 0; i < 2; i++) {
      handler.plan.push(() => {
        throw new DeliveryDeferredError('later', 2, { told: true });
      });
    }
    const a = processor();
    await a.append(id, message('a'));
    await a.append(id, message('b'));
    await a.idle();
    assert.deepEqual(handler.handled, []);
    const q = await queue();
    assert.ok(q);
    assert.equal(q.lease, undefined, 'lease given back');
    assert.equal(q.items.length, 2);
    const tries = handler.contexts.length;
    await a.drain(id);
    assert.deepEqual(handler.handled, ['a', 'b']);
    assert.equal(handler.contexts[tries]?.done, 2);
    assert.deepEqual(handler.contexts[tries].notes, { told: true });
    assert.equal(handler.contexts[tries + 1]?.done, 0);
  });

  it('marks the session as having pending work until its queues are empty', async () => {
    const { sessions, handler, id, processor } = await setup();
    handler.plan.push(() => {
      throw new DeliveryDeferredError('later');
    });
    const a = processor();
    await a.append(id, message('a'));
    await a.idle();
    assert.deepEqual(await sessions.listPending('9999-12-31', 10), [id]);
    await a.drain(id);
    assert.deepEqual(await sessions.listPending('9999-12-31', 10), []);
    assert.equal((await sessions.get(id))?.value.pendingSince, undefined);
  });

  it('lets only the lease holder deliver, and another instance take over once it expires', async () => {
    let now = 1_000_000;
    const { sessions, handler, id, processor } = await setup(() => now);
    const current = await sessions.get(id);
    assert.ok(current);
    await sessions.replace(
      {
        ...current.value,
        outbox: {
          appended: 1,
          items: [{ seq: 1, appendedAt: '', payload: message('a') }],
          recent: [],
          lease: { owner: 'crashed', until: now + leaseMs },
        },
      },
      current.etag,
    );
    const b = processor('b');
    await b.drain(id);
    assert.deepEqual(handler.handled, [], 'the lease of another instance is respected');
    await b.append(id, message('b'));
    await b.idle();
    assert.deepEqual(handler.handled, [], 'appending behind a held lease does not deliver');
    now += leaseMs + 1;
    await b.drain(id);
    assert.deepEqual(handler.handled, ['a', 'b']);
  });

  it('hands items appended on another instance to the lease holder: no wake-up is lost', async () => {
    const { handler, id, processor, queue } = await setup();
    const a = processor('a');
    const b = processor('b');
    // While instance a delivers, instance b appends; b sees a's lease and leaves it to a.
    let release: () => void = () => undefined;
    handler.plan.push(
      () =>
        new Promise<EntryResult>((resolve) => {
          release = () => {
            resolve({});
          };
        }),
    );
    await a.append(id, message('first'));
    await waitFor(() => handler.contexts.length === 1);
    for (let i = 0; i < 5; i++) await b.append(id, message(`more${i}`));
    release();
    await a.idle();
    await b.idle();
    assert.deepEqual(handler.handled, ['first', 'more0', 'more1', 'more2', 'more3', 'more4']);
    assert.deepEqual((await queue())?.items, []);
  });

  it('never hands an item to two instances draining at the same time', async () => {
    const { handler, id, processor, sessions } = await setup();
    const current = await sessions.get(id);
    assert.ok(current);
    const items = Array.from({ length: 30 }, (_, i) => ({
      seq: i + 1,
      appendedAt: '',
      payload: message(`m${i}`),
    }));
    await sessions.replace(
      { ...current.value, outbox: { appended: 30, items, recent: [] } },
      current.etag,
    );
    const a = processor('a');
    const b = processor('b');
    await Promise.all([a.drain(id), b.drain(id), a.drain(id), b.drain(id)]);
    await a.drain(id);
    assert.deepEqual(
      handler.handled,
      Array.from({ length: 30 }, (_, i) => `m${i}`),
    );
  });

  it('keeps large payloads and long backlogs out of the session document', async () => {
    const { handler, id, processor, spill, sessions } = await setup();
    for (let i = 0; i < 4; i++) {
      handler.plan.push(() => {
        throw new DeliveryDeferredError('later');
      });
    }
    const a = processor('a', { maxInlineItems: 2 });
    const big = 'x'.repeat(5_000);
    await a.append(id, message(big));
    for (let i = 0; i < 3; i++) await a.append(id, message(`m${i}`));
    await a.idle();
    handler.plan.length = 0;
    const stored = (await sessions.get(id))?.value.outbox;
    assert.ok(stored);
    assert.equal(stored.items[0]?.payload, undefined, 'the large one is spilled');
    assert.equal(stored.items[1]?.payload !== undefined, true);
    assert.equal(stored.items[3]?.payload, undefined, 'beyond the inline limit: spilled');
    assert.equal(stored.items[2]?.payload, undefined);
    assert.equal(spill.size, 3);
    await a.drain(id);
    assert.deepEqual(handler.handled, [big, 'm0', 'm1', 'm2']);
    assert.equal(spill.size, 0, 'delivered spills are removed');
  });

  it('never gives an item up while the store or a destination is down, however long', async () => {
    const { handler, id, processor } = await setup();
    for (let i = 0; i < 8; i++) {
      handler.plan.push(() => {
        throw i % 2 === 0
          ? new StoreUnavailableError('Reading a session failed (no response)')
          : new DeliveryDeferredError('Teams did not take the message in time');
      });
    }
    const a = processor();
    await a.append(id, message('patient'));
    await a.idle();
    for (let i = 0; i < 7; i++) await a.drain(id);
    assert.deepEqual(handler.handled, []);
    await a.drain(id);
    assert.deepEqual(handler.handled, ['patient']);
  });

  it('tries a failing item again, and gives it up after repeated failures', async () => {
    const { handler, id, processor } = await setup();
    for (let i = 0; i < 5; i++) {
      handler.plan.push(() => {
        throw new Error('bug');
      });
    }
    const a = processor();
    await a.append(id, message('poison'));
    await a.append(id, message('next'));
    await a.idle();
    while (handler.contexts.length < 5) {
      assert.deepEqual(handler.handled, [], 'nothing passes the failing item');
      await a.drain(id);
    }
    assert.deepEqual(handler.handled, ['next'], 'given up after the fifth failure');
    assert.equal(handler.contexts.length, 6);
  });

  it('stores nothing for a session that does not exist', async () => {
    const { handler, processor } = await setup();
    const a = processor();
    assert.equal(await a.append('no-such-session', message('lost?')), false);
    await a.idle();
    assert.deepEqual(handler.handled, []);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setImmediate(r));
  }
}
