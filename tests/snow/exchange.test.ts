import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import got, { RequestError } from 'got';
import { exchange } from '../../snow/src/exchange.js';

const servers: Server[] = [];

/** A loopback server answering every request with `handler`; resolves with its base URL. */
async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

function client(prefixUrl: string) {
  return got.extend({
    prefixUrl,
    throwHttpErrors: false,
    retry: { limit: 0 },
    timeout: { response: 500 },
  });
}

after(() => {
  for (const server of servers) server.close();
});

describe('exchange', () => {
  it('sends method, headers and body, and reads the whole answer as text', async () => {
    let seen: { method?: string; type?: string; body: string } = { body: '' };
    const url = await serve((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        seen = { method: req.method, type: req.headers['content-type'], body };
        res.writeHead(201, { 'content-type': 'application/json', 'retry-after': '3' });
        // "é" split between two writes: the text is decoded once, from all the bytes.
        const bytes = Buffer.from('{"text":"café"}', 'utf8');
        res.write(bytes.subarray(0, 12));
        res.end(bytes.subarray(12));
      });
    });
    const answer = await exchange(client(url), 'api/x', {
      method: 'PATCH',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
    assert.deepEqual(seen, { method: 'PATCH', type: 'application/json', body: '{"a":1}' });
    assert.equal(answer.statusCode, 201);
    assert.equal(answer.headers['retry-after'], '3');
    assert.equal(answer.body, '{"text":"café"}');
  });

  it('gives an error status back as an answer, with its body', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end('<html>Hibernating</html>');
    });
    const answer = await exchange(client(url), 'api/x', { method: 'GET' });
    assert.equal(answer.statusCode, 503);
    assert.equal(answer.body, '<html>Hibernating</html>');
  });

  it("rejects with got's RequestError when the answer does not come in time", async () => {
    const url = await serve(() => {
      // Never answers: the response timeout (500 ms) ends the exchange.
    });
    await assert.rejects(
      exchange(client(url), 'api/x', { method: 'POST', body: '{}' }),
      (err: unknown) => err instanceof RequestError && err.code === 'ETIMEDOUT',
    );
  });

  it("rejects with got's RequestError when nothing listens", async () => {
    const url = await serve(() => undefined);
    const closed = servers.pop();
    await new Promise((resolve) => closed?.close(resolve));
    await assert.rejects(
      exchange(client(url), 'api/x', { method: 'GET' }),
      (err: unknown) => err instanceof RequestError && err.code === 'ECONNREFUSED',
    );
  });
});
