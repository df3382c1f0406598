import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  SnowAuthError,
  SnowQueryValueError,
  SnowRecordRefusedError,
  SnowUnavailableError,
} from '../../snow/src/errors.js';
import { SnowHttp } from '../../snow/src/http.js';
import { Records } from '../../snow/src/records.js';
import { TableApi } from '../../snow/src/table-api.js';
import { RecordingServer, rows, type CannedResponse } from './support/recording-server.js';

const servers: RecordingServer[] = [];

async function records(responses: CannedResponse | readonly CannedResponse[]) {
  const server = await RecordingServer.start(responses);
  servers.push(server);
  const http = new SnowHttp({
    instanceUrl: server.url,
    username: 'svc',
    password: 'pw',
    wait: () => Promise.resolve(),
  });
  return { server, records: new Records(http, new TableApi(http)) };
}

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const refusedBody = (detail: string) => ({
  error: { message: 'Operation Failed', detail },
  status: 'failure',
});

describe('Records.create', () => {
  it('POSTs the fields as JSON and returns the number ServiceNow generated', async () => {
    const { server, records: r } = await records({
      status: 201,
      body: { result: { sys_id: 'a'.repeat(32), number: 'INC0010023', correlation_id: 'k1' } },
    });
    const created = await r.create('incident', { short_description: 'VPN', correlation_id: 'k1' });
    assert.deepEqual(created, { sysId: 'a'.repeat(32), number: 'INC0010023', correlationId: 'k1' });
    const [request] = server.requests;
    assert.equal(request?.method, 'POST');
    assert.equal(request.path, '/api/now/table/incident');
    assert.equal(request.query.get('sysparm_fields'), 'sys_id,number,correlation_id');
    assert.deepEqual(request.json, { short_description: 'VPN', correlation_id: 'k1' });
  });

  it("names ServiceNow's reason for a refused insert without putting it in the message", async () => {
    const detail = 'Data Policy Exception: The following fields are mandatory: Caller';
    const { records: r } = await records({ status: 403, body: refusedBody(detail) });
    const error = await r.create('incident', { short_description: 'x' }).catch((e: unknown) => e);
    assert.ok(error instanceof SnowRecordRefusedError);
    assert.equal(error.status, 403);
    assert.equal(error.reason, `Operation Failed: ${detail}`);
    assert.doesNotMatch(error.message, /Caller/);
  });

  it('treats a bare 403 as missing rights and a 400 as a refusal', async () => {
    const { records: r } = await records([{ status: 403 }, { status: 400, body: refusedBody('') }]);
    await assert.rejects(r.create('incident', {}), SnowAuthError);
    await assert.rejects(r.create('incident', {}), SnowRecordRefusedError);
  });

  it('never repeats an insert ServiceNow may have acted on (500)', async () => {
    const { server, records: r } = await records({ status: 500, body: refusedBody('boom') });
    await assert.rejects(r.create('incident', {}), SnowUnavailableError);
    assert.equal(server.requests.length, 1);
  });

  it('refuses table and field names that are not plain identifiers, sending nothing', async () => {
    const { server, records: r } = await records(rows());
    await assert.rejects(r.create('incident?x=1', {}), SnowQueryValueError);
    await assert.rejects(r.create('incident', { 'a b': 'x' }), SnowQueryValueError);
    assert.equal(server.requests.length, 0);
  });
});

describe('Records.findByCorrelationId', () => {
  it('looks the key up with an encoded query and returns undefined when there is none', async () => {
    const { server, records: r } = await records([
      rows({ sys_id: 'b'.repeat(32), number: 'INC0010001', correlation_id: 'k2' }),
      rows(),
    ]);
    assert.equal((await r.findByCorrelationId('incident', 'k2'))?.number, 'INC0010001');
    assert.equal(await r.findByCorrelationId('incident', 'k3'), undefined);
    assert.equal(
      server.requests[0]?.query.get('sysparm_query'),
      'correlation_id=k2^ORDERBYDESCsys_created_on',
    );
  });

  it('refuses a key that would change the query', async () => {
    const { records: r } = await records(rows());
    await assert.rejects(r.findByCorrelationId('incident', 'x^NQactive=true'), SnowQueryValueError);
  });
});

describe('Records.update', () => {
  it('PATCHes only the given fields of the record', async () => {
    const sysId = 'c'.repeat(32);
    const { server, records: r } = await records({
      status: 200,
      body: { result: { sys_id: sysId } },
    });
    await r.update('interaction', sysId, { work_notes: 'Rated 5/5' });
    const [request] = server.requests;
    assert.equal(request?.method, 'PATCH');
    assert.equal(request.path, `/api/now/table/interaction/${sysId}`);
    assert.deepEqual(request.json, { work_notes: 'Rated 5/5' });
  });

  it('refuses an id that is not a sys_id', async () => {
    const { records: r } = await records(rows());
    await assert.rejects(r.update('interaction', '../sys_user', {}), SnowQueryValueError);
  });
});
