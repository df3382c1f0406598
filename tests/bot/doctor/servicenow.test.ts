// The doctor against the ServiceNow simulator, configured to exhibit each fault an admin meets.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createSnowClient } from '@live-agent/snow';
import { startSimulator } from '@live-agent/snow/simulator';
import { NO_AGENTS_FIX } from '../../../bot/doctor/checks/agents.js';
import { snowCredentials, startHarness, type Harness } from '../../support/harness.js';
import { callbackReceiver, closedPortUrl, diagnose, doctorEnv } from './support.js';

describe('doctor: ServiceNow reachable, credentials accepted', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({}, { vaToken: 'va-token-0123456789' });
  });
  after(async () => {
    await harness.close();
  });

  it('passes against a reachable instance whose service account reads every table it needs', async () => {
    const d = await diagnose({
      env: doctorEnv(harness.simulator.url, { SERVICENOW_VA_TOKEN: 'va-token-0123456789' }),
      botUrl: false,
    });
    assert.equal(d.get('config').status, 'pass');
    assert.equal(d.get('servicenow').status, 'pass');
    assert.match(d.get('servicenow').detail, /awa_agent_presence_capacity, interaction, sys_user/);
    assert.equal(d.get('agents').status, 'pass');
    assert.equal(d.get('routing').status, 'skip');
  });

  it('fails with the fix when ServiceNow rejects the password, and skips what depends on it', async () => {
    const d = await diagnose({
      env: doctorEnv(harness.simulator.url, { SERVICENOW_PASSWORD: 'not-the-password' }),
      botUrl: false,
    });
    const sn = d.get('servicenow');
    assert.equal(sn.status, 'fail');
    assert.match(sn.detail, /rejected the credentials/);
    assert.match(sn.fix ?? '', /SERVICENOW_USERNAME and SERVICENOW_PASSWORD/);
    assert.doesNotMatch(JSON.stringify(sn), /not-the-password/);
    for (const id of ['va-token', 'agents', 'routing'] as const) {
      assert.equal(d.get(id).status, 'skip');
      assert.match(d.get(id).detail, /ServiceNow reachable, credentials accepted" failed/);
    }
    assert.equal(d.ok, false);
  });

  it('names the table the service account may not read', async () => {
    harness.simulator.injectFault('table', { status: 403 });
    const d = await diagnose({ env: doctorEnv(harness.simulator.url), botUrl: false });
    const sn = d.get('servicenow');
    assert.equal(sn.status, 'fail');
    assert.match(sn.detail, /may not read awa_agent_presence_capacity \(403\)/);
    assert.match(sn.fix ?? '', /read access to awa_agent_presence_capacity/);
  });

  it('says the instance cannot be reached when nothing answers', async () => {
    const d = await diagnose({ env: doctorEnv(await closedPortUrl()), botUrl: false });
    assert.equal(d.get('servicenow').status, 'fail');
    assert.match(d.get('servicenow').detail, /cannot reach http:\/\/127\.0\.0\.1:\d+/);
    assert.match(d.get('servicenow').fix ?? '', /SERVICENOW_INSTANCE_URL/);
  });
});

describe('doctor: agents available now', () => {
  it('tells the agent to set their status to Available when nobody is', async () => {
    const simulator = await startSimulator({
      credentials: snowCredentials,
      scriptedAgent: false,
      agents: [{ name: 'Jordan Taylor', available: false }],
    });
    try {
      const d = await diagnose({ env: doctorEnv(simulator.url), botUrl: false });
      const agents = d.get('agents');
      assert.equal(agents.status, 'fail');
      assert.match(agents.detail, /no agent is available now on any channel/);
      assert.equal(agents.fix, NO_AGENTS_FIX);
      assert.match(agents.fix, /set your status to Available in Service Operations Workspace/i);

      simulator.setAgentAvailable('Jordan Taylor', true);
      const again = await diagnose({ env: doctorEnv(simulator.url), botUrl: false });
      assert.equal(again.get('agents').status, 'pass');
      assert.match(again.get('agents').detail, /1 on any channel/);
    } finally {
      await simulator.close();
    }
  });

  it('warns when every available agent is at capacity', async () => {
    const simulator = await startSimulator({
      credentials: snowCredentials,
      scriptedAgent: false,
      agents: [{ name: 'Jordan Taylor', available: true, capacity: 1 }],
    });
    const receiver = await callbackReceiver(200);
    try {
      simulator.setCallback({ url: receiver.url, password: 'callback-key-0123456789' });
      const client = createSnowClient({ instanceUrl: simulator.url, ...snowCredentials });
      const clientSessionId = randomUUID();
      await client.va.startLiveChat({
        clientSessionId,
        userId: randomUUID(),
        text: 'My VPN keeps disconnecting',
        clientMessageId: randomUUID(),
      });
      await simulator.waitFor(() => simulator.conversation(clientSessionId)?.state === 'queued');
      await simulator.agent('Jordan Taylor').accept(clientSessionId);
      const d = await diagnose({ env: doctorEnv(simulator.url), botUrl: false });
      assert.equal(d.get('agents').status, 'warn');
      assert.match(d.get('agents').detail, /all at capacity/);
    } finally {
      await simulator.close();
      await receiver.close();
    }
  });

  it('warns, with the ACL to grant, when the service account cannot read who the agents are', async () => {
    const simulator = await startSimulator({
      credentials: snowCredentials,
      scriptedAgent: false,
      agents: [{ name: 'Jordan Taylor', available: true }],
    });
    try {
      simulator.restrictFieldReads('awa_agent_presence_capacity', ['ap_agent', 'ac_workload']);
      const d = await diagnose({ env: doctorEnv(simulator.url), botUrl: false });
      const agents = d.get('agents');
      assert.equal(agents.status, 'warn');
      assert.match(agents.detail, /available agents: 1 on any channel/);
      assert.match(
        agents.detail,
        /cannot read awa_agent_presence_capacity\.ap_agent, awa_agent_presence_capacity\.ac_workload/,
      );
      assert.match(agents.fix ?? '', /field-level read ACL/);
    } finally {
      await simulator.close();
    }
  });
});
