// The behaviour every SessionStore must have; registered once per implementation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StoreConflictError, StoreErrorCodes } from '../../../bot/store/errors.js';
import type { SessionStore } from '../../../bot/store/types.js';
import { assertNoSystemFields, sampleQueues, sampleSession } from './fixtures.js';

export function sessionStoreContract(name: string, open: () => SessionStore): void {
  describe(`${name} (SessionStore contract)`, () => {
    it('returns a created session exactly as written, with its etag', async () => {
      const store = open();
      const session = sampleSession();
      const created = await store.create(session);
      assert.deepEqual(created.value, session);
      assertNoSystemFields(created.value);
      const read = await store.get(session.id);
      assert.deepEqual(read, created);
    });

    it('returns undefined for a session that does not exist', async () => {
      assert.equal(await open().get('no-such-session'), undefined);
    });

    it('rejects a second create with the same id as a conflict', async () => {
      const store = open();
      const session = sampleSession();
      await store.create(session);
      await assert.rejects(store.create({ ...session, state: 'queued' }), StoreConflictError);
      assert.equal((await store.get(session.id))?.value.state, 'requested');
    });

    it('replaces a session when the etag is current and issues a new etag', async () => {
      const store = open();
      const created = await store.create(sampleSession());
      const next = { ...created.value, state: 'connected' as const, agentName: 'Jordan' };
      const replaced = await store.replace(next, created.etag);
      assert.notEqual(replaced.etag, created.etag);
      assert.deepEqual(replaced.value, next);
      assert.deepEqual(await store.get(next.id), replaced);
    });

    it('rejects a replace with a stale etag and keeps the newer version', async () => {
      const store = open();
      const created = await store.create(sampleSession());
      await store.replace({ ...created.value, state: 'queued' }, created.etag);
      const stale = store.replace({ ...created.value, state: 'ended' }, created.etag);
      await assert.rejects(stale, (error: unknown) => {
        assert.ok(error instanceof StoreConflictError);
        assert.equal(error.code, StoreErrorCodes.STORE_CONFLICT);
        return true;
      });
      assert.equal((await store.get(created.value.id))?.value.state, 'queued');
    });

    it('treats a replace of a session that does not exist as a conflict', async () => {
      await assert.rejects(open().replace(sampleSession(), 'some-etag'), StoreConflictError);
    });

    it('counts the sessions in each state', async () => {
      const store = open();
      const before = {
        queued: await store.count('queued'),
        connected: await store.count('connected'),
      };
      for (const state of ['queued', 'connected', 'connected', 'ended'] as const) {
        await store.create({ ...sampleSession(), state });
      }
      assert.equal(await store.count('queued'), before.queued + 1);
      assert.equal(await store.count('connected'), before.connected + 2);
    });

    it('lists sessions in a state whose timestamp is before a time', async () => {
      const store = open();
      const early = sampleSession({ createdAt: '2024-06-01T08:00:00.000Z' });
      const late = sampleSession({ createdAt: '2024-06-01T12:00:00.000Z' });
      const queued = sampleSession({ state: 'queued', createdAt: '2024-06-01T08:00:00.000Z' });
      const idle = sampleSession({
        state: 'connected',
        lastActivityAt: '2024-06-01T08:00:00.000Z',
      });
      for (const s of [early, late, queued, idle]) await store.create(s);
      const ids = (sessions: { id: string }[]) => sessions.map((s) => s.id);
      const requested = ids(
        await store.listStale('requested', 'createdAt', '2024-06-01T10:00:00.000Z', 100),
      );
      assert.ok(requested.includes(early.id));
      assert.ok(!requested.includes(late.id) && !requested.includes(queued.id));
      const connected = await store.listStale(
        'connected',
        'lastActivityAt',
        '2024-06-01T10:00:00.000Z',
        100,
      );
      const found = connected.find((s) => s.id === idle.id);
      assert.deepEqual(found, idle);
      assertNoSystemFields(found);
    });

    it('lists ended sessions whose wait for ServiceNow’s survey is over', async () => {
      const store = open();
      const due = sampleSession({ state: 'ended', surveyHeldUntil: '2024-06-01T08:00:00.000Z' });
      const later = sampleSession({ state: 'ended', surveyHeldUntil: '2024-06-01T12:00:00.000Z' });
      const plain = sampleSession({ state: 'ended', endedAt: '2024-06-01T08:00:00.000Z' });
      for (const s of [due, later, plain]) await store.create(s);
      const listed = await store.listStale(
        'ended',
        'surveyHeldUntil',
        '2024-06-01T10:00:00.000Z',
        100,
      );
      const ids = listed.map((s) => s.id);
      assert.ok(ids.includes(due.id));
      assert.ok(!ids.includes(later.id) && !ids.includes(plain.id));
    });

    it('lists stale sessions without their queues, and with every other field', async () => {
      const store = open();
      const plain = sampleSession({
        state: 'connected',
        lastActivityAt: '2024-06-01T08:00:00.000Z',
        agentName: 'Beth Anglin',
        interactionId: 'a1b2c3',
        waitNotices: { count: 1, lastAt: '2024-06-01T07:59:00.000Z' },
        pendingSince: '2024-06-01T07:58:00.000Z',
      });
      await store.create({ ...plain, ...sampleQueues(plain.id) });
      const listed = await store.listStale(
        'connected',
        'lastActivityAt',
        '2024-06-01T10:00:00.000Z',
        100,
      );
      assert.deepEqual(
        listed.find((s) => s.id === plain.id),
        plain,
      );
    });

    it('returns an ended session without storage fields such as ttl', async () => {
      const store = open();
      const created = await store.create(sampleSession());
      const ended = {
        ...created.value,
        state: 'ended' as const,
        endedAt: '2025-01-01T10:30:00.000Z',
        endReason: 'agent',
      };
      const replaced = await store.replace(ended, created.etag);
      assert.deepEqual(replaced.value, ended);
      const read = await store.get(ended.id);
      assert.ok(read);
      assert.deepEqual(read.value, ended);
      assertNoSystemFields(read.value);
    });

    it('keeps the inbox and outbox queues intact through create, replace and get', async () => {
      const store = open();
      const session = sampleSession({ state: 'connected' });
      const queued = {
        ...session,
        ...sampleQueues(session.id),
        pendingSince: '2025-01-01T10:00:05.000Z',
      };
      const created = await store.create(queued);
      assert.deepEqual(created.value, queued);
      assert.deepEqual((await store.get(session.id))?.value, queued);
      // Delivering the last items leaves empty queues and nothing pending.
      const drained = {
        ...session,
        inbox: { appended: 3, items: [], recent: ['d:1', 'd:2', 'd:3'] },
        outbox: { appended: 1, items: [], recent: [] },
      };
      const replaced = await store.replace(drained, created.etag);
      assert.deepEqual(replaced.value, drained);
      const read = await store.get(session.id);
      assert.deepEqual(read?.value, drained);
      assertNoSystemFields(read.value);
    });

    it('lists the sessions with something pending since before a time', async () => {
      const store = open();
      const waiting = sampleSession({ pendingSince: '2024-03-01T08:00:00.000Z' });
      const recent = sampleSession({ pendingSince: '2024-03-01T12:00:00.000Z' });
      const idle = sampleSession();
      for (const s of [waiting, recent, idle]) await store.create(s);
      const ids = await store.listPending('2024-03-01T10:00:00.000Z', 100);
      assert.ok(ids.includes(waiting.id));
      assert.ok(!ids.includes(recent.id) && !ids.includes(idle.id));
      assert.equal(new Set(ids).size, ids.length);
    });

    it('stops listing a session as pending once its queues are drained', async () => {
      const store = open();
      const session = sampleSession();
      const created = await store.create({ ...session, pendingSince: '2024-04-01T08:00:00.000Z' });
      const cutoff = '2024-04-01T10:00:00.000Z';
      assert.ok((await store.listPending(cutoff, 100)).includes(session.id));
      await store.replace(session, created.etag);
      assert.ok(!(await store.listPending(cutoff, 100)).includes(session.id));
    });

    it('lists no more pending sessions than the limit', async () => {
      const store = open();
      for (let i = 0; i < 3; i++) {
        await store.create(sampleSession({ pendingSince: `2024-05-01T08:00:0${i}.000Z` }));
      }
      const ids = await store.listPending('2024-05-01T10:00:00.000Z', 2);
      assert.equal(ids.length, 2);
    });
  });
}
