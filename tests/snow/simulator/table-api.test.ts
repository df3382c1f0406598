// The simulator's Table API: the three tables the bot reads, encoded-query operators and their
// injection-relevant semantics, paging, reference links, version differences and faults.
import assert from 'node:assert/strict';
import { request } from 'node:http';
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

const CHAT = '27f675e3739713004a905ee515f6a7c3';

/** fetch always sends an Accept header, so this one goes through node:http. */
function statusWithoutAccept(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      headers: { authorization: basic(credentials.username, credentials.password) },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('simulator Table API', () => {
  let rig: Rig;
  const names = async (query: string): Promise<string[]> =>
    rowsOf(
      await getTable(rig.sim, `/api/now/table/sys_user?sysparm_query=${encodeURIComponent(query)}`),
    ).map((r) => String(r.name));

  before(async () => {
    rig = await startRig({
      users: [
        { name: 'Alex Wilber', email: 'alexw@example.com' },
        { name: 'Megan Bowen', email: 'meganb@example.com' },
        { name: 'Adele Vance', email: 'adelev@example.com' },
        { name: 'Caret User', email: 'odd^name@example.com' },
      ],
      agents: [
        { name: 'Jordan Taylor', available: true },
        { name: 'Sam Lee', available: false },
      ],
    });
  });
  after(async () => {
    await rig.close();
  });

  it('answers 401 with the documented body without valid credentials', async () => {
    const res = await getTable(rig.sim, '/api/now/table/sys_user', { auth: basic('x', 'y') });
    assert.equal(res.status, 401);
    assert.deepEqual(res.json, {
      error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' },
      status: 'failure',
    });
  });

  it('lists agent presence with string values and reference links', async () => {
    const res = await getTable(rig.sim, '/api/now/table/awa_agent_presence_capacity');
    const rows = rowsOf(res);
    assert.equal(rows.length, 2);
    assert.equal(res.headers.get('x-total-count'), '2');
    const jordan = rows.find((r) => r.aca_available === 'true')!;
    const agent = jordan.ap_agent as { link: string; value: string };
    assert.equal(agent.link, `${rig.sim.url}/api/now/table/sys_user/${agent.value}`);
    assert.deepEqual(jordan.ac_channel, {
      link: `${rig.sim.url}/api/now/table/awa_service_channel/${CHAT}`,
      value: CHAT,
    });
    assert.equal(jordan.ac_workload, '0');
    assert.equal(jordan.ac_applied_max_capacity, '3');
    const linked = await getTable(rig.sim, new URL(agent.link).pathname);
    assert.equal((linked.json.result as Record<string, unknown>).name, 'Jordan Taylor');
  });

  it('finds available chat agents with the broker query, following availability changes', async () => {
    const path =
      `/api/now/table/awa_agent_presence_capacity?sysparm_query=aca_available=true^ac_channel=${CHAT}` +
      '&sysparm_fields=ap_agent.name,ac_workload&sysparm_limit=5';
    assert.deepEqual(rowsOf(await getTable(rig.sim, path)), [
      { 'ap_agent.name': 'Jordan Taylor', ac_workload: '0' },
    ]);
    rig.sim.setAgentAvailable('Sam Lee', true);
    try {
      assert.equal(rowsOf(await getTable(rig.sim, path)).length, 2);
      const walked = await getTable(
        rig.sim,
        '/api/now/table/awa_agent_presence_capacity?sysparm_query=ap_agent.name=Sam Lee&sysparm_fields=aca_available',
      );
      assert.deepEqual(rowsOf(walked), [{ aca_available: 'true' }], 'dot-walked condition');
    } finally {
      rig.sim.setAgentAvailable('Sam Lee', false);
    }
  });

  it('supports =, !=, IN, NOT IN, STARTSWITH and ENDSWITH', async () => {
    assert.deepEqual(await names('email=meganb@example.com'), ['Megan Bowen']);
    assert.deepEqual(
      await names(
        'email!=meganb@example.com^user_name!=guest^emailENDSWITH@example.com^nameNOT INJordan Taylor,Sam Lee',
      ),
      ['Alex Wilber', 'Adele Vance', 'Caret User'],
    );
    assert.deepEqual(await names('emailINadelev@example.com,alexw@example.com'), [
      'Alex Wilber',
      'Adele Vance',
    ]);
    assert.deepEqual(await names('nameSTARTSWITHMe'), ['Megan Bowen']);
  });

  it('binds ^OR to the adjacent condition only', async () => {
    assert.deepEqual(await names('active=true^name=Alex Wilber^ORname=Megan Bowen'), [
      'Alex Wilber',
      'Megan Bowen',
    ]);
    assert.deepEqual(await names('name=Alex Wilber^ORname=Megan Bowen^email=meganb@example.com'), [
      'Megan Bowen',
    ]);
  });

  it('treats ^NQ as a new top-level query OR-ed with everything before it', async () => {
    assert.deepEqual(await names('name=Alex Wilber^email=meganb@example.com^NQname=Adele Vance'), [
      'Adele Vance',
    ]);
    const injected = await names('email=nobody@example.com^NQactive=true');
    assert.ok(injected.length >= 6, 'an injected ^NQ escapes the earlier conditions');
  });

  it('reads ^^ as a literal caret inside a value', async () => {
    assert.deepEqual(await names('email=odd^^name@example.com'), ['Caret User']);
    assert.deepEqual(
      await names('email=odd^name@example.com'),
      [],
      'an unescaped caret splits the term',
    );
  });

  it('ignores conditions on unknown fields, as ServiceNow does', async () => {
    assert.deepEqual(await names('no_such_field=1^email=alexw@example.com'), ['Alex Wilber']);
  });

  it('orders with ORDERBY and ORDERBYDESC, and takes plain field=value filters', async () => {
    assert.deepEqual(
      await names('emailLIKEexample.com^ORDERBYDESCname^user_name!=guest').then((n) =>
        n.slice(0, 3),
      ),
      ['Sam Lee', 'Megan Bowen', 'Jordan Taylor'],
    );
    const filtered = await getTable(rig.sim, '/api/now/table/sys_user?email=adelev@example.com');
    assert.deepEqual(
      rowsOf(filtered).map((r) => r.name),
      ['Adele Vance'],
    );
  });

  it('pages with sysparm_limit and sysparm_offset, and reports the total and links', async () => {
    const query = 'sysparm_query=user_name!=guest^ORDERBYname&sysparm_fields=name,no_such_field';
    const page = await getTable(
      rig.sim,
      `/api/now/table/sys_user?${query}&sysparm_limit=2&sysparm_offset=2`,
    );
    assert.deepEqual(rowsOf(page), [{ name: 'Caret User' }, { name: 'Jordan Taylor' }]);
    assert.equal(page.headers.get('x-total-count'), '6');
    const link = page.headers.get('link') ?? '';
    assert.match(link, /sysparm_limit=2&sysparm_offset=4>;rel="next"/);
    assert.match(link, /sysparm_limit=2&sysparm_offset=0>;rel="prev"/);
    assert.match(link, /sysparm_limit=2&sysparm_offset=4>;rel="last"/);
  });

  it('returns plain sys_ids with sysparm_exclude_reference_link', async () => {
    const res = await getTable(
      rig.sim,
      '/api/now/table/awa_agent_presence_capacity?sysparm_fields=ap_agent,ac_channel&sysparm_exclude_reference_link=true&sysparm_limit=1',
    );
    const [row] = rowsOf(res);
    assert.ok(row !== undefined);
    assert.equal(row.ac_channel, CHAT);
    assert.match(String(row.ap_agent), /^[0-9a-f]{32}$/);
  });

  it('answers 404 on v1 and an empty list on v2 and unversioned when nothing matches', async () => {
    const query = '?sysparm_query=email=nobody@example.com';
    const v1 = await getTable(rig.sim, `/api/now/v1/table/sys_user${query}`);
    assert.equal(v1.status, 404);
    assert.deepEqual(v1.json, {
      error: { message: 'No Record found', detail: 'Records not found' },
      status: 'failure',
    });
    for (const prefix of ['/api/now/v2/table', '/api/now/table']) {
      const res = await getTable(rig.sim, `${prefix}/sys_user${query}`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.json, { result: [] });
    }
  });

  it('rejects an unknown table, a missing Accept header and an unknown record', async () => {
    const table = await getTable(rig.sim, '/api/now/table/no_such_table');
    assert.equal(table.status, 400);
    assert.equal(table.json.error?.message, 'Invalid table no_such_table');
    assert.equal(await statusWithoutAccept(`${rig.sim.url}/api/now/table/sys_user`), 400);
    const record = await getTable(rig.sim, `/api/now/table/interaction/${'0'.repeat(32)}`);
    assert.equal(record.status, 404);
    assert.equal(record.json.error?.message, 'No Record found');
  });

  it('finds the active chat interaction of a user, newest first', async () => {
    await postVa(rig.sim, agentRequest({ clientSessionId: 'table-test' }));
    await rig.sim.waitFor(() => rig.sim.conversation('table-test')?.state === 'queued', {
      what: 'the queued chat',
    });
    const [alex] = rowsOf(
      await getTable(rig.sim, '/api/now/table/sys_user?sysparm_query=email=alexw@example.com'),
    );
    const query = `active=true^opened_for=${String(alex?.sys_id)}^type=chat^ORDERBYDESCsys_created_on`;
    const res = await getTable(
      rig.sim,
      `/api/now/table/interaction?sysparm_query=${encodeURIComponent(query)}&sysparm_fields=sys_id,number,state,agent_chat&sysparm_limit=1`,
    );
    assert.deepEqual(rowsOf(res), [
      {
        sys_id: rig.sim.conversation('table-test')?.interactionId,
        number: rig.sim.conversation('table-test')?.interactionNumber,
        state: 'on_hold',
        agent_chat: 'true',
      },
    ]);
  });

  it('answers injected faults with ServiceNow headers for the next N calls', async () => {
    rig.sim.injectFault('table', { status: 429, times: 2 });
    rig.sim.injectFault('table', { status: 403 });
    rig.sim.injectFault('table', { status: 500 });
    const statuses: number[] = [];
    let limited: Headers | undefined;
    for (let i = 0; i < 5; i += 1) {
      const res = await getTable(rig.sim, '/api/now/table/sys_user?sysparm_limit=1');
      statuses.push(res.status);
      if (res.status === 429) {
        limited = res.headers;
        assert.equal(res.json.error?.message, 'Rate limit exceeded');
      }
    }
    assert.deepEqual(statuses, [429, 429, 403, 500, 200]);
    assert.ok(limited !== undefined);
    assert.equal(limited.get('retry-after'), '1');
    assert.equal(limited.get('x-ratelimit-limit'), '100');
    assert.match(limited.get('x-ratelimit-reset') ?? '', /^\d+$/);
    assert.ok(limited.get('x-ratelimit-rule'));
  });
});
