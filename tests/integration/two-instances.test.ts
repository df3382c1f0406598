// Two bot instances behind a round-robin balancer, sharing one Cosmos-compatible server that runs
// in its own process: ServiceNow's callbacks and the users' Teams messages land on either instance,
// and every message still arrives once, in order, in both directions.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { randomUUID } from 'node:crypto';
import { TeamsUser } from '../support/harness.js';
import { startCluster, type Cluster } from '../support/instances.js';
import {
  agentMessage,
  connectedChat,
  fastBackoff,
  postCallback,
  received,
} from '../support/live-chat.js';

const agent = 'Jordan Taylor';

describe('two instances sharing one store', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster(
      2,
      { DELIVERY_SWEEP_SECONDS: '1' },
      { agents: [{ name: agent, available: true, capacity: 50 }] },
      { tuning: { teamsBackoff: fastBackoff } },
    );
  });
  after(async () => {
    await cluster.close();
  });

  it('relays both ways in order, exactly once, with traffic spread over both instances', async () => {
    const { harness, simulator } = cluster;
    const chats = await Promise.all(
      ['Abel Tuter', 'Beth Anglin', 'Fred Luddy'].map((name) =>
        connectedChat(harness, agent, name),
      ),
    );
    const count = 8;
    await Promise.all(
      chats.map(async ({ user, sessionId }) => {
        const fromUser = (async () => {
          for (let i = 1; i <= count; i++) await user.say(`user-${i}`);
        })();
        for (let i = 1; i <= count; i++) await simulator.agent(agent).say(sessionId, `agent-${i}`);
        await fromUser;
      }),
    );
    for (const { user, sessionId } of chats) {
      await user.waitFor('the last agent message', (t) => t.includes(`agent-${count}`));
      await simulator.waitFor(
        () => (simulator.conversation(sessionId)?.userMessages.length ?? 0) >= count,
        { what: 'the user messages at the agent', timeoutMs: 10_000 },
      );
    }
    const expected = (who: string) => Array.from({ length: count }, (_, i) => `${who}-${i + 1}`);
    for (const { user, sessionId } of chats) {
      const toUser = received(harness, user, 'agent-').map((t) =>
        t.replace(/^.*(agent-\d+)$/, '$1'),
      );
      assert.deepEqual(toUser, expected('agent'));
      const toAgent = simulator.conversation(sessionId)?.userMessages.map((m) => m.text);
      assert.deepEqual(toAgent, expected('user'));
    }
    const [a, b] = cluster.callbacks.forwarded;
    assert.ok((a ?? 0) > 0 && (b ?? 0) > 0, 'callbacks reached both instances');
    for (const instance of cluster.instances) {
      assert.ok(
        instance.logs.some((l) => l.includes('callback delivered')),
        'both instances delivered callbacks',
      );
    }
  });

  it('delivers callbacks of one session posted to both instances at the same time once each', async () => {
    const { harness, instances } = cluster;
    const { user, sessionId } = await connectedChat(harness, agent, 'Don Goodliffe');
    const messages = Array.from({ length: 10 }, (_, i) => agentMessage(sessionId, `both-${i}`));
    const posts = messages.flatMap((m, i) => [
      postCallback({ url: instances[i % 2]?.url ?? '' }, m),
      postCallback({ url: instances[(i + 1) % 2]?.url ?? '' }, m),
    ]);
    const answers = await Promise.all(posts);
    assert.ok(answers.every((r) => r.status === 200));
    await user.waitFor('all of them', () => received(harness, user, 'both-').length >= 10);
    const shown = received(harness, user, 'both-').map((t) => t.replace(/^.*(both-\d+)$/, '$1'));
    assert.equal(shown.length, 10);
    assert.deepEqual([...shown].sort(), messages.map((_, i) => `both-${i}`).sort());
  });

  it('starts one chat when the user asks on both instances at the same moment', async () => {
    const { harness, instances, simulator } = cluster;
    const member = { name: 'Ed Wilson', aadObjectId: randomUUID(), email: 'ed.wilson@example.com' };
    const user = new TeamsUser(harness, member);
    await user.say('My laptop does not boot');
    await user.waitFor('the Get Help card', (t) => t.includes('getHelp'));
    await user.click({ action: 'getHelp' });
    await user.waitFor('the Live Chat offer', (t) => t.includes('liveChat'));
    await user.click({ action: 'liveChat', optionId: 'agent_broker_instance_1' });
    await user.waitFor('the description card', (t) => t.includes('submitDescription'));
    // The same submission reaches both instances at once (a double click, a Teams retry).
    const value = { action: 'submitDescription', description: 'My laptop does not boot' };
    const answers = await Promise.all(
      instances.map((instance) => user.postTo(instance.url, { type: 'message', value })),
    );
    assert.ok(answers.every((r) => r.status === 200));
    // Each turn answers only after its start request (if any) went to ServiceNow.
    const starts = simulator.requests.filter(
      (r) => r.body.action === 'AGENT' && r.body.userId === member.aadObjectId,
    );
    assert.equal(starts.length, 1, 'ServiceNow is asked for one chat');
    const sessionId = await user.sessionId();
    const record = await harness.store.users.get(member.aadObjectId);
    assert.equal(record?.value.openSessionId, sessionId);
    const session = await harness.store.sessions.get(sessionId);
    assert.notEqual(session?.value.state, 'ended');
    // The other submission is answered, not silently dropped.
    await user.waitFor('the answer to the second submission', (t) =>
      /already have a live chat|still in a live chat/.test(t),
    );
  });
});
