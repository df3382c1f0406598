// User messages straight to ServiceNow, against a VA API on loopback that answers as each case
// needs: what goes straight, what is queued in the outbox instead, and what is recognised as a
// repeat. The queues are recorded (their own behaviour is tested with the session queues).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { DirectRelay } from '../../../bot/live-chat/direct-relay.js';
import {
  ServiceNowDelivery,
  type UserMessage,
} from '../../../bot/live-chat/servicenow-delivery.js';
import type { SessionQueues } from '../../../bot/delivery/queues.js';
import { createLogger } from '../../../bot/logging.js';
import type { InboxPayload, LiveChatSession, OutboxPayload } from '../../../bot/store/types.js';
import { SnowHttp } from '../../../snow/src/http.js';
import { VirtualAgentApi } from '../../../snow/src/va-api.js';
import { sampleSession } from '../store/fixtures.js';
import {
  RecordingServer,
  vaAccepted,
  type CannedResponse,
} from '../../snow/support/recording-server.js';

const log = createLogger({ level: 'silent' });
const servers: RecordingServer[] = [];

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

class RecordingQueues implements SessionQueues {
  readonly toAgent: { sessionId: string; payload: OutboxPayload; dedupKey?: string }[] = [];
  readonly toUserPayloads: InboxPayload[] = [];

  toUser(_sessionId: string, payload: InboxPayload): Promise<void> {
    this.toUserPayloads.push(payload);
    return Promise.resolve();
  }

  toServiceNow(sessionId: string, payload: OutboxPayload, dedupKey?: string): Promise<void> {
    this.toAgent.push({ sessionId, payload, dedupKey });
    return Promise.resolve();
  }

  resume(): void {}
}

async function setup(
  responses: CannedResponse | readonly CannedResponse[],
  options: { direct?: boolean } = {},
) {
  const server = await RecordingServer.start(responses);
  servers.push(server);
  const http = new SnowHttp({
    instanceUrl: server.url,
    username: 'svc.teams',
    password: 'not-a-secret',
    retry: { limit: 0, baseDelayMs: 1, maxDelayMs: 1 },
    timeoutMs: 2_000,
  });
  const queues = new RecordingQueues();
  const delivery = new ServiceNowDelivery({ va: new VirtualAgentApi({ http }), queues, log });
  const relay = new DirectRelay({ delivery, queues, log, ...options });
  const sent = () =>
    server.requests.map((r) => (r.json as { message?: { text?: string } }).message?.text);
  const queued = () =>
    queues.toAgent.map((q) => (q.payload.kind === 'message' ? q.payload.text : q.payload.kind));
  return { relay, queues, sent, queued };
}

const message = (text: string): UserMessage => ({ kind: 'message', text, clientMessageId: text });
const connected = (overrides: Partial<LiveChatSession> = {}): LiveChatSession =>
  sampleSession({ state: 'connected', startedAt: '2025-01-01T10:00:00.000Z', ...overrides });

describe('user messages straight to ServiceNow', () => {
  it('sends a message straight to ServiceNow when nothing is queued before it', async () => {
    const { relay, sent, queued } = await setup(vaAccepted);
    const session = connected();
    await relay.relay(session, message('hello'), 'a:1');
    assert.deepEqual(sent(), ['hello']);
    assert.deepEqual(queued(), []);
  });

  it('queues a message ServiceNow did not take, and the next ones behind it', async () => {
    const { relay, sent, queued } = await setup([{ status: 503 }, vaAccepted]);
    const session = connected();
    await relay.relay(session, message('first'), 'a:1');
    // The session as the next turn read it still shows an empty outbox.
    await relay.relay(session, message('second'), 'a:2');
    assert.deepEqual(sent(), ['first'], 'only the first was tried');
    assert.deepEqual(queued(), ['first', 'second']);
  });

  it('queues a message when sending fails in an unexpected way', async () => {
    const { relay, queued } = await setup({ reset: true });
    await relay.relay(connected(), message('lost connection'), 'a:1');
    assert.deepEqual(queued(), ['lost connection']);
  });

  it('queues behind what the outbox holds, or while another instance delivers it', async () => {
    const { relay, sent, queued } = await setup(vaAccepted);
    const waiting = connected({
      outbox: {
        appended: 1,
        items: [{ seq: 1, appendedAt: '', payload: message('earlier') }],
        recent: [],
      },
    });
    const delivering = connected({
      outbox: { appended: 3, items: [], recent: [], lease: { owner: 'other', until: Date.now() } },
    });
    await relay.relay(waiting, message('behind'), 'a:1');
    await relay.relay(delivering, message('also behind'), 'a:2');
    assert.deepEqual(sent(), []);
    assert.deepEqual(queued(), ['behind', 'also behind']);
  });

  it('waits in the outbox until ServiceNow has taken the start request', async () => {
    const { relay, sent, queued } = await setup(vaAccepted);
    await relay.relay(connected({ state: 'requested', startedAt: undefined }), message('early'));
    assert.deepEqual(sent(), []);
    assert.deepEqual(queued(), ['early']);
  });

  it('passes a repeated Teams activity on once', async () => {
    const { relay, sent } = await setup(vaAccepted);
    const session = connected();
    await relay.relay(session, message('once'), 'a:same');
    await relay.relay(session, message('once'), 'a:same');
    assert.deepEqual(sent(), ['once']);
  });

  it('keeps the order of one chat’s messages sent at the same time', async () => {
    const { relay, sent } = await setup([{ ...vaAccepted, delayMs: 30 }, vaAccepted]);
    const session = connected();
    await Promise.all([
      relay.relay(session, message('one'), 'a:1'),
      relay.relay(session, message('two'), 'a:2'),
    ]);
    assert.deepEqual(sent(), ['one', 'two']);
  });

  it('queues the end of the chat only after the message before it reached ServiceNow', async () => {
    const { relay, sent, queued } = await setup({ ...vaAccepted, delayMs: 50 });
    const session = connected();
    const order: string[] = [];
    await Promise.all([
      relay.relay(session, message('last words'), 'a:1').then(() => order.push('message')),
      relay.queue(session, { kind: 'end' }, 'end').then(() => order.push('end')),
    ]);
    assert.deepEqual(sent(), ['last words']);
    assert.deepEqual(queued(), ['end']);
    assert.deepEqual(order, ['message', 'end']);
  });

  it('queues every message when configured to (DELIVERY_USER_MESSAGES=outbox)', async () => {
    const { relay, sent, queued } = await setup(vaAccepted, { direct: false });
    await relay.relay(connected(), message('stored first'), 'a:1');
    assert.deepEqual(sent(), []);
    assert.deepEqual(queued(), ['stored first']);
  });

  it('tells the user when ServiceNow refuses a message, and does not queue it', async () => {
    const { relay, queues, queued } = await setup({ status: 400, body: { error: 'bad' } });
    await relay.relay(connected(), message('refused'), 'a:1');
    assert.deepEqual(queued(), []);
    assert.equal(queues.toUserPayloads.length, 1);
    assert.equal(queues.toUserPayloads[0]?.kind, 'notice');
  });
});
