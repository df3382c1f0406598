// The doctor reading recent chat interactions for chats closed before any agent could take them.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createSnowClient, type SnowClient } from '@live-agent/snow';
import { startSimulator, type SnowSimulator } from '@live-agent/snow/simulator';
import { snowCredentials } from '../../support/harness.js';
import { callbackReceiver, diagnose, doctorEnv } from './support.js';

describe('doctor: recent chats routed by AWA', () => {
  let simulator: SnowSimulator;
  let client: SnowClient;
  const receivers: { close(): Promise<void> }[] = [];

  before(async () => {
    simulator = await startSimulator({ credentials: snowCredentials, scriptedAgent: false });
    client = createSnowClient({ instanceUrl: simulator.url, ...snowCredentials });
  });
  after(async () => {
    await simulator.close();
    for (const receiver of receivers) await receiver.close();
  });

  /** Points ServiceNow's callbacks at a receiver answering `status`. */
  async function callbacksAnswered(status: number): Promise<void> {
    const receiver = await callbackReceiver(status);
    receivers.push(receiver);
    simulator.setCallback({ url: receiver.url, password: 'callback-key-0123456789' });
  }

  async function startChat(): Promise<string> {
    const clientSessionId = randomUUID();
    await client.va.startLiveChat({
      clientSessionId,
      userId: randomUUID(),
      emailId: 'alexw@example.com',
      text: 'My VPN keeps disconnecting',
      clientMessageId: randomUUID(),
    });
    return clientSessionId;
  }

  it('has nothing to judge from before any live-agent chat', async () => {
    const d = await diagnose({ env: doctorEnv(simulator.url), botUrl: false });
    assert.equal(d.get('routing').status, 'skip');
    assert.match(d.get('routing').detail, /no live-agent chat in the last 24 hours/);
  });

  it('fails when the latest chat closed at once without an agent, naming it and the likely cause', async () => {
    await callbacksAnswered(500);
    const id = await startChat();
    const closed = await simulator.waitFor(() => {
      const c = simulator.conversation(id);
      return c?.interactionState === 'closed_abandoned' && c;
    });
    const d = await diagnose({ env: doctorEnv(simulator.url), botUrl: false });
    const routing = d.get('routing');
    assert.equal(routing.status, 'fail');
    assert.match(
      routing.detail,
      /1 of 1 live-agent chat\(s\) in the last 24 hours closed within a minute without an agent/,
    );
    assert.ok(closed.interactionNumber !== undefined);
    assert.ok(routing.detail.includes(closed.interactionNumber), routing.detail);
    assert.match(routing.detail, /the latest among them/);
    assert.match(routing.fix ?? '', /webhook answered a callback with an error \(5xx\)/);
  });

  it('only warns once a later chat reached an agent', async () => {
    await callbacksAnswered(200);
    const id = await startChat();
    await simulator.waitFor(() => simulator.conversation(id)?.state === 'queued');
    await simulator.agent('Jordan Taylor').accept(id);
    const d = await diagnose({ env: doctorEnv(simulator.url), botUrl: false });
    const routing = d.get('routing');
    assert.equal(routing.status, 'warn');
    assert.match(routing.detail, /^1 of 2 live-agent chat\(s\)/);
    assert.doesNotMatch(routing.detail, /the latest among them/);
  });

  it('does not count chats the user ended before an agent joined', async () => {
    const id = await startChat();
    await simulator.waitFor(() => simulator.conversation(id)?.state === 'queued');
    await client.va.endChat({ clientSessionId: id, userId: randomUUID() });
    await simulator.waitFor(() => simulator.conversation(id)?.state === 'closed');
    const d = await diagnose({ env: doctorEnv(simulator.url), botUrl: false });
    assert.match(d.get('routing').detail, /^1 of 3 live-agent chat\(s\)/);
  });
});

describe('doctor: chats AWA cannot route', () => {
  async function droppedChat(
    queues: { name: string; conditions?: Record<string, string>; assignmentRule?: boolean }[],
  ) {
    const simulator = await startSimulator({
      credentials: snowCredentials,
      scriptedAgent: false,
      queues,
    });
    const receiver = await callbackReceiver(200);
    simulator.setCallback({ url: receiver.url, password: 'callback-key-0123456789' });
    const client = createSnowClient({ instanceUrl: simulator.url, ...snowCredentials });
    const clientSessionId = randomUUID();
    try {
      await client.va.startLiveChat({
        clientSessionId,
        userId: randomUUID(),
        text: 'My VPN keeps disconnecting',
        clientMessageId: randomUUID(),
        contextVariables: { language: 'en' },
      });
      await simulator.waitFor(() => simulator.conversation(clientSessionId)?.state === 'closed');
      return await diagnose({ env: doctorEnv(simulator.url), botUrl: false });
    } finally {
      await simulator.close();
      await receiver.close();
    }
  }

  it('fails, pointing at the AWA queue set-up, when no queue matches the chat', async () => {
    const d = await droppedChat([{ name: 'French desk', conditions: { language: 'fr' } }]);
    const routing = d.get('routing');
    assert.equal(routing.status, 'fail');
    assert.match(routing.detail, /closed within a minute without an agent, no queue set/);
    assert.match(routing.fix ?? '', /AWA found no route: check the AWA queue/);
    assert.doesNotMatch(routing.fix ?? '', /5xx/);
  });

  it('fails the same way when the queue has no assignment rule', async () => {
    const d = await droppedChat([{ name: 'IT Support', assignmentRule: false }]);
    const routing = d.get('routing');
    assert.equal(routing.status, 'fail');
    assert.match(routing.fix ?? '', /assignment rule/);
  });
});
