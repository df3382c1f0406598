// The availability count against a simulator whose service account may not read some presence
// fields (field-level ACLs): an available agent is still an available agent.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { startPair, type Pair } from './pair.js';

const table = 'awa_agent_presence_capacity';

describe('client and simulator: presence fields the service account may not read', () => {
  let pair: Pair | undefined;
  afterEach(async () => {
    await pair?.close();
    pair = undefined;
  });

  it('counts an available agent whose reference comes back blank', async () => {
    pair = await startPair();
    const readable = await pair.client.presence.count();
    assert.ok(readable.available >= 1);
    assert.equal(readable.unreadableAgentRows, 0);

    pair.sim.restrictFieldReads(table, ['ap_agent']);
    const restricted = await pair.client.presence.count();
    assert.equal(restricted.available, readable.available);
    assert.equal(restricted.unreadableAgentRows, readable.available);
    assert.equal(await pair.client.presence.availableAgents({ withFreeCapacity: true }), 1);
  });

  it('gives agents whose capacity is unreadable the benefit of the doubt', async () => {
    pair = await startPair();
    pair.sim.restrictFieldReads(table, ['ac_workload', 'ac_applied_max_capacity']);
    const count = await pair.client.presence.count({ withFreeCapacity: true });
    assert.ok(count.available >= 1);
    assert.equal(count.unreadableCapacityRows, count.available);
  });
});
