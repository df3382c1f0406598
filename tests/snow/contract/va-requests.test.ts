// Contract: every request the client builds for the VA API matches the documented request (body
// schema and headers), whatever the authentication configured.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { createSnowClient, type SnowClientOptions } from '../../../snow/src/client.js';
import type { VirtualAgentApi } from '../../../snow/src/va-api.js';
import { RecordingServer, vaAccepted, type RecordedRequest } from '../support/recording-server.js';
import { compileVaRequestValidator } from '../support/va-request-schema.js';

const validate = compileVaRequestValidator();
const servers: RecordingServer[] = [];
const ref = {
  clientSessionId: 'teams-a:1',
  userId: '00000000-0000-0000-0000-000000000001',
  emailId: 'alexw@example.com',
  timezone: 'Europe/Berlin',
};

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

type Extra = Omit<SnowClientOptions, 'instanceUrl' | 'username' | 'password' | 'oauth'>;

async function clientWith(auth: 'basic' | 'oauth', extra: Extra = {}) {
  const server = await RecordingServer.start((request) =>
    request.path === '/oauth_token.do'
      ? { body: { access_token: 'tkn-1', token_type: 'Bearer', expires_in: 1800 } }
      : vaAccepted,
  );
  servers.push(server);
  const credentials =
    auth === 'basic'
      ? { username: 'svc', password: 'pw' }
      : { oauth: { clientId: 'cid', clientSecret: 'csecret' } };
  return { server, va: createSnowClient({ instanceUrl: server.url, ...credentials, ...extra }).va };
}

/** One of each request the product sends. */
async function sendEveryRequest(va: VirtualAgentApi): Promise<void> {
  const start = { ...ref, text: 'My VPN drops', clientMessageId: 'm-1' };
  await va.startLiveChat({ ...start, contextVariables: { language: 'en', queue: 'it' } });
  await va.startLiveChat({ ...start, action: 'START_CONVERSATION' });
  await va.sendMessage({ ...ref, text: 'still broken', clientMessageId: 'm-2' });
  await va.sendMessage({ ...ref, text: 'laptop', clientMessageId: 'm-3', typed: false });
  await va.sendMessage({
    ...ref,
    text: 'here is the log',
    clientMessageId: 'm-4',
    attachments: [
      { url: 'https://files.example.com/a.log', contentType: 'text/plain', fileName: 'a.log' },
    ],
  });
  await va.sendMessage({
    ...ref,
    text: '',
    clientMessageId: 'm-5',
    attachments: [
      { url: 'https://files.example.com/a.png', contentType: 'image/png', fileName: 'a.png' },
      { url: 'https://files.example.com/b.pdf', contentType: 'application/pdf', fileName: 'b.pdf' },
    ],
  });
  await va.sendTyping(ref, true);
  await va.sendTyping(ref, false);
  await va.endChat(ref);
}

function vaRequests(server: RecordingServer): RecordedRequest[] {
  return server.requests.filter((r) => r.path === '/api/sn_va_as_service/bot/integration');
}

function assertDocumented(request: RecordedRequest): void {
  const valid = validate(request.json);
  assert.ok(valid, `${request.body}\n${JSON.stringify(validate.errors, null, 1)}`);
  assert.equal(request.method, 'POST');
  assert.equal(request.headers['content-type'], 'application/json');
  assert.equal(request.headers.accept, 'application/json');
}

describe('VA API requests match the documented contract', () => {
  it('with Basic auth and the static token header', async () => {
    const { server, va } = await clientWith('basic', {
      vaToken: 'static-1',
      appInboundId: 'custom_1',
    });
    await sendEveryRequest(va);
    const requests = vaRequests(server);
    assert.equal(requests.length, 9);
    for (const request of requests) {
      assertDocumented(request);
      assert.match(request.headers.authorization ?? '', /^Basic /);
      assert.equal(request.headers.token, 'static-1');
      assert.equal(request.headers['x-b2b-signature'], undefined);
    }
  });

  it('with OAuth and the hash signature of the exact bytes sent', async () => {
    const { server, va } = await clientWith('oauth', { vaSigningSecret: 'shared-secret' });
    await sendEveryRequest(va);
    for (const request of vaRequests(server)) {
      assertDocumented(request);
      assert.equal(request.headers.authorization, 'Bearer tkn-1');
      assert.equal(request.headers.token, undefined);
      const expected = createHmac('sha1', 'shared-secret').update(request.body).digest('hex');
      assert.equal(request.headers['x-b2b-signature'], expected);
      // ServiceNow's own example signs the compact form: the bytes sent must be that form.
      assert.equal(request.body, JSON.stringify(JSON.parse(request.body)));
    }
  });

  it('rejects, in the schema itself, what the documentation forbids', () => {
    const base = { requestId: 'r', clientSessionId: 's', userId: 'u' };
    const invalid: unknown[] = [
      { ...base, message: { text: 'x', typed: 'true' } },
      { ...base, message: { text: 'x', typed: true, attachment: null } },
      { ...base, action: 'END_CONVERSATION', message: { text: 'bye', typed: true } },
      { ...base, action: 'AGENTS', message: { text: 'x', typed: true } },
      { ...base },
      { ...base, message: { text: 'x', typed: true }, timestamp: 1588824102 },
    ];
    for (const body of invalid) assert.equal(validate(body), false, JSON.stringify(body));
  });
});
