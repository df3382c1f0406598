// The simulator's VA API endpoint: HTTP-level rejections, the quick async acknowledgement, and the
// silent drops a real instance makes (bad token, incomplete body).
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  agentRequest,
  basic,
  credentials,
  postVa,
  startRig,
  userMessage,
  vaBody,
  webhook,
  without,
  type Rig,
} from './helpers.js';

const authError = {
  error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' },
  status: 'failure',
};

describe('simulator VA API', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('answers 401 with the documented error body when Basic auth is missing or wrong', async () => {
    rig = await startRig();
    const missing = await postVa(rig.sim, agentRequest(), { auth: null });
    const wrong = await postVa(rig.sim, agentRequest(), {
      auth: basic(credentials.username, 'not-the-password'),
    });
    assert.equal(missing.status, 401);
    assert.deepEqual(missing.json, authError);
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.json, authError);
    assert.deepEqual(
      rig.sim.requests.map((r) => r.outcome),
      ['rejected: not authenticated', 'rejected: not authenticated'],
    );
    assert.equal(rig.sim.conversation('session-1'), undefined);
  });

  it('answers 400 to a body that is not JSON and 415 to a non-JSON content type', async () => {
    rig = await startRig();
    const broken = await postVa(rig.sim, {}, { raw: '{"requestId": ' });
    assert.equal(broken.status, 400);
    assert.equal((broken.json as { status: string }).status, 'failure');
    const form = await postVa(rig.sim, agentRequest(), {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(form.status, 415);
    assert.deepEqual(
      rig.sim.requests.map((r) => r.status),
      [400, 415],
    );
  });

  it('acknowledges at once and posts the output to the callback with Basic auth', async () => {
    rig = await startRig();
    const { sim, receiver } = rig;
    const ack = await postVa(sim, agentRequest());
    assert.equal(ack.status, 200);
    assert.deepEqual(ack.json, { status: 'success' });
    await sim.waitFor(() => receiver.received.length >= 2, { what: 'the queue callbacks' });
    const first = receiver.received[0]!;
    assert.equal(first.authorization, basic(webhook.username, webhook.password));
    assert.match(first.contentType, /^application\/json/);
    assert.equal(sim.requests[0]?.outcome, 'accepted');
    assert.equal(sim.requests[0].headers['content-type'], 'application/json');
    assert.equal(sim.requests[0].headers.authorization, 'Basic [redacted]');
    assert.equal(sim.callbacks[0]?.status, 200);
  });

  it('drops a request with a missing or wrong token: 200, but no callback', async () => {
    rig = await startRig({ vaToken: 'static-token-123' });
    const { sim, receiver } = rig;
    const noToken = await postVa(sim, without(agentRequest({ requestId: 'no-token' }), 'token'));
    const wrongHeader = await postVa(
      sim,
      agentRequest({ requestId: 'wrong-header', token: 'static-token-123' }),
      { headers: { token: 'nope' } },
    );
    const wrongBody = await postVa(sim, agentRequest({ requestId: 'wrong-body', token: 'nope' }));
    assert.deepEqual(
      [noToken.status, wrongHeader.status, wrongBody.status],
      [200, 200, 200],
      'a real instance acknowledges first and validates the token later',
    );
    // The header wins over a wrong body token; its callbacks also prove the earlier ones never came.
    await postVa(sim, agentRequest({ requestId: 'good', token: 'nope' }), {
      headers: { token: 'static-token-123' },
    });
    await sim.waitFor(() => receiver.received.length >= 2, {
      what: 'callbacks of the good request',
    });
    assert.deepEqual(new Set(receiver.received.map((r) => r.body.requestId)), new Set(['good']));
    assert.deepEqual(
      sim.requests.map((r) => r.outcome),
      [
        'rejected: token missing',
        'rejected: token mismatch',
        'rejected: token mismatch',
        'accepted',
      ],
    );
  });

  it('drops a body without userId, or a plain message without message, with no callback', async () => {
    rig = await startRig();
    const { sim, receiver } = rig;
    const withoutUser = without(agentRequest(), 'userId');
    const withoutMessage = without(userMessage('session-1', 'x'), 'message');
    assert.equal((await postVa(sim, withoutUser)).status, 200);
    assert.equal((await postVa(sim, withoutMessage)).status, 200);
    await postVa(sim, agentRequest({ requestId: 'good' }));
    await sim.waitFor(() => receiver.received.length >= 2, {
      what: 'callbacks of the good request',
    });
    assert.deepEqual(new Set(receiver.received.map((r) => r.body.requestId)), new Set(['good']));
    assert.deepEqual(
      sim.requests.map((r) => r.outcome),
      ['rejected: userId missing', 'rejected: message missing', 'accepted'],
    );
  });

  it('rejects END_CONVERSATION that carries text, as the contract requires it empty', async () => {
    rig = await startRig();
    const end = vaBody({ action: 'END_CONVERSATION', message: { text: 'bye', typed: true } });
    assert.equal((await postVa(rig.sim, end)).status, 200);
    assert.equal(
      rig.sim.requests[0]?.outcome,
      'rejected: END_CONVERSATION needs an empty message.text',
    );
  });

  it('answers injected faults for the next N calls, then recovers', async () => {
    rig = await startRig();
    const { sim } = rig;
    sim.injectFault('va', { status: 503, times: 2 });
    sim.injectFault('va', { status: 429, headers: { 'Retry-After': '7' } });
    const statuses: number[] = [];
    let limited: Headers | undefined;
    for (let i = 0; i < 4; i += 1) {
      const res = await postVa(sim, agentRequest({ clientSessionId: `s-${i}` }));
      statuses.push(res.status);
      if (res.status === 429) limited = res.headers;
    }
    assert.deepEqual(statuses, [503, 503, 429, 200]);
    assert.ok(limited !== undefined);
    assert.equal(limited.get('retry-after'), '7');
    assert.ok(limited.get('x-ratelimit-limit'));
    assert.equal(sim.conversation('s-0'), undefined, 'a faulted request is not processed');
    await sim.waitFor(() => sim.conversation('s-3')?.state === 'queued', { what: 's-3 queued' });
  });
});
