import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { SnowQueryValueError } from '../../snow/src/errors.js';
import { rows, v1NoRows, type RecordingServer } from './support/recording-server.js';
import { startInstance } from './support/instance.js';

const chat = '27f675e3739713004a905ee515f6a7c3';
const agentA = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const agentB = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const servers: RecordingServer[] = [];

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('AgentPresence.availableAgents', () => {
  it('counts distinct available agents, whatever form the reference takes', async () => {
    const { server, client } = await startInstance(
      rows({ ap_agent: { link: 'x', value: agentA } }, { ap_agent: agentA }, { ap_agent: agentB }),
    );
    servers.push(server);
    assert.equal(await client.presence.availableAgents(), 2);
    const [request] = server.requests;
    assert.equal(request?.path, '/api/now/table/awa_agent_presence_capacity');
    assert.equal(request.query.get('sysparm_query'), 'aca_available=true^ORDERBYap_agent');
    assert.equal(
      request.query.get('sysparm_fields'),
      'ap_agent,ac_workload,ac_applied_max_capacity',
    );
  });

  it('counts a row whose agent the account may not read as one available agent', async () => {
    const { server, client } = await startInstance(
      rows(
        { ap_agent: agentA },
        { ap_agent: agentA },
        { ap_agent: '' },
        { ap_agent: { link: 'x', value: '' } },
        { ac_workload: '0' },
      ),
    );
    servers.push(server);
    assert.deepEqual(await client.presence.count(), {
      available: 4,
      unreadableAgentRows: 3,
      unreadableCapacityRows: 5,
    });
  });

  it('leaves out agents at capacity only where the capacity is readable', async () => {
    const { server, client } = await startInstance(
      rows(
        { ap_agent: agentA, ac_workload: '2', ac_applied_max_capacity: '2' },
        { ap_agent: agentB, ac_workload: '1', ac_applied_max_capacity: '2' },
        { ap_agent: '', ac_workload: '3', ac_applied_max_capacity: '3' },
        { ap_agent: '', ac_workload: '', ac_applied_max_capacity: '' },
      ),
    );
    servers.push(server);
    assert.deepEqual(await client.presence.count({ withFreeCapacity: true }), {
      available: 2,
      unreadableAgentRows: 2,
      unreadableCapacityRows: 1,
    });
  });

  it('restricts the count to one service channel', async () => {
    const { server, client } = await startInstance(rows({ ap_agent: agentA }));
    servers.push(server);
    assert.equal(await client.presence.availableAgents({ serviceChannel: chat }), 1);
    assert.equal(
      server.requests[0]?.query.get('sysparm_query'),
      `aca_available=true^ac_channel=${chat}^ORDERBYap_agent`,
    );
  });

  it('answers 0 when no agent is available (v1 404)', async () => {
    const { server, client } = await startInstance(v1NoRows);
    servers.push(server);
    assert.equal(await client.presence.availableAgents(), 0);
  });

  it('reads every page when there are many rows', async () => {
    const fullPage = Array.from({ length: 500 }, (_, i) => ({
      ap_agent: i.toString(16).padStart(32, '0'),
    }));
    const { server, client } = await startInstance([rows(...fullPage), rows({ ap_agent: agentA })]);
    servers.push(server);
    assert.equal(await client.presence.availableAgents(), 501);
    assert.deepEqual(
      server.requests.map((r) => r.query.get('sysparm_offset')),
      ['0', '500'],
    );
  });

  it('refuses a service channel that is not a sys_id, without a request', async () => {
    const { server, client } = await startInstance(rows());
    servers.push(server);
    await assert.rejects(
      client.presence.availableAgents({ serviceChannel: `${chat}^NQactive=true` }),
      SnowQueryValueError,
    );
    assert.equal(server.requests.length, 0);
  });
});
