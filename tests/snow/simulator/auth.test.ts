// The simulator's authentication, as ServiceNow's: the hash signature of the VA API body (wrong or
// missing: 200, then silence), and OAuth bearer tokens from /oauth_token.do on every API.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { afterEach, describe, it } from 'node:test';
import { agentRequest, getTable, postVa, startRig, type Rig } from './helpers.js';

const secret = 'b2b-shared-secret';
const sign = (text: string, key = secret) => createHmac('sha1', key).update(text).digest('hex');
const oauth = { clientId: 'teams-bot', clientSecret: 'client-secret-value' };

async function token(rig: Rig, form: Record<string, string>) {
  const res = await fetch(`${rig.sim.url}/oauth_token.do`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const grant = {
  grant_type: 'client_credentials',
  client_id: 'teams-bot',
  client_secret: 'client-secret-value',
};

describe('simulator message authentication: x-b2b-signature', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('accepts a body signed with the shared secret, and drops the rest after a 200', async () => {
    rig = await startRig({ vaSigningSecret: secret });
    const { sim, receiver } = rig;
    const bodies = ['missing', 'wrong-key', 'tampered', 'good'].map((requestId) =>
      agentRequest({ requestId, clientSessionId: `s-${requestId}` }),
    );
    const [missing, wrongKey, tampered, good] = bodies.map((b) => JSON.stringify(b)) as [
      string,
      string,
      string,
      string,
    ];
    const answers = [
      await postVa(sim, {}, { raw: missing }),
      await postVa(
        sim,
        {},
        { raw: wrongKey, headers: { 'x-b2b-signature': sign(wrongKey, 'other') } },
      ),
      await postVa(
        sim,
        {},
        { raw: tampered.replace('VPN', 'vpn'), headers: { 'x-b2b-signature': sign(tampered) } },
      ),
      await postVa(
        sim,
        {},
        { raw: good, headers: { 'x-b2b-signature': sign(good).toUpperCase() } },
      ),
    ];
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200, 200],
    );
    await sim.waitFor(() => receiver.envelopes('s-good').length >= 2, {
      what: 'the good chat queued',
    });
    assert.deepEqual(
      sim.requests.map((r) => r.outcome),
      [
        'rejected: signature missing',
        'rejected: signature mismatch',
        'rejected: signature mismatch',
        'accepted',
      ],
    );
    assert.deepEqual(new Set(receiver.received.map((r) => r.body.requestId)), new Set(['good']));
  });

  it('checks the compact JSON of the body, as ServiceNow signs it', async () => {
    rig = await startRig({ vaSigningSecret: secret });
    const body = agentRequest();
    const pretty = JSON.stringify(body, null, 2);
    await postVa(
      rig.sim,
      {},
      { raw: pretty, headers: { 'x-b2b-signature': sign(JSON.stringify(body)) } },
    );
    assert.equal(rig.sim.requests[0]?.outcome, 'accepted');
  });
});

describe('simulator OAuth token endpoint', () => {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('issues a bearer token for the client-credentials grant, accepted by both APIs', async () => {
    rig = await startRig({ oauth: { ...oauth, tokenSeconds: 600 } });
    const issued = await token(rig, grant);
    assert.equal(issued.status, 200);
    assert.equal(issued.json.token_type, 'Bearer');
    assert.equal(issued.json.expires_in, 600);
    const bearer = `Bearer ${String(issued.json.access_token)}`;
    assert.equal(
      (await getTable(rig.sim, '/api/now/table/sys_user?sysparm_limit=1', { auth: bearer })).status,
      200,
    );
    assert.equal((await postVa(rig.sim, agentRequest(), { auth: bearer })).status, 200);
    assert.deepEqual(
      rig.sim.tokenRequests.map((r) => [r.grantType, r.clientId, r.status]),
      [['client_credentials', 'teams-bot', 200]],
    );
    assert.deepEqual(
      rig.sim.tableRequests.map((r) => [r.path, r.query.sysparm_limit, r.status]),
      [['/api/now/table/sys_user', '1', 200]],
    );
  });

  it('refuses a wrong secret, another grant, and a revoked or made-up token', async () => {
    rig = await startRig({ oauth });
    assert.equal((await token(rig, { ...grant, client_secret: 'nope' })).status, 401);
    assert.equal((await token(rig, { ...grant, grant_type: 'password' })).status, 400);
    const issued = await token(rig, grant);
    const bearer = `Bearer ${String(issued.json.access_token)}`;
    rig.sim.revokeTokens();
    assert.equal(
      (await getTable(rig.sim, '/api/now/table/sys_user', { auth: bearer })).status,
      401,
    );
    assert.equal((await postVa(rig.sim, agentRequest(), { auth: 'Bearer made-up' })).status, 401);
  });

  it('issues no token when no OAuth client is registered', async () => {
    rig = await startRig();
    assert.equal((await token(rig, grant)).status, 401);
  });
});
