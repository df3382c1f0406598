import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  SnowAuthError,
  SnowBadResponseError,
  SnowQueryValueError,
  SnowRejectedError,
} from '../../snow/src/errors.js';
import { SnowHttp } from '../../snow/src/http.js';
import { EncodedQuery } from '../../snow/src/query.js';
import { TableApi, refValue } from '../../snow/src/table-api.js';
import {
  RecordingServer,
  rows,
  v1NoRows,
  type CannedResponse,
} from './support/recording-server.js';

const servers: RecordingServer[] = [];

async function tableApi(responses: CannedResponse | readonly CannedResponse[]) {
  const server = await RecordingServer.start(responses);
  servers.push(server);
  const http = new SnowHttp({ instanceUrl: server.url, username: 'svc', password: 'pw' });
  return { server, tables: new TableApi(http) };
}

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('TableApi.list', () => {
  it('sends the query, fields, limit and offset as sysparm parameters', async () => {
    const { server, tables } = await tableApi(rows({ sys_id: 'a', number: 'IMS001' }));
    const result = await tables.list('interaction', {
      query: EncodedQuery.where('active', '=', 'true').orderByDesc('sys_created_on'),
      fields: ['sys_id', 'number'],
      limit: 5,
      offset: 10,
    });
    assert.deepEqual(result, [{ sys_id: 'a', number: 'IMS001' }]);
    const [request] = server.requests;
    assert.equal(request?.method, 'GET');
    assert.equal(request.path, '/api/now/table/interaction');
    assert.equal(request.query.get('sysparm_query'), 'active=true^ORDERBYDESCsys_created_on');
    assert.equal(request.query.get('sysparm_fields'), 'sys_id,number');
    assert.equal(request.query.get('sysparm_limit'), '5');
    assert.equal(request.query.get('sysparm_offset'), '10');
    assert.equal(request.query.get('sysparm_exclude_reference_link'), 'true');
  });

  it("treats v1's 404 for no rows and v2's empty result alike", async () => {
    const { tables } = await tableApi([v1NoRows, rows()]);
    assert.deepEqual(await tables.list('sys_user', { fields: ['sys_id'], limit: 1 }), []);
    assert.deepEqual(await tables.list('sys_user', { fields: ['sys_id'], limit: 1 }), []);
  });

  it('does not take a 404 page from something other than ServiceNow for an empty table', async () => {
    const { tables } = await tableApi({ status: 404, body: '<html>Not Found</html>' });
    await assert.rejects(
      tables.list('sys_user', { fields: ['sys_id'], limit: 1 }),
      SnowBadResponseError,
    );
  });

  it('reports answers without a result list as bad responses', async () => {
    for (const body of ['<html>login</html>', { result: 'x' }, { result: [1] }, { rows: [] }]) {
      const { tables } = await tableApi({ body });
      await assert.rejects(
        tables.list('sys_user', { fields: ['sys_id'], limit: 1 }),
        SnowBadResponseError,
      );
    }
  });

  it('maps 400 to SnowRejectedError and 403 to SnowAuthError', async () => {
    const { tables } = await tableApi([
      { status: 400, body: { status: 'failure' } },
      { status: 403, body: {} },
    ]);
    await assert.rejects(
      tables.list('sys_user', { fields: ['sys_id'], limit: 1 }),
      SnowRejectedError,
    );
    await assert.rejects(tables.list('sys_user', { fields: ['sys_id'], limit: 1 }), SnowAuthError);
  });

  it('refuses table and field names that could alter the path or the field list, without a request', async () => {
    const { server, tables } = await tableApi(rows());
    await assert.rejects(
      tables.list('sys_user/../x', { fields: ['sys_id'], limit: 1 }),
      SnowQueryValueError,
    );
    await assert.rejects(
      tables.list('sys_user', { fields: ['sys_id,password'], limit: 1 }),
      SnowQueryValueError,
    );
    await assert.rejects(tables.list('sys_user', { fields: [], limit: 1 }), SnowQueryValueError);
    assert.equal(server.requests.length, 0);
  });
});

describe('refValue', () => {
  it('reads reference fields in every form ServiceNow sends them', () => {
    const id = '0123456789abcdef0123456789abcdef';
    assert.equal(refValue({ link: `https://x/api/now/table/sys_user/${id}`, value: id }), id);
    assert.equal(refValue(id), id);
    assert.equal(refValue({ display_value: 'Beth Anglin', value: id }), id);
    assert.equal(refValue(''), undefined);
    assert.equal(refValue({ link: 'x', value: '' }), undefined);
    assert.equal(refValue(undefined), undefined);
    assert.equal(refValue(42), undefined);
  });
});
