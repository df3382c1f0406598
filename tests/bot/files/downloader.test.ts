// The downloader's safety rules against a real loopback server: the size limit holds while
// streaming when no length is announced, a redirect to a host Teams does not use is not
// followed, plain HTTP is refused unless loopback is allowed, and the token goes nowhere else.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { SafeDownloader } from '../../../bot/files/downloader.js';
import { FileErrorCode, FileTransferError } from '../../../bot/files/errors.js';
import type { IncomingFile } from '../../../bot/files/teams-attachments.js';
import { close, listen } from '../../support/http.js';

describe('SafeDownloader', () => {
  let server: Server;
  let base = '';
  const tokensAsked: string[] = [];
  const downloader = (allowLoopback = true) =>
    new SafeDownloader({
      policy: { maxBytes: 1000, downloadHosts: ['*.sharepoint.com'], allowLoopback },
      tokens: {
        authorization: (ref) => {
          tokensAsked.push(ref.serviceUrl ?? '');
          return Promise.resolve('Bearer t');
        },
      },
    });
  const file = (path: string, auth: 'none' | 'bot' = 'none'): IncomingFile => ({
    fileName: 'f.txt',
    contentType: 'text/plain',
    source: { url: `${base}${path}`, auth },
  });

  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/chunked') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 10; i++) res.write(Buffer.alloc(200, 65));
        res.end();
      } else if (req.url === '/redirect') {
        res.writeHead(302, { location: 'https://elsewhere.example.com/f.txt' });
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('small');
      }
    });
    base = await listen(server);
  });
  after(async () => {
    await close(server);
  });

  it('stops a download that passes the limit while streaming', async () => {
    const opened = await downloader().open(file('/chunked'), {});
    await assert.rejects(async () => {
      let read = 0;
      for await (const chunk of opened.body) read += (chunk as Buffer).length;
      return read;
    });
    assert.equal(opened.failure()?.code, FileErrorCode.tooLarge);
  });

  it('does not follow a redirect to a host Teams does not use', async () => {
    await assert.rejects(
      downloader().open(file('/redirect'), {}),
      (e: unknown) => e instanceof FileTransferError && e.code === FileErrorCode.downloadFailed,
    );
  });

  it('refuses plain HTTP and loopback unless they are allowed', async () => {
    await assert.rejects(
      downloader(false).open(file('/small'), {}),
      (e: unknown) => e instanceof FileTransferError && e.code === FileErrorCode.downloadFailed,
    );
  });

  it('asks for the bot token only for a file on the chat’s own Bot Connector', async () => {
    tokensAsked.length = 0;
    await assert.rejects(
      downloader().open(file('/small', 'bot'), {
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
      }),
    );
    assert.deepEqual(tokensAsked, [], 'no token for a host that is not the connector');
    const opened = await downloader().open(file('/small', 'bot'), { serviceUrl: `${base}/` });
    opened.body.resume();
    assert.deepEqual(tokensAsked, [`${base}/`]);
  });
});
