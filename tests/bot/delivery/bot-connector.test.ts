// The lean Bot Connector client against a real server on loopback: where it posts, what it posts
// (the same as a botbuilder proactive turn, compared on the wire), with which headers and token,
// over kept-alive connections, and how refusals, timeouts and failed connections come back.
import assert from 'node:assert/strict';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import {
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  type Activity,
  type ConversationReference,
} from 'botbuilder';
import { BotConnector, type BotAuthorization } from '../../../bot/delivery/bot-connector.js';
import {
  BotConnectorError,
  BotConnectorErrorCodes,
} from '../../../bot/delivery/connector-errors.js';
import { close, listen, readBody } from '../../support/http.js';

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

type Answer = (res: ServerResponse) => void;

const accepted: Answer = (res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ id: 'assigned-id' }));
};

/** Records every POST and answers it with `answer` (200 with an id unless told otherwise). */
class LoopbackConnector {
  readonly received: Received[] = [];
  answer: Answer = accepted;
  connections = 0;
  base = '';
  private readonly server = createServer((req, res) => {
    void this.handle(req, res);
  });

  async start(): Promise<void> {
    this.server.on('connection', () => {
      this.connections += 1;
    });
    this.base = await listen(this.server);
  }

  close(): Promise<void> {
    return close(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    this.received.push({ path: req.url ?? '', headers: req.headers, body });
    this.answer(res);
  }
}

/** Authorization that hands out a fixed header and remembers whom it was asked for. */
class FixedAuthorization implements BotAuthorization {
  readonly askedFor: string[] = [];
  constructor(private readonly header: string | undefined) {}

  authorization(serviceUrl: string): Promise<string | undefined> {
    this.askedFor.push(serviceUrl);
    return Promise.resolve(this.header);
  }
}

function referenceTo(serviceUrl: string): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl,
    locale: 'de-DE',
    conversation: {
      id: 'a:1Xy;messageid=42',
      conversationType: 'personal',
      tenantId: 'tenant-1',
      isGroup: false,
      name: '',
    },
    bot: { id: '28:bot', name: 'Live Agent' },
    user: { id: '29:user', name: 'Abel Tuter', aadObjectId: 'aad-1' },
  };
}

async function rejection(promise: Promise<unknown>): Promise<BotConnectorError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof BotConnectorError, String(error));
    return error;
  }
  assert.fail('expected the send to fail');
}

describe('BotConnector', () => {
  const server = new LoopbackConnector();
  const authorization = new FixedAuthorization('Bearer token-for-the-connector');
  let connector: BotConnector;
  before(async () => {
    await server.start();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.received.length = 0;
    server.answer = accepted;
    connector = new BotConnector({ authorization, timeoutMs: 2_000 });
  });
  afterEach(() => {
    connector.close();
  });

  it('replies to the reference’s activity under its serviceUrl, with or without a trailing slash', async () => {
    for (const serviceUrl of [`${server.base}/teams/`, `${server.base}/teams`]) {
      const address = connector.address({ ...referenceTo(serviceUrl), activityId: 'f:1/2' });
      await connector.send(address, MessageFactory.text('hello'));
    }
    const expected = '/teams/v3/conversations/a%3A1Xy%3Bmessageid%3D42/activities/f%3A1%2F2';
    assert.deepEqual(
      server.received.map((r) => r.path),
      [expected, expected],
    );
    assert.deepEqual(
      server.received.map((r) => r.body.replyToId),
      ['f:1/2', 'f:1/2'],
    );
  });

  it('posts to the conversation when there is nothing to reply to', async () => {
    const address = connector.address(referenceTo(`${server.base}/teams/`));
    await connector.send(address, MessageFactory.text('hello'));
    // As TurnContext.applyConversationReference: the activity's own replyToId stays then.
    await connector.send(address, { ...MessageFactory.text('in a thread'), replyToId: 'r-1' });
    assert.deepEqual(
      server.received.map((r) => r.path),
      [
        '/teams/v3/conversations/a%3A1Xy%3Bmessageid%3D42/activities',
        '/teams/v3/conversations/a%3A1Xy%3Bmessageid%3D42/activities/r-1',
      ],
    );
    assert.equal(server.received[0]?.body.replyToId, undefined);
  });

  it('sends JSON with the bot’s bearer token', async () => {
    const serviceUrl = `${server.base}/teams/`;
    await connector.send(connector.address(referenceTo(serviceUrl)), MessageFactory.text('hi'));
    const { headers, body } = server.received[0]!;
    assert.equal(headers.authorization, 'Bearer token-for-the-connector');
    assert.equal(headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(Number(headers['content-length']), Buffer.byteLength(JSON.stringify(body)));
    assert.equal(headers['x-ms-conversation-id'], 'a:1Xy;messageid=42');
    assert.match(headers['user-agent'] ?? '', /^Microsoft-BotFramework\/3\.1 /);
    assert.equal(authorization.askedFor.at(-1), serviceUrl);
  });

  it('sends no Authorization header when authentication is off', async () => {
    const anonymous = new BotConnector({ authorization: new FixedAuthorization(undefined) });
    try {
      const address = anonymous.address(referenceTo(`${server.base}/teams/`));
      await anonymous.send(address, MessageFactory.text('hi'));
    } finally {
      anonymous.close();
    }
    assert.equal('authorization' in server.received[0]!.headers, false);
  });

  it('stamps the activity with the reference and keeps only the schema’s fields', async () => {
    const reference = referenceTo(`${server.base}/teams/`);
    const address = connector.address({
      ...reference,
      user: { ...reference.user!, stray: 'not in the schema' } as never,
    });
    const activity = {
      text: 'hello',
      id: 'mine',
      timestamp: new Date(Date.UTC(2025, 0, 2, 3, 4, 5)),
      internalNote: 'not in the schema',
    } as Partial<Activity>;
    const before = JSON.stringify(activity);
    await connector.send(address, activity);
    await connector.send(address, { type: 'typing', locale: 'fr-FR' });
    assert.deepEqual(server.received[0]?.body, {
      type: 'message',
      text: 'hello',
      timestamp: '2025-01-02T03:04:05.000Z',
      channelId: 'msteams',
      locale: 'de-DE',
      serviceUrl: reference.serviceUrl,
      conversation: reference.conversation,
      from: reference.bot,
      recipient: reference.user,
    });
    const typing = server.received[1]!.body;
    assert.equal(typing.type, 'typing');
    assert.equal(typing.locale, 'fr-FR', 'an activity’s own locale is kept');
    assert.equal(JSON.stringify(activity), before, 'the activity itself is left as it was');
  });

  it('puts on the wire what a botbuilder proactive turn puts there', async () => {
    const reference = referenceTo(`${server.base}/teams`);
    const strayed = {
      ...reference,
      bot: { ...reference.bot, stray: 1 },
      conversation: { ...reference.conversation, stray: 2 },
    } as Partial<ConversationReference>;
    const activities: Partial<Activity>[] = [
      MessageFactory.text('**Jordan Taylor:** hello'),
      { type: 'typing' },
      MessageFactory.attachment(
        CardFactory.adaptiveCard({ type: 'AdaptiveCard', version: '1.5', body: [] }),
      ),
      {
        ...MessageFactory.suggestedActions(['Yes', 'No'], 'Did that help?'),
        textFormat: 'markdown',
        entities: [{ type: 'mention', text: '<at>Abel</at>', mentioned: { id: '29:user' } }],
        channelData: { notification: { alert: true } },
        timestamp: new Date(0),
        id: 'dropped',
        // From a store, values can be null; fields outside the schema are dropped.
        ...({ summary: null, internalNote: 'dropped too' } as object),
      },
    ];
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    await adapter.continueConversationAsync('', strayed, async (context) => {
      for (const activity of activities) await context.sendActivity(activity);
    });
    const sdk = server.received.splice(0);
    assert.equal(sdk.length, activities.length);
    const continuationId = sdk[0]!.body.replyToId as string;
    const address = connector.address({ ...strayed, activityId: continuationId });
    for (const activity of activities) await connector.send(address, activity);
    assert.deepEqual(
      server.received.map((r) => [r.path, r.body]),
      sdk.map((r) => [r.path, r.body]),
    );
    for (const [index, r] of server.received.entries()) {
      assert.equal(r.headers['content-type'], sdk[index]?.headers['content-type']);
      assert.equal(r.headers['x-ms-conversation-id'], sdk[index]?.headers['x-ms-conversation-id']);
    }
  });

  it('keeps the connection alive from one send to the next', async () => {
    const before = server.connections;
    const address = connector.address(referenceTo(`${server.base}/teams/`));
    for (let i = 0; i < 5; i++) await connector.send(address, MessageFactory.text(`m${i}`));
    assert.equal(server.received.length, 5);
    assert.equal(server.connections - before, 1);
  });

  it('rejects a refusal with its status, headers and the connector’s error code', async () => {
    server.answer = (res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3' });
      res.end(JSON.stringify({ error: { code: 'Throttled', message: 'Slow down, secret text' } }));
    };
    const address = connector.address(referenceTo(`${server.base}/teams/`));
    const error = await rejection(connector.send(address, MessageFactory.text('hi')));
    assert.equal(error.code, BotConnectorErrorCodes.CONNECTOR_STATUS);
    assert.equal(error.statusCode, 429);
    assert.equal(error.headers['retry-after'], '3');
    assert.equal(error.connectorCode, 'Throttled');
    assert.doesNotMatch(error.message, /secret|hi/);
  });

  it('rejects a refusal whose body is not JSON with its status alone', async () => {
    server.answer = (res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad gateway</html>');
    };
    const address = connector.address(referenceTo(`${server.base}/teams/`));
    const error = await rejection(connector.send(address, MessageFactory.text('hi')));
    assert.equal(error.statusCode, 502);
    assert.equal(error.connectorCode, undefined);
  });

  it('counts a 2xx as sent even when the rest of the answer is cut off', async () => {
    server.answer = (res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"id":', () => res.socket?.destroy());
    };
    const address = connector.address(referenceTo(`${server.base}/teams/`));
    await connector.send(address, MessageFactory.text('hi'));
    assert.equal(server.received.length, 1);
  });

  it('gives up on an answer that does not come in time', async () => {
    const held: ServerResponse[] = [];
    server.answer = (res) => held.push(res);
    const impatient = new BotConnector({ authorization, timeoutMs: 50 });
    try {
      const address = impatient.address(referenceTo(`${server.base}/teams/`));
      const error = await rejection(impatient.send(address, MessageFactory.text('hi')));
      assert.equal(error.code, BotConnectorErrorCodes.CONNECTOR_TIMEOUT);
      assert.equal(error.statusCode, undefined);
    } finally {
      impatient.close();
      for (const res of held) res.destroy();
    }
  });

  it('reports a dropped or refused connection as a network error', async () => {
    server.answer = (res) => res.socket?.destroy();
    const address = connector.address(referenceTo(`${server.base}/teams/`));
    const dropped = await rejection(connector.send(address, MessageFactory.text('hi')));
    assert.equal(dropped.code, BotConnectorErrorCodes.CONNECTOR_NETWORK);

    const closed = createServer();
    const closedUrl = await listen(closed);
    await close(closed);
    const nobody = connector.address(referenceTo(`${closedUrl}/teams/`));
    const refused = await rejection(connector.send(nobody, MessageFactory.text('hi')));
    assert.equal(refused.code, BotConnectorErrorCodes.CONNECTOR_NETWORK);
    assert.equal((refused.cause as { code?: string } | undefined)?.code, 'ECONNREFUSED');
  });

  it('sends nothing when the credentials give no token', async () => {
    const failing: BotAuthorization = {
      authorization: () => Promise.reject(new Error('AADSTS7000215: Invalid client secret')),
    };
    const unsigned = new BotConnector({ authorization: failing });
    try {
      const address = unsigned.address(referenceTo(`${server.base}/teams/`));
      const error = await rejection(unsigned.send(address, MessageFactory.text('hi')));
      assert.equal(error.code, BotConnectorErrorCodes.CONNECTOR_NO_TOKEN);
      assert.ok(error.cause instanceof Error);
    } finally {
      unsigned.close();
    }
    assert.equal(server.received.length, 0);
  });

  it('refuses a reference it cannot address', () => {
    const good = referenceTo(`${server.base}/teams/`);
    const bad: Partial<ConversationReference>[] = [
      { ...good, serviceUrl: undefined },
      { ...good, serviceUrl: 'ftp://example.com/teams/' },
      { ...good, serviceUrl: 'not a url' },
      { ...good, conversation: undefined },
      { ...good, conversation: { ...good.conversation!, id: 'a:1\r\nx-injected: yes' } },
    ];
    for (const reference of bad) {
      assert.throws(
        () => connector.address(reference),
        (error: unknown) =>
          error instanceof BotConnectorError &&
          error.code === BotConnectorErrorCodes.CONNECTOR_BAD_ADDRESS,
      );
    }
  });
});
