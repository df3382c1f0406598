// The route that serves an agent's file holds the size limit both ways: a declared size over it
// is refused with 413 before anything is sent, and a file that only turns out too large while
// streaming is cut off (the employee never gets more than the limit), with the reason logged.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { InstanceFile } from '@live-agent/snow';
import restify from 'restify';
import { fileDownloadHandler } from '../../../bot/files/download-route.js';
import { FileLinks, FILES_ROUTE } from '../../../bot/files/links.js';
import { createLogger } from '../../../bot/logging.js';
import { waitFor } from '../../support/http.js';

const instance = 'https://instance.example.com/';
const maxBytes = 1000;

describe('GET /api/files/{name}', () => {
  const server = restify.createServer({ handleUncaughtExceptions: false });
  let base = '';
  const files = new Map<string, () => InstanceFile>();
  const logs: { msg: string; err?: { code?: string } }[] = [];
  const links = new FileLinks({
    ttlMs: 60_000,
    baseUrl: () => base,
    onInstance: (url) => url.startsWith(instance),
  });

  /** A link to a file of `chunks` on the instance, announcing `size` when given. */
  function linkTo(name: string, chunks: number[], size?: number): string {
    const url = `${instance}sys_attachment.do?sys_id=${name}`;
    files.set(url, () => ({
      contentType: 'application/pdf',
      ...(size === undefined ? {} : { size }),
      body: Readable.from(chunks.map((n) => Buffer.alloc(n, 65))),
    }));
    return links.linkFor({ url, fileName: `${name}.pdf`, contentType: 'application/pdf' }) ?? '';
  }

  before(async () => {
    const destination = {
      write: (line: string) => {
        logs.push(JSON.parse(line) as (typeof logs)[number]);
        return true;
      },
    };
    server.get(
      `${FILES_ROUTE}/:name`,
      fileDownloadHandler({
        links,
        media: { open: (url) => Promise.resolve(files.get(url)?.()) },
        maxBytes,
        log: createLogger({ level: 'info', destination }),
      }),
    );
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', resolve);
    });
    base = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => {
    server.close();
  });
  beforeEach(() => {
    logs.length = 0;
  });

  it('serves a file of exactly the limit', async () => {
    const res = await fetch(linkTo('at-limit', [600, 400]));
    assert.equal(res.status, 200);
    assert.equal((await res.arrayBuffer()).byteLength, maxBytes);
  });

  it('answers 413 to a file whose declared size is over the limit', async () => {
    const res = await fetch(linkTo('declared', [600, 600], 1200));
    assert.equal(res.status, 413);
    assert.deepEqual(await res.json(), { error: 'The file is not available.' });
  });

  it('cuts off a file that passes the limit while streaming, and logs why', async () => {
    await assert.rejects(async () => {
      const res = await fetch(linkTo('streamed', [600, 600]));
      await res.arrayBuffer();
    });
    const line = await waitFor(
      () => logs.find((l) => l.msg === 'file download interrupted'),
      'the log line',
    );
    assert.equal(line.err?.code, 'FILE_TOO_LARGE');
  });
});
