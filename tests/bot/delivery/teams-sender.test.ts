// Proactive sends to Teams through the Bot Connector client, against the fake Bot Connector on
// loopback: in order, as replies to one fresh id per delivery (as a botbuilder proactive turn
// sends them), retried as Teams asks (no real waiting: the sender's sleep is recorded), skipped
// when malformed, given up on for a user Teams no longer reaches, resumed from where an earlier
// attempt stopped, and every failed attempt counted.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { MessageFactory, type ConversationReference } from 'botbuilder';
import type { BackoffPolicy } from '../../../bot/delivery/backoff.js';
import { BotConnector } from '../../../bot/delivery/bot-connector.js';
import { BotConnectorError } from '../../../bot/delivery/connector-errors.js';
import { DeliveryDeferredError, UserUnreachableError } from '../../../bot/delivery/errors.js';
import { ConversationPacer } from '../../../bot/delivery/pacer.js';
import { TeamsSender } from '../../../bot/delivery/teams-sender.js';
import { createLogger } from '../../../bot/logging.js';
import type { RelayMetrics } from '../../../bot/metrics.js';
import { FakeConnector } from '../../support/fake-connector.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { close, listen } from '../../support/http.js';
import { connectedChat } from '../../support/live-chat.js';
import { OUTBOUND_TOKEN } from '../../security/support/outbound-credentials.js';
import { startSecureHarness } from '../../security/support/secure-harness.js';

const retries: BackoffPolicy = { baseMs: 100, maxMs: 1_000, budgetMs: 10_000, jitter: 0 };
/** No retry fits: the first wait is already over budget. */
const noRetries: BackoffPolicy = { baseMs: 100, maxMs: 100, budgetMs: 50, jitter: 0 };

class CountingMetrics implements RelayMetrics {
  readonly failures: string[] = [];
  messageRelayed(): void {
    // Not this module's to count.
  }
  callFailed(source: string, code: string): void {
    this.failures.push(`${source} ${code}`);
  }
}

describe('TeamsSender', () => {
  let fake: FakeConnector;
  let connector: BotConnector;
  let waits: number[];
  let metrics: CountingMetrics;
  let logs: string[];
  let conversation = 0;
  before(async () => {
    fake = await FakeConnector.start();
  });
  after(async () => {
    await fake.close();
  });
  beforeEach(() => {
    connector = new BotConnector({
      authorization: { authorization: () => Promise.resolve('Bearer bot-token') },
    });
    waits = [];
    metrics = new CountingMetrics();
    logs = [];
  });
  afterEach(() => {
    connector.close();
  });

  function sender(backoff = retries, pacer = new ConversationPacer([])): TeamsSender {
    const destination = {
      write: (line: string) => {
        logs.push(line);
        return true;
      },
    };
    return new TeamsSender({
      connector,
      pacer,
      backoff,
      metrics,
      log: createLogger({ level: 'debug', destination }),
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
  }

  function reference(serviceUrl = fake.serviceUrl): Partial<ConversationReference> {
    conversation += 1;
    return {
      channelId: 'msteams',
      serviceUrl,
      conversation: {
        id: `a:${conversation}`,
        conversationType: 'personal',
        isGroup: false,
        name: '',
      },
      bot: { id: '28:bot', name: 'Live Agent' },
      user: { id: '29:user', name: 'Abel Tuter' },
    };
  }

  const texts = (...t: string[]) => t.map((text) => MessageFactory.text(text));

  it('sends in order, each delivery replying to a fresh id of its own', async () => {
    const to = reference();
    await sender().send(to, texts('one', 'two'));
    await sender().send(to, texts('three'));
    const sent = fake.messagesTo(to.conversation!.id);
    assert.deepEqual(
      sent.map((s) => s.activity.text),
      ['one', 'two', 'three'],
    );
    const [first, second, third] = sent.map((s) => s.replyToId);
    assert.ok(first !== undefined && first !== '');
    assert.equal(second, first, 'one delivery, one id');
    assert.notEqual(third, first, 'the next delivery, another id');
    assert.deepEqual(new Set(sent.map((s) => s.authorization)), new Set(['Bearer bot-token']));
  });

  it('resumes from the activity an earlier attempt stopped at', async () => {
    const to = reference();
    await sender().send(to, texts('one', 'two', 'three'), 2);
    assert.deepEqual(
      fake.messagesTo(to.conversation!.id).map((s) => s.activity.text),
      ['three'],
    );
  });

  it('retries 429 as long as Retry-After asks, and 412 and 5xx with backoff', async () => {
    const to = reference();
    fake.failNext(
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 429 },
      { status: 412 },
      { status: 502 },
      { status: 504 },
    );
    await sender().send(to, texts('after the faults'));
    assert.deepEqual(waits, [2000, 200, 400, 800, 1000]);
    assert.equal(fake.messagesTo(to.conversation!.id).length, 1);
    assert.deepEqual(metrics.failures, [
      'teams 429',
      'teams 429',
      'teams 412',
      'teams 502',
      'teams 504',
    ]);
    assert.equal(logs.filter((l) => l.includes('Teams send failed; retrying')).length, 5);
  });

  it('skips an activity Teams rejects as malformed and sends the rest', async () => {
    const to = reference();
    fake.failNext({ status: 400, body: { error: { code: 'BadArgument' } } });
    await sender().send(to, texts('malformed', 'fine'));
    assert.deepEqual(
      fake.messagesTo(to.conversation!.id).map((s) => s.activity.text),
      ['fine'],
    );
    assert.ok(logs.some((l) => l.includes('Teams rejected an activity; skipped')));
    assert.deepEqual(waits, []);
  });

  for (const status of [403, 404]) {
    it(`gives up on a user Teams answers ${status} for, without retrying`, async () => {
      const to = reference();
      fake.failNext({ status, body: { error: { code: 'BotNotInConversationRoster' } } });
      await assert.rejects(sender().send(to, texts('gone')), (error: unknown) => {
        assert.ok(error instanceof UserUnreachableError);
        assert.equal(error.status, status);
        assert.ok(error.cause instanceof BotConnectorError);
        assert.equal(error.cause.connectorCode, 'BotNotInConversationRoster');
        return true;
      });
      assert.deepEqual(waits, []);
      assert.deepEqual(metrics.failures, [`teams ${status}`]);
    });
  }

  it('defers what is left, with how much was sent, when the retries do not fit', async () => {
    const to = reference();
    fake.setFaultPolicy((_id, activity) =>
      activity.text === 'second' ? { status: 502 } : undefined,
    );
    try {
      await assert.rejects(sender(noRetries).send(to, texts('first', 'second', 'third')), (e) => {
        assert.ok(e instanceof DeliveryDeferredError);
        assert.equal(e.done, 1);
        return true;
      });
    } finally {
      fake.setFaultPolicy(undefined);
    }
    assert.deepEqual(
      fake.messagesTo(to.conversation!.id).map((s) => s.activity.text),
      ['first'],
    );
  });

  it('retries a connector that cannot be reached, then defers', async () => {
    const closed = createServer();
    const url = await listen(closed);
    await close(closed);
    // Two waits fit the budget (100 + 200 ms), a third (400 ms) does not.
    const policy: BackoffPolicy = { baseMs: 100, maxMs: 1_000, budgetMs: 300, jitter: 0 };
    await assert.rejects(
      sender(policy).send(reference(`${url}/teams/`), texts('nobody there')),
      (e) => e instanceof DeliveryDeferredError && e.done === 0,
    );
    assert.deepEqual(waits, [100, 200]);
    assert.deepEqual(metrics.failures, [
      'teams CONNECTOR_NETWORK',
      'teams CONNECTOR_NETWORK',
      'teams CONNECTOR_NETWORK',
    ]);
  });

  it('defers a delivery whose reference cannot be addressed, sending nothing', async () => {
    await assert.rejects(
      sender().send({ ...reference(), serviceUrl: undefined }, texts('sent before', 'nowhere'), 1),
      (e) => e instanceof DeliveryDeferredError && e.done === 1,
    );
  });

  it('paces the sends of a conversation', async () => {
    let now = 1_000_000;
    const paced: number[] = [];
    const pacer = new ConversationPacer(
      [{ windowMs: 1_000, max: 2 }],
      () => now,
      (ms) => {
        paced.push(ms);
        now += ms;
        return Promise.resolve();
      },
    );
    const to = reference();
    await sender(retries, pacer).send(to, texts('1', '2', '3'));
    assert.deepEqual(paced, [1_000]);
    assert.equal(fake.messagesTo(to.conversation!.id).length, 3);
  });
});

const setups = {
  'without Bot Framework authentication': async () => ({
    harness: await startHarness(),
    token: undefined,
  }),
  'with Bot Framework authentication': async () => ({
    harness: await startSecureHarness(),
    token: `Bearer ${OUTBOUND_TOKEN}`,
  }),
};

for (const [name, setup] of Object.entries(setups)) {
  describe(`the relay’s proactive messages in the app, ${name}`, () => {
    let harness: Harness;
    let token: string | undefined;
    before(async () => {
      ({ harness, token } = await setup());
    });
    after(async () => {
      await harness.close();
    });

    it('carry the bot’s token (none without authentication), as replies in turns do', async () => {
      const { user, sessionId } = await connectedChat(harness);
      await harness.simulator.agent('Jordan Taylor').say(sessionId, 'Signed and delivered.');
      const message = await user.waitFor('the agent message', (t) => t.includes('Signed and'));
      assert.equal(message.authorization, token);
      assert.ok(message.replyToId, 'a reply to the delivery’s own id, as botbuilder sent it');
      assert.equal((message.activity.from as { id?: string } | undefined)?.id, '28:bot');
      assert.ok(user.received.length > 3, 'replies in turns and proactive messages');
      for (const sent of user.received) assert.equal(sent.authorization, token);
    });
  });
}
