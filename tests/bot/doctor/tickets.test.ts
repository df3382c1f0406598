// The doctor's ticket check against the simulator: read only by default, and with --ticket-test
// one marked record inserted and read back; a refused insert is reported with ServiceNow's reason.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type SnowSimulator } from '@live-agent/snow/simulator';
import { snowCredentials } from '../../support/harness.js';
import { diagnose, doctorEnv } from './support.js';

describe('doctor: the ticket table', () => {
  let simulator: SnowSimulator;
  before(async () => {
    simulator = await startSimulator({
      credentials: snowCredentials,
      scriptedAgent: false,
      recordTables: [{ name: 'incident', prefix: 'INC', mandatory: ['short_description'] }],
    });
  });
  after(() => simulator.close());

  it('only reads the table unless asked to test, and says how to test creating', async () => {
    const d = await diagnose({ env: doctorEnv(simulator.url), botUrl: false });
    const tickets = d.get('tickets');
    assert.equal(tickets.status, 'warn');
    assert.match(tickets.detail, /incident: can read \(create not tested\)/);
    assert.match(tickets.fix ?? '', /--ticket-test/);
    assert.equal(simulator.records('incident').length, 0);
  });

  it('inserts one marked test record and reads it back with --ticket-test', async () => {
    const d = await diagnose({ env: doctorEnv(simulator.url), botUrl: false, ticketTest: true });
    const tickets = d.get('tickets');
    assert.equal(tickets.status, 'pass');
    assert.match(tickets.detail, /created and read back test record INC0010001/);
    const [record] = simulator.records('incident');
    assert.match(record?.short_description ?? '', /doctor: test record/);
    assert.match(record?.correlation_id ?? '', /^doctor-/);
  });

  it("fails with ServiceNow's reason when the insert is refused", async () => {
    simulator.refuseInserts('incident', { kind: 'acl' });
    try {
      const d = await diagnose({ env: doctorEnv(simulator.url), botUrl: false, ticketTest: true });
      const tickets = d.get('tickets');
      assert.equal(tickets.status, 'fail');
      assert.match(tickets.detail, /refused a test record in incident \(HTTP 403\): .*ACL/);
      assert.match(tickets.fix ?? '', /create on incident/);
    } finally {
      simulator.refuseInserts('incident', undefined);
    }
  });
});
