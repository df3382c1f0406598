import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createSnowClient } from '../../snow/src/client.js';
import { SnowAuthError, SnowConfigError, SnowUnavailableError } from '../../snow/src/errors.js';
import { RecordingServer, rows, v1NoRows } from './support/recording-server.js';
import { startInstance } from './support/instance.js';

const servers: RecordingServer[] = [];

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('createSnowClient', () => {
  it('pings with one cheap authenticated Table API read', async () => {
    const { server, client } = await startInstance(v1NoRows);
    servers.push(server);
    await client.ping();
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0]?.path, '/api/now/table/awa_agent_presence_capacity');
    assert.equal(server.requests[0].query.get('sysparm_limit'), '1');
    assert.match(String(server.requests[0].headers.authorization), /^Basic /);
  });

  it('fails the ping with SnowAuthError when ServiceNow refuses the credentials', async () => {
    const { server, client } = await startInstance({
      status: 401,
      body: { error: { message: 'User Not Authenticated' }, status: 'failure' },
    });
    servers.push(server);
    await assert.rejects(client.ping(), SnowAuthError);
  });

  it('fails the ping with SnowUnavailableError when ServiceNow is unreachable', async () => {
    const server = await RecordingServer.start(rows());
    await server.close();
    const client = createSnowClient({ instanceUrl: server.url, username: 'svc', password: 'pw' });
    await assert.rejects(client.ping(), SnowUnavailableError);
  });

  it('refuses an unusable instance URL at once', () => {
    assert.throws(
      () =>
        createSnowClient({ instanceUrl: 'example.service-now.com', username: 'u', password: 'p' }),
      SnowConfigError,
    );
  });
});
