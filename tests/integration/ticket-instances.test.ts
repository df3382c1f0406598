// Exactly one ticket when two bot instances, sharing one Cosmos-compatible store, each handle one
// of two clicks of the same ticket card at the same moment (a double click behind a balancer).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { TeamsUser } from '../support/harness.js';
import { startCluster, type Cluster } from '../support/instances.js';
import { reachTicketCard, ticketData } from '../support/tickets.js';

describe('tickets with two instances', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster(2, {}, { agents: [{ name: 'Jordan Taylor', available: false }] });
  });
  after(() => cluster.close());

  it('creates one record when the two clicks of a card reach different instances', async () => {
    const { harness, simulator } = cluster;
    const people = [
      ['Alex Wilber', 'alexw@example.com'],
      ['Megan Bowen', 'meganb@example.com'],
      ['Adele Vance', 'adelev@example.com'],
    ] as const;
    for (const [name, email] of people) {
      const user = new TeamsUser(harness, { name, aadObjectId: randomUUID(), email });
      const card = await reachTicketCard(user, `${name} cannot print`);
      const data = ticketData(card);
      const value = { ...data, description: `${name} cannot print` };
      const mark = user.received.length;
      // Consecutive posts go to alternate instances: these two run at once, one on each.
      const answers = await Promise.all([
        user.post({ type: 'message', value }),
        user.post({ type: 'message', value }),
      ]);
      assert.deepEqual(
        answers.map((a) => a.status),
        [200, 200],
      );
      await user.waitFor('the number', (t) => /has been created/.test(t), mark);
      await user.waitFor('the other answer', (t) => /had already been created/.test(t), mark);
      const records = simulator
        .records('incident')
        .filter((r) => r.correlation_id === data.ticketKey);
      assert.equal(records.length, 1, `${name}: one record`);
    }
    const inserts = simulator.tableRequests.filter((r) => r.method === 'POST');
    assert.equal(inserts.length, 3);
    assert.ok(
      cluster.instances.every((i) => i.logs.some((l) => l.includes('"component":"tickets"'))),
    );
  });
});
