// The real app over HTTP reuses its Bot Connector clients: the turns of a user share one client,
// proactive turns share one too, and every reply still reaches the (fake) Bot Connector, with the
// bot's token when authentication is on. Kept clients are left as botbuilder built them, so the
// replies of inbound turns keep the SDK's own retries.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { ConversationReference, TurnContext } from 'botbuilder';
import type { App } from '../../../bot/app.js';
import { startHarness, TeamsUser, type Harness } from '../../support/harness.js';
import { OUTBOUND_TOKEN } from '../../security/support/outbound-credentials.js';
import { APP_ID, startSecureHarness } from '../../security/support/secure-harness.js';

/** The connector client of every inbound message turn, in order. */
function recordTurnClients(app: App): unknown[] {
  const clients: unknown[] = [];
  app.adapter.use({
    onTurn: async (context, next) => {
      if (context.activity.type === 'message') clients.push(connectorOf(context));
      await next();
    },
  });
  return clients;
}

function connectorOf(context: TurnContext): unknown {
  return context.turnState.get(context.adapter.ConnectorClientKey);
}

function referenceTo(harness: Harness, user: TeamsUser): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl: harness.connector.serviceUrl,
    conversation: {
      id: user.conversationId,
      conversationType: 'personal',
      isGroup: false,
      name: '',
    },
    bot: { id: '28:bot', name: 'Live Agent' },
    user: { id: user.teamsId, name: user.member.name },
  };
}

interface ProactiveTurn {
  readonly client: unknown;
  readonly error?: unknown;
}

/** A proactive turn that sends one message. */
async function sendProactively(
  harness: Harness,
  botAppId: string,
  user: TeamsUser,
  text: string,
): Promise<ProactiveTurn> {
  let turn: ProactiveTurn | undefined;
  await harness.app.adapter.continueConversationAsync(
    botAppId,
    referenceTo(harness, user),
    async (context) => {
      try {
        await context.sendActivity(text);
        turn = { client: connectorOf(context) };
      } catch (error) {
        turn = { client: connectorOf(context), error };
      }
    },
  );
  assert.ok(turn, 'the proactive turn ran');
  return turn;
}

/** Two turns of one user, each answered: the second after the first's answer arrived. */
async function twoTurns(harness: Harness, user: TeamsUser): Promise<void> {
  await user.say('My VPN keeps disconnecting');
  await user.waitFor('the Get Help card', (t) => t.includes('getHelp'));
  const before = harness.connector.sent.length;
  await user.click({ action: 'getHelp' });
  await harness.connector.waitForActivity(
    'an answer to the second turn',
    (s) => s.conversationId === user.conversationId,
    before,
  );
}

const throttled = { status: 429, headers: { 'retry-after': '0' } };

const setups = {
  'without Bot Framework authentication': async () => ({
    harness: await startHarness(),
    botAppId: '',
    token: undefined,
  }),
  'with Bot Framework authentication': async () => ({
    harness: await startSecureHarness(),
    botAppId: APP_ID,
    token: `Bearer ${OUTBOUND_TOKEN}`,
  }),
};

for (const [name, setup] of Object.entries(setups)) {
  describe(`Bot Connector clients across turns, ${name}`, () => {
    let harness: Harness;
    let botAppId: string;
    let token: string | undefined;
    before(async () => {
      ({ harness, botAppId, token } = await setup());
    });
    after(async () => {
      await harness.close();
    });

    it('reuses one client for the turns of a user and one for proactive turns', async () => {
      const turnClients = recordTurnClients(harness.app);
      const user = new TeamsUser(harness);
      await twoTurns(harness, user);
      const first = await sendProactively(harness, botAppId, user, 'proactive one');
      const second = await sendProactively(harness, botAppId, user, 'proactive two');

      assert.equal(turnClients.length, 2);
      assert.ok(turnClients[0] !== undefined);
      assert.equal(turnClients[1], turnClients[0], 'the second turn reused the first one’s client');
      assert.equal(first.error, undefined);
      assert.equal(second.error, undefined);
      assert.equal(second.client, first.client, 'the proactive turns share a client');

      const sent = harness.connector.messagesTo(user.conversationId);
      const texts = sent.map((s) => s.activity.text);
      assert.ok(texts.includes('proactive one') && texts.includes('proactive two'), 'both arrived');
      assert.ok(sent.length >= 4, 'both turns were answered too');
      for (const s of sent) assert.equal(s.authorization, token);
    });

    it('keeps the SDK’s retries for the replies of inbound turns', async () => {
      const user = new TeamsUser(harness, {
        name: 'Beth Anglin',
        aadObjectId: randomUUID(),
        email: 'beth.anglin@example.com',
      });
      harness.connector.failNext(throttled);
      await user.say('My laptop is slow');
      await user.waitFor('the Get Help card after a 429', (t) => t.includes('getHelp'));
      const statuses = harness.connector.attempts
        .filter((a) => a.conversationId === user.conversationId)
        .map((a) => a.status);
      assert.equal(statuses[0], 429);
      assert.ok(statuses.includes(200), statuses.join(','));
    });
  });
}
