// OAuth 2.0 client credentials: one token for many calls, renewed before it expires, one refresh
// when ServiceNow refuses a cached token, and clear errors when the token endpoint says no.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  SnowAuthError,
  SnowBadResponseError,
  SnowConfigError,
  SnowUnavailableError,
} from '../../snow/src/errors.js';
import { SnowHttp, type SnowHttpOptions } from '../../snow/src/http.js';
import { TableApi } from '../../snow/src/table-api.js';
import { VirtualAgentApi } from '../../snow/src/va-api.js';
import {
  RecordingServer,
  reachableStrings,
  rows,
  vaAccepted,
  type CannedResponse,
  type RecordedRequest,
} from './support/recording-server.js';

const oauth = { clientId: 'teams-bot', clientSecret: 'cl1ent-s3cret' };
const servers: RecordingServer[] = [];
const listOptions = { fields: ['sys_id'], limit: 1 };
const ref = { clientSessionId: 'conv-1', userId: 'aad-1' };

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** An instance whose token endpoint issues tkn-1, tkn-2, … and whose APIs answer `api`. */
async function instance(
  api: (request: RecordedRequest) => CannedResponse,
  token: (n: number) => CannedResponse = (n) => ({
    body: { access_token: `tkn-${n}`, token_type: 'Bearer', expires_in: 100, scope: 'useraccount' },
  }),
) {
  let issued = 0;
  const server = await RecordingServer.start((request) =>
    request.path === '/oauth_token.do' ? token(++issued) : api(request),
  );
  servers.push(server);
  return server;
}

function http(server: RecordingServer, extra: Partial<SnowHttpOptions> = {}) {
  const options = { instanceUrl: server.url, oauth, ...extra } as SnowHttpOptions;
  const client = new SnowHttp(options);
  return { tables: new TableApi(client), va: new VirtualAgentApi({ http: client }) };
}

const tokenCalls = (server: RecordingServer) =>
  server.requests.filter((r) => r.path === '/oauth_token.do');
const apiAuth = (server: RecordingServer) =>
  server.requests.filter((r) => r.path !== '/oauth_token.do').map((r) => r.headers.authorization);

describe('OAuth client credentials', () => {
  it('asks the token endpoint with the client-credentials grant, then sends the bearer token', async () => {
    const server = await instance(() => rows());
    await http(server).tables.list('sys_user', listOptions);
    const [tokenRequest] = tokenCalls(server);
    assert.equal(tokenRequest?.method, 'POST');
    assert.match(tokenRequest.headers['content-type'] ?? '', /^application\/x-www-form-urlencoded/);
    assert.equal(tokenRequest.headers.authorization, undefined);
    assert.deepEqual(Object.fromEntries(new URLSearchParams(tokenRequest.body)), {
      grant_type: 'client_credentials',
      client_id: 'teams-bot',
      client_secret: 'cl1ent-s3cret',
    });
    assert.deepEqual(apiAuth(server), ['Bearer tkn-1']);
  });

  it('reuses one token for concurrent and later calls while it is fresh', async () => {
    const server = await instance(() => rows());
    const { tables } = http(server);
    await Promise.all([1, 2, 3].map(() => tables.list('sys_user', listOptions)));
    await tables.list('sys_user', listOptions);
    assert.equal(tokenCalls(server).length, 1);
    assert.deepEqual(new Set(apiAuth(server)), new Set(['Bearer tkn-1']));
  });

  it('renews the token before it expires', async () => {
    let clock = 1_000_000;
    const server = await instance(() => rows());
    const { tables } = http(server, { now: () => clock });
    await tables.list('sys_user', listOptions);
    clock += 85_000; // 100 s lifetime: still fresh
    await tables.list('sys_user', listOptions);
    clock += 6_000; // within the last 10% of its life: renewed ahead of expiry
    await tables.list('sys_user', listOptions);
    assert.deepEqual(apiAuth(server), ['Bearer tkn-1', 'Bearer tkn-1', 'Bearer tkn-2']);
  });

  it('gets one fresh token when ServiceNow refuses a cached one, and sends the call again', async () => {
    const server = await instance((request) =>
      request.headers.authorization === 'Bearer tkn-1' ? { status: 401 } : vaAccepted,
    );
    const { va } = http(server);
    await va.sendMessage({ ...ref, text: 'hello', clientMessageId: 'm-1' });
    assert.deepEqual(apiAuth(server), ['Bearer tkn-1', 'Bearer tkn-2']);
    const [first, second] = server.requests.filter((r) => r.path !== '/oauth_token.do');
    assert.equal(first?.body, second?.body, 'the same request, not a new one');
  });

  it('refreshes only once per call: a second 401 is an auth error', async () => {
    const server = await instance(() => ({ status: 401 }));
    await assert.rejects(http(server).tables.list('sys_user', listOptions), SnowAuthError);
    assert.equal(tokenCalls(server).length, 2);
  });

  it('reports refused client credentials as SnowAuthError, without the secret', async () => {
    const server = await instance(
      () => rows(),
      () => ({ status: 401, body: { error: 'server_error', error_description: 'access_denied' } }),
    );
    const error: unknown = await http(server)
      .tables.list('sys_user', listOptions)
      .catch((e: unknown) => e);
    assert.ok(error instanceof SnowAuthError && error.status === 401);
    assert.ok(!reachableStrings(error).some((s) => s.includes('cl1ent-s3cret')));
    assert.equal(apiAuth(server).length, 0, 'no API call without a token');
  });

  it('reports an unusable token answer as a bad response, and a 503 as unavailable', async () => {
    for (const [answer, kind] of [
      [{ body: { token_type: 'Bearer' } }, SnowBadResponseError],
      [{ body: '<html>login</html>' }, SnowBadResponseError],
      [{ body: { access_token: 'x', expires_in: 'soon' } }, SnowBadResponseError],
      [{ status: 503 }, SnowUnavailableError],
    ] as const) {
      const server = await instance(
        () => rows(),
        () => answer,
      );
      await assert.rejects(http(server).tables.list('sys_user', listOptions), kind);
    }
  });

  it('accepts expires_in sent as a string', async () => {
    const server = await instance(
      () => rows(),
      (n) => ({ body: { access_token: `tkn-${n}`, expires_in: '1799' } }),
    );
    await http(server).tables.list('sys_user', listOptions);
    assert.deepEqual(apiAuth(server), ['Bearer tkn-1']);
  });

  it('refuses a configuration with both an OAuth client and a password, or neither', () => {
    const both = { instanceUrl: 'https://x.service-now.com', oauth, username: 'u', password: 'p' };
    assert.throws(() => new SnowHttp(both as unknown as SnowHttpOptions), SnowConfigError);
    const none = { instanceUrl: 'https://x.service-now.com' };
    assert.throws(() => new SnowHttp(none as unknown as SnowHttpOptions), SnowConfigError);
  });
});
