import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createSnowClient } from '../../snow/src/client.js';
import {
  SnowAuthError,
  SnowBadResponseError,
  SnowRateLimitedError,
  SnowRejectedError,
  SnowUnavailableError,
} from '../../snow/src/errors.js';
import type { RetryPolicy } from '../../snow/src/retry.js';
import type { StartAction } from '../../snow/src/va-api.js';
import {
  RecordingServer,
  vaAccepted,
  type CannedResponse,
  type RecordedRequest,
} from './support/recording-server.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const servers: RecordingServer[] = [];

interface TestOptions {
  readonly vaToken?: string;
  readonly vaSigningSecret?: string;
  readonly appInboundId?: string;
  readonly startAction?: StartAction;
  readonly retry?: RetryPolicy;
}

const noRetry: RetryPolicy = { limit: 0, baseDelayMs: 1, maxDelayMs: 1 };

async function setUp(
  options: TestOptions = {},
  responses: CannedResponse | readonly CannedResponse[] = vaAccepted,
) {
  const server = await RecordingServer.start(responses);
  servers.push(server);
  const client = createSnowClient({
    instanceUrl: server.url,
    username: 'svc',
    password: 'pw',
    ...options,
  });
  return { server, va: client.va };
}

function bodyOf(request: RecordedRequest | undefined): Record<string, unknown> {
  assert.ok(request !== undefined, 'no request was sent');
  return request.json as Record<string, unknown>;
}

const ref = {
  clientSessionId: 'conv-1',
  userId: 'aad-oid-1234',
  emailId: 'abel.tuter@example.com',
  timezone: 'Europe/Berlin',
};

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('VirtualAgentApi', () => {
  it('starts a live chat with the AGENT action, the first message and the context variables', async () => {
    const { server, va } = await setUp({ vaToken: 'tok-1', appInboundId: 'custom_1' });
    const before = Date.now();
    const ack = await va.startLiveChat({
      ...ref,
      text: 'I need help with VPN',
      clientMessageId: 'm-1',
      contextVariables: { requester_session_language: 'en', live_agent_only: 'true' },
    });
    const [request] = server.requests;
    assert.equal(request?.method, 'POST');
    assert.equal(request.path, '/api/sn_va_as_service/bot/integration');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.headers.accept, 'application/json');
    assert.equal(
      request.headers.authorization,
      `Basic ${Buffer.from('svc:pw').toString('base64')}`,
    );
    assert.equal(request.headers.token, 'tok-1');
    const { requestId, timestamp, ...rest } = bodyOf(request);
    assert.match(String(requestId), uuid);
    assert.equal(ack.requestId, requestId);
    assert.ok(
      typeof timestamp === 'number' && timestamp >= before && timestamp <= Date.now(),
      'epoch ms',
    );
    assert.deepEqual(rest, {
      clientSessionId: 'conv-1',
      userId: 'aad-oid-1234',
      emailId: 'abel.tuter@example.com',
      action: 'AGENT',
      message: { text: 'I need help with VPN', typed: true, clientMessageId: 'm-1' },
      contextVariables: { requester_session_language: 'en', live_agent_only: 'true' },
      timezone: 'Europe/Berlin',
      appInboundId: 'custom_1',
    });
  });

  it('starts with START_CONVERSATION when so configured', async () => {
    const { server, va } = await setUp({ startAction: 'START_CONVERSATION' });
    await va.startLiveChat({ ...ref, text: 'hi', clientMessageId: 'm-1' });
    assert.equal(bodyOf(server.requests[0]).action, 'START_CONVERSATION');
    // Without it, START_CONVERSATION would run the greeting topic instead of calling an agent.
    assert.deepEqual(bodyOf(server.requests[0]).contextVariables, { live_agent_only: 'true' });
  });

  it('lets one chat override the configured start action', async () => {
    const { server, va } = await setUp({ startAction: 'START_CONVERSATION' });
    await va.startLiveChat({ ...ref, text: 'hi', clientMessageId: 'm-1', action: 'AGENT' });
    assert.equal(bodyOf(server.requests[0]).action, 'AGENT');
  });

  it('sends a user message without an action, and never an attachment key', async () => {
    const { server, va } = await setUp();
    await va.sendMessage({ ...ref, text: 'still broken', clientMessageId: 'm-2' });
    await va.sendMessage({ ...ref, text: 'Option B', clientMessageId: 'm-3', typed: false });
    const first = bodyOf(server.requests[0]);
    assert.equal('action' in first, false);
    assert.deepEqual(first.message, { text: 'still broken', typed: true, clientMessageId: 'm-2' });
    assert.equal(JSON.stringify(first).includes('attachment'), false);
    assert.deepEqual(bodyOf(server.requests[1]).message, {
      text: 'Option B',
      typed: false,
      clientMessageId: 'm-3',
    });
  });

  it('gives every request a fresh requestId', async () => {
    const { server, va } = await setUp();
    await va.sendMessage({ ...ref, text: 'a', clientMessageId: 'm-1' });
    await va.sendMessage({ ...ref, text: 'a', clientMessageId: 'm-1' });
    assert.notEqual(bodyOf(server.requests[0]).requestId, bodyOf(server.requests[1]).requestId);
  });

  it('omits what is not known: email, time zone, app inbound id, token', async () => {
    const { server, va } = await setUp();
    await va.sendMessage({
      clientSessionId: 'conv-1',
      userId: 'u-1',
      text: 'x',
      clientMessageId: 'm-1',
    });
    const body = bodyOf(server.requests[0]);
    assert.deepEqual(Object.keys(body).sort(), [
      'clientSessionId',
      'message',
      'requestId',
      'timestamp',
      'userId',
    ]);
    assert.equal(server.requests[0]?.headers.token, undefined);
  });

  it('ends the chat with END_CONVERSATION and an empty message', async () => {
    const { server, va } = await setUp();
    await va.endChat(ref);
    const body = bodyOf(server.requests[0]);
    assert.equal(body.action, 'END_CONVERSATION');
    assert.deepEqual(body.message, { text: '', typed: true });
    assert.equal(body.clientSessionId, 'conv-1');
  });

  it('shows typing with TYPING and clears it with VIEWING', async () => {
    const { server, va } = await setUp();
    await va.sendTyping(ref, true);
    await va.sendTyping(ref, false);
    assert.equal(bodyOf(server.requests[0]).action, 'TYPING');
    assert.equal(bodyOf(server.requests[1]).action, 'VIEWING');
    assert.equal('message' in bodyOf(server.requests[0]), false);
  });

  it('maps every non-success answer to the error that says what to do next', async () => {
    const cases: [CannedResponse, (err: unknown) => boolean][] = [
      [
        { body: { status: 'failure', error: { message: 'x' } } },
        (e) => e instanceof SnowRejectedError && e.status === 200,
      ],
      [
        { status: 400, body: { status: 'failure' } },
        (e) => e instanceof SnowRejectedError && e.status === 400,
      ],
      [{ status: 401 }, (e) => e instanceof SnowAuthError],
      [{ status: 403 }, (e) => e instanceof SnowAuthError],
      [
        { status: 429, headers: { 'retry-after': '3' } },
        (e) => e instanceof SnowRateLimitedError && e.retryAfterMs === 3000,
      ],
      [
        { status: 500, body: { status: 'failure' } },
        (e) => e instanceof SnowUnavailableError && e.status === 500,
      ],
      [{ body: '<html>Instance hibernating</html>' }, (e) => e instanceof SnowBadResponseError],
      [{ body: { result: 'ok' } }, (e) => e instanceof SnowBadResponseError],
      [{ status: 202, body: { status: 'success' } }, (e) => e instanceof SnowBadResponseError],
      [{ status: 405, body: { status: 'failure' } }, (e) => e instanceof SnowBadResponseError],
    ];
    for (const [response, check] of cases) {
      const { va } = await setUp({ retry: noRetry }, response);
      await assert.rejects(
        va.sendMessage({ ...ref, text: 'secret text', clientMessageId: 'm-1' }),
        (err) => {
          assert.ok(check(err), `status ${response.status ?? 200}: got ${String(err)}`);
          assert.ok(
            !(err as Error).message.includes('secret text'),
            'message text leaked into the error',
          );
          return true;
        },
      );
    }
  });
});
