// The simulator's Table API writes: task record inserts (numbers, caller reference, correlation
// id, mandatory fields, refusals) and updates that append work notes to an interaction.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  agentRequest,
  basic,
  credentials,
  getTable,
  postVa,
  rowsOf,
  startRig,
  type Rig,
} from './helpers.js';

async function write(
  rig: Rig,
  method: string,
  path: string,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown>; location: string | null }> {
  const res = await fetch(`${rig.sim.url}${path}`, {
    method,
    headers: {
      authorization: basic(credentials.username, credentials.password),
      accept: 'application/json',
      'content-type': 'application/json',
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: res.status,
    json: (await res.json()) as Record<string, unknown>,
    location: res.headers.get('location'),
  };
}

const resultOf = (json: Record<string, unknown>) => json.result as Record<string, unknown>;
const errorOf = (json: Record<string, unknown>) => json.error as Record<string, unknown>;

describe('simulator Table API inserts', () => {
  let rig: Rig;
  before(async () => {
    rig = await startRig({
      recordTables: [
        { name: 'incident', prefix: 'INC', mandatory: ['short_description', 'caller_id'] },
        { name: 'u_it_request', prefix: 'ITR', extraFields: ['u_channel'] },
      ],
    });
  });
  after(() => rig.close());

  it('numbers incidents from INC0010001 and answers 201 with the record and its location', async () => {
    const alex = rowsOf(
      await getTable(rig.sim, '/api/now/table/sys_user?email=alexw@example.com'),
    )[0];
    const first = await write(rig, 'POST', '/api/now/table/incident', {
      caller_id: alex?.sys_id,
      short_description: 'VPN drops',
      correlation_id: 'key-1',
      contact_type: 'virtual_agent',
      no_such_field: 'ignored',
    });
    assert.equal(first.status, 201);
    const record = resultOf(first.json);
    assert.equal(record.number, 'INC0010001');
    assert.deepEqual(record.caller_id, {
      link: `${rig.sim.url}/api/now/table/sys_user/${String(alex?.sys_id)}`,
      value: alex?.sys_id,
    });
    assert.equal(record.no_such_field, undefined);
    assert.equal(first.location, `${rig.sim.url}/api/now/table/incident/${String(record.sys_id)}`);
    const second = await write(
      rig,
      'POST',
      '/api/now/table/incident?sysparm_fields=number,correlation_id',
      { caller_id: alex?.sys_id, short_description: 'Printer', correlation_id: 'key-2' },
    );
    assert.deepEqual(second.json.result, { number: 'INC0010002', correlation_id: 'key-2' });
    assert.equal(rig.sim.records('incident').length, 2);
  });

  it('finds a record again by its correlation id', async () => {
    const found = rowsOf(
      await getTable(
        rig.sim,
        '/api/now/table/incident?sysparm_query=correlation_id=key-2&sysparm_fields=number',
      ),
    );
    assert.deepEqual(found, [{ number: 'INC0010002' }]);
  });

  it('refuses a record without a mandatory field, naming it, and stores nothing', async () => {
    const before = rig.sim.records('incident').length;
    const refused = await write(rig, 'POST', '/api/now/table/incident', {
      short_description: 'No caller',
    });
    assert.equal(refused.status, 403);
    assert.match(String(errorOf(refused.json).detail), /mandatory: caller_id/);
    assert.equal(refused.json.status, 'failure');
    assert.equal(rig.sim.records('incident').length, before);
  });

  it('fails inserts while the switch is on, as an ACL or an aborting business rule would', async () => {
    rig.sim.refuseInserts('u_it_request', { kind: 'businessRule' });
    const aborted = await write(rig, 'POST', '/api/now/table/u_it_request', {
      short_description: 'x',
    });
    assert.equal(aborted.status, 403);
    assert.match(String(errorOf(aborted.json).detail), /Error during insert of u_it_request/);
    rig.sim.refuseInserts('u_it_request', { kind: 'acl' });
    const acl = await write(rig, 'POST', '/api/now/table/u_it_request', { short_description: 'x' });
    assert.match(String(errorOf(acl.json).detail), /ACL/);
    rig.sim.refuseInserts('u_it_request', undefined);
    const created = await write(rig, 'POST', '/api/now/table/u_it_request', {
      short_description: 'x',
      u_channel: 'teams',
    });
    assert.equal(created.status, 201);
    assert.equal(resultOf(created.json).number, 'ITR0010001');
    assert.equal(resultOf(created.json).u_channel, 'teams');
  });

  it('answers 400 to a body that is not a JSON object', async () => {
    const bad = await write(rig, 'POST', '/api/now/table/incident', '{"short_description":');
    assert.equal(bad.status, 400);
    const list = await write(rig, 'POST', '/api/now/table/incident', '[1]');
    assert.equal(list.status, 400);
  });

  it('does not insert into tables it only reads', async () => {
    const res = await write(rig, 'POST', '/api/now/table/sys_user', { name: 'Mallory' });
    assert.equal(res.status, 403);
  });
});

describe('simulator Table API updates', () => {
  let rig: Rig;
  before(async () => {
    rig = await startRig();
  });
  after(() => rig.close());

  it('appends work notes to an interaction, in order, and answers 404 for an unknown one', async () => {
    const body = agentRequest({ emailId: 'alexw@example.com' });
    await postVa(rig.sim, body);
    const sysId = await rig.sim.waitFor(
      () => rig.sim.conversation(String(body.clientSessionId))?.interactionId,
      { what: 'the interaction' },
    );
    const first = await write(rig, 'PATCH', `/api/now/table/interaction/${sysId}`, {
      work_notes: 'Teams survey: 4/5',
    });
    assert.equal(first.status, 200);
    await write(rig, 'PATCH', `/api/now/table/interaction/${sysId}`, { work_notes: 'second' });
    assert.deepEqual(
      rig.sim.journal('interaction', sysId).map((e) => [e.field, e.value]),
      [
        ['work_notes', 'Teams survey: 4/5'],
        ['work_notes', 'second'],
      ],
    );
    const missing = await write(rig, 'PATCH', `/api/now/table/interaction/${'0'.repeat(32)}`, {
      work_notes: 'x',
    });
    assert.equal(missing.status, 404);
  });
});
