import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { SnowAmbiguousResultError, SnowQueryValueError } from '../../snow/src/errors.js';
import { rows, v1NoRows, type RecordingServer } from './support/recording-server.js';
import { startInstance } from './support/instance.js';

const abel = {
  sys_id: '0123456789abcdef0123456789abcdef',
  user_name: 'abel.tuter',
  email: 'abel.tuter@example.com',
  name: 'Abel Tuter',
};
const servers: RecordingServer[] = [];

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('Users.findByEmail', () => {
  it('finds the one active user with the email', async () => {
    const { server, client } = await startInstance(rows(abel));
    servers.push(server);
    assert.deepEqual(await client.users.findByEmail('abel.tuter@example.com'), {
      sysId: abel.sys_id,
      userName: 'abel.tuter',
      email: 'abel.tuter@example.com',
      name: 'Abel Tuter',
    });
    const [request] = server.requests;
    assert.equal(request?.path, '/api/now/table/sys_user');
    assert.equal(request.query.get('sysparm_query'), 'email=abel.tuter@example.com^active=true');
    assert.equal(request.query.get('sysparm_limit'), '2');
  });

  it('sends characters such as + intact', async () => {
    const { server, client } = await startInstance(rows());
    servers.push(server);
    await client.users.findByEmail('abel+it&x=1#y@example.com');
    assert.equal(
      server.requests[0]?.query.get('sysparm_query'),
      'email=abel+it&x=1#y@example.com^active=true',
    );
  });

  it('returns undefined when nobody has the email', async () => {
    const { server, client } = await startInstance(v1NoRows);
    servers.push(server);
    assert.equal(await client.users.findByEmail('nobody@example.com'), undefined);
  });

  it('refuses to pick one of several users with the same email', async () => {
    const { server, client } = await startInstance(rows(abel, { ...abel, sys_id: 'f'.repeat(32) }));
    servers.push(server);
    await assert.rejects(
      client.users.findByEmail('abel.tuter@example.com'),
      SnowAmbiguousResultError,
    );
  });

  it('refuses an email that would widen the query, without a request', async () => {
    const { server, client } = await startInstance(rows(abel));
    servers.push(server);
    for (const email of [
      'x^NQactive=true@example.com',
      'a@b^ORactive=true',
      'javascript:gs.x()@x',
      'not-an-email',
      '',
    ]) {
      await assert.rejects(client.users.findByEmail(email), SnowQueryValueError, email);
    }
    assert.equal(server.requests.length, 0);
  });
});
