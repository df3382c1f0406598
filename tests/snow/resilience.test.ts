// Resilience of the transport: backoff with jitter and its cap, Retry-After, which failures a VA
// API post is repeated after (only those ServiceNow provably did not act on), timeouts, and
// one-at-a-time sending per chat.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, describe, it } from 'node:test';
import { SnowUnavailableError } from '../../snow/src/errors.js';
import { SnowHttp, type SnowHttpOptions } from '../../snow/src/http.js';
import { TableApi } from '../../snow/src/table-api.js';
import { VirtualAgentApi } from '../../snow/src/va-api.js';
import { close, listen } from '../support/http.js';
import {
  RecordingServer,
  rows,
  vaAccepted,
  type CannedResponse,
} from './support/recording-server.js';

const servers: RecordingServer[] = [];
const listOptions = { fields: ['sys_id'], limit: 1 };
const ref = { clientSessionId: 'conv-1', userId: 'aad-1' };
const message = (text: string, clientSessionId = 'conv-1') => ({
  ...ref,
  clientSessionId,
  text,
  clientMessageId: `m-${text}`,
});

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function serve(responses: CannedResponse | readonly CannedResponse[]) {
  const server = await RecordingServer.start(responses);
  servers.push(server);
  return server;
}

/** A client whose backoff waits are recorded instead of slept (or handled by `onWait`). */
function client(
  url: string,
  extra: Partial<SnowHttpOptions> & { onWait?: (ms: number) => Promise<void> } = {},
) {
  const waits: number[] = [];
  const { onWait, ...rest } = extra;
  const http = new SnowHttp({
    instanceUrl: url,
    username: 'svc',
    password: 'pw',
    retry: { limit: 3, baseDelayMs: 100, maxDelayMs: 1000 },
    wait: async (ms) => {
      waits.push(ms);
      await onWait?.(ms);
    },
    ...rest,
  } as SnowHttpOptions);
  return { waits, tables: new TableApi(http), va: new VirtualAgentApi({ http }) };
}

describe('retries', () => {
  it('backs off exponentially with jitter between half and all of the step, up to the cap', async () => {
    const busy = { status: 503, body: 'busy' };
    const low = await serve(busy);
    const lowClient = client(low.url, { random: () => 0 });
    await assert.rejects(lowClient.tables.list('sys_user', listOptions), SnowUnavailableError);
    assert.deepEqual(lowClient.waits, [50, 100, 200]);
    const high = await serve(busy);
    const highClient = client(high.url, {
      random: () => 1,
      retry: { limit: 4, baseDelayMs: 300, maxDelayMs: 1000 },
    });
    await assert.rejects(highClient.tables.list('sys_user', listOptions), SnowUnavailableError);
    assert.deepEqual(highClient.waits, [300, 600, 1000, 1000]);
  });

  it('waits exactly the Retry-After ServiceNow asks for, within the bound', async () => {
    const server = await serve([
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 429 },
      rows({ sys_id: 'a' }),
    ]);
    const { waits, tables } = client(server.url, { random: () => 0 });
    assert.deepEqual(await tables.list('sys_user', listOptions), [{ sys_id: 'a' }]);
    assert.deepEqual(waits, [1000, 100], 'Retry-After, then backoff for a 429 without one');
  });

  it('retries a GET on 502 and 504 and on a reset connection', async () => {
    const server = await serve([{ status: 502 }, { status: 504 }, { reset: true }, rows()]);
    await client(server.url).tables.list('sys_user', listOptions);
    assert.equal(server.requests.length, 4);
  });

  it('does not retry a GET on 500, which is not transient', async () => {
    const server = await serve({ status: 500 });
    await assert.rejects(
      client(server.url).tables.list('sys_user', listOptions),
      SnowUnavailableError,
    );
    assert.equal(server.requests.length, 1);
  });

  it('sends a VA API post again when the connection was refused, as it never reached ServiceNow', async () => {
    const probe = createServer();
    const url = await listen(probe);
    await close(probe);
    let revived: Server | undefined;
    const received: string[] = [];
    const { va, waits } = client(url, {
      onWait: async () => {
        if (revived !== undefined) return;
        revived = createServer((req, res) => {
          let body = '';
          req.on('data', (chunk: Buffer) => (body += chunk.toString()));
          req.on('end', () => {
            received.push(body);
            res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success"}');
          });
        });
        const { port } = new URL(url);
        await new Promise<void>((resolve) => revived!.listen(Number(port), '127.0.0.1', resolve));
      },
    });
    try {
      const ack = await va.sendMessage(message('hello'));
      assert.equal(waits.length, 1);
      assert.equal(received.length, 1);
      assert.equal((JSON.parse(received[0]!) as { requestId: string }).requestId, ack.requestId);
    } finally {
      if (revived !== undefined) await close(revived);
    }
  });

  it('never sends a VA API post again after the connection broke once it was sent', async () => {
    const server = await serve([{ reset: true }, vaAccepted]);
    const { va } = client(server.url);
    await assert.rejects(
      va.sendMessage(message('hello')),
      (err) => err instanceof SnowUnavailableError && !err.safeToRetry,
    );
    assert.equal(server.requests.length, 1);
  });

  it('marks an unreachable host as safe to retry for the caller', async () => {
    const { va } = client('http://host.invalid', {
      retry: { limit: 0, baseDelayMs: 1, maxDelayMs: 1 },
    });
    await assert.rejects(
      va.sendMessage(message('hello')),
      (err) => err instanceof SnowUnavailableError && err.safeToRetry,
    );
  });
});

describe('timeouts', () => {
  it('gives up waiting for response headers after the response timeout, not the overall one', async () => {
    const server = await serve({ hang: true });
    const { va } = client(server.url, { timeouts: { responseMs: 100, requestMs: 60_000 } });
    const started = Date.now();
    await assert.rejects(
      va.sendMessage(message('hello')),
      (err) => err instanceof SnowUnavailableError && !err.safeToRetry,
    );
    assert.ok(Date.now() - started < 5000);
    assert.equal(server.requests.length, 1, 'a post that may have been processed is not repeated');
  });
});

describe('one request at a time per chat', () => {
  it('sends the requests of one chat in order, each after the previous answer', async () => {
    const server = await serve({ ...vaAccepted, delayMs: 30 });
    const { va } = client(server.url);
    await Promise.all([
      va.sendMessage(message('1')),
      va.sendMessage(message('2')),
      va.endChat(ref),
    ]);
    assert.deepEqual(server.events, [
      'arrive:1',
      'answer:1',
      'arrive:2',
      'answer:2',
      'arrive:3',
      'answer:3',
    ]);
    const texts = server.requests.map(
      (r) => (r.json as { message: { text: string } }).message.text,
    );
    assert.deepEqual(texts, ['1', '2', '']);
  });

  it('lets different chats proceed side by side', async () => {
    const server = await serve({ ...vaAccepted, delayMs: 30 });
    const { va } = client(server.url);
    await Promise.all([
      va.sendMessage(message('a', 'chat-a')),
      va.sendMessage(message('b', 'chat-b')),
    ]);
    assert.deepEqual(server.events.slice(0, 2), ['arrive:1', 'arrive:2']);
  });

  it('goes on with the next request of a chat after one failed', async () => {
    const server = await serve([{ status: 400, body: { status: 'failure' } }, vaAccepted]);
    const { va } = client(server.url);
    const results = await Promise.allSettled([
      va.sendMessage(message('1')),
      va.sendMessage(message('2')),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'fulfilled'],
    );
  });
});
