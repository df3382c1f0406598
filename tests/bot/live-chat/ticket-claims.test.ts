// TicketClaims with the Cosmos-compatible store and the ServiceNow simulator: what an instance
// that crashed at each point of filing leaves behind, and that the next click turns it into
// exactly one record.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Writable } from 'node:stream';
import { createSnowClient, type SnowClient } from '@live-agent/snow';
import { startSimulator, type SnowSimulator } from '@live-agent/snow/simulator';
import { TicketClaims } from '../../../bot/live-chat/ticket-claims.js';
import { createLogger } from '../../../bot/logging.js';
import { connectStore, type Store } from '../../../bot/store/index.js';

const credentials = { username: 'svc', password: 'pw-0123456789abcdef' };
const minute = 60_000;

describe('TicketClaims', () => {
  let simulator: SnowSimulator;
  let snow: SnowClient;
  let store: Store;
  const clock = Date.now();
  before(async () => {
    simulator = await startSimulator({ credentials, scriptedAgent: false });
    snow = createSnowClient({ instanceUrl: simulator.url, ...credentials });
    const log = createLogger({
      level: 'silent',
      destination: new Writable({
        write: (_c, _e, done) => {
          done();
        },
      }),
    });
    store = await connectStore({ mode: 'embedded', database: 'claims' }, log);
  });
  after(async () => {
    await store.close();
    await simulator.close();
  });

  const claims = (owner: string, waitMs = 10_000) =>
    new TicketClaims({ store: store.tickets, owner, leaseMs: minute, waitMs, now: () => clock });
  const source = (key: string, description = 'VPN') => ({
    find: () => snow.records.findByCorrelationId('incident', key),
    create: () =>
      snow.records.create('incident', { short_description: description, correlation_id: key }),
  });
  const recordsFor = (key: string) =>
    simulator.records('incident').filter((r) => r.correlation_id === key);
  const staleClaim = (key: string) => ({
    id: key,
    state: 'creating' as const,
    table: 'incident',
    claimedAt: new Date(clock - 2 * minute).toISOString(),
    owner: 'crashed-instance',
  });

  it('files once and answers repeats from the claim, without asking ServiceNow again', async () => {
    const key = randomUUID();
    const first = await claims('a').file(key, 'incident', source(key));
    const reads = simulator.tableRequests.length;
    const again = await claims('b').file(key, 'incident', source(key));
    assert.ok(first.kind === 'record' && again.kind === 'record');
    assert.deepEqual(
      [again.record.sysId, again.record.number, again.repeat],
      [first.record.sysId, first.record.number, true],
    );
    assert.equal(simulator.tableRequests.length, reads);
    assert.equal(recordsFor(key).length, 1);
  });

  it('finds the record an instance inserted before it crashed, instead of inserting again', async () => {
    const key = randomUUID();
    // What the crashed instance left: its claim, and the record ServiceNow took.
    await store.tickets.create(staleClaim(key));
    const inserted = await snow.records.create('incident', {
      short_description: 'x',
      correlation_id: key,
    });
    const outcome = await claims('b').file(key, 'incident', source(key));
    assert.ok(outcome.kind === 'record');
    assert.deepEqual([outcome.record.sysId, outcome.repeat], [inserted.sysId, true]);
    assert.equal(recordsFor(key).length, 1);
    assert.equal((await store.tickets.get(key))?.value.state, 'created');
  });

  it('inserts when an instance crashed after taking the claim but before inserting', async () => {
    const key = randomUUID();
    await store.tickets.create(staleClaim(key));
    const outcome = await claims('b').file(key, 'incident', source(key));
    assert.equal(outcome.kind === 'record' && outcome.repeat, false);
    assert.equal(recordsFor(key).length, 1);
  });

  it('waits for a live holder and then says the ticket is in progress, inserting nothing', async () => {
    const key = randomUUID();
    await store.tickets.create({ ...staleClaim(key), claimedAt: new Date(clock).toISOString() });
    let waited = 0;
    const patient = new TicketClaims({
      store: store.tickets,
      owner: 'b',
      leaseMs: minute,
      waitMs: 1000,
      now: () => clock + waited,
    });
    const probe = setInterval(() => (waited += 250), 50);
    try {
      assert.deepEqual(await patient.file(key, 'incident', source(key)), { kind: 'inProgress' });
    } finally {
      clearInterval(probe);
    }
    assert.equal(recordsFor(key).length, 0);
  });

  it('lets the next click try again at once after ServiceNow refused the insert', async () => {
    const key = randomUUID();
    simulator.refuseInserts('incident', { kind: 'businessRule' });
    await assert.rejects(claims('a').file(key, 'incident', source(key)), {
      code: 'SNOW_RECORD_REFUSED',
    });
    simulator.refuseInserts('incident', undefined);
    assert.equal((await store.tickets.get(key))?.value.state, 'failed');
    const outcome = await claims('a').file(key, 'incident', source(key));
    assert.equal(outcome.kind, 'record');
    assert.equal(recordsFor(key).length, 1);
  });
});
