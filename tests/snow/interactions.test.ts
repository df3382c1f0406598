import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { SnowQueryValueError } from '../../snow/src/errors.js';
import { rows, v1NoRows, type RecordingServer } from './support/recording-server.js';
import { startInstance } from './support/instance.js';

const user = '0123456789abcdef0123456789abcdef';
const agent = 'fedcba9876543210fedcba9876543210';
const interaction = '11112222333344445555666677778888';
const servers: RecordingServer[] = [];

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('Interactions', () => {
  it("finds the user's newest active chat interaction", async () => {
    const { server, client } = await startInstance(
      rows({
        sys_id: interaction,
        number: 'IMS0001001',
        state: 'work_in_progress',
        assigned_to: { link: 'x', value: agent },
        opened_for: user,
      }),
    );
    servers.push(server);
    assert.deepEqual(await client.interactions.findActiveForUser(user), {
      sysId: interaction,
      number: 'IMS0001001',
      state: 'work_in_progress',
      assignedTo: agent,
      openedFor: user,
    });
    const [request] = server.requests;
    assert.equal(request?.path, '/api/now/table/interaction');
    assert.equal(
      request.query.get('sysparm_query'),
      `active=true^opened_for=${user}^type=chat^ORDERBYDESCsys_created_on`,
    );
    assert.equal(request.query.get('sysparm_limit'), '1');
  });

  it('returns undefined when there is none', async () => {
    const { server, client } = await startInstance([v1NoRows, rows()]);
    servers.push(server);
    assert.equal(await client.interactions.findActiveForUser(user), undefined);
    assert.equal(await client.interactions.get(interaction), undefined);
  });

  it('gets one interaction by sys_id, leaving empty fields out', async () => {
    const { server, client } = await startInstance(
      rows({
        sys_id: interaction,
        number: 'IMS0001001',
        state: 'on_hold',
        assigned_to: '',
        opened_for: '',
      }),
    );
    servers.push(server);
    const found = await client.interactions.get(interaction);
    assert.equal(found?.sysId, interaction);
    assert.equal(found.state, 'on_hold');
    assert.equal(found.assignedTo, undefined);
    assert.equal(server.requests[0]?.query.get('sysparm_query'), `sys_id=${interaction}`);
  });

  it('refuses ids that are not sys_ids, without a request', async () => {
    const { server, client } = await startInstance(rows());
    servers.push(server);
    await assert.rejects(
      client.interactions.findActiveForUser(`${user}^NQactive=true`),
      SnowQueryValueError,
    );
    await assert.rejects(client.interactions.get('abc'), SnowQueryValueError);
    assert.equal(server.requests.length, 0);
  });
});
