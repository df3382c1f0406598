// The downloader's safety rules against a real loopback server: the size limit holds while
// streaming when no length is announced, a redirect to a host Teams does not use is not
// followed, plain HTTP is refused unless loopback is allowed, and the token goes nowhere else.
// The token is the bot's connector authorization for the chat's serviceUrl, as on its sends.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { BotAuthorization } from '../../../bot/delivery/bot-connector.js';
import { ConnectorClientAuthorization } from '../../../bot/delivery/connector-authorization.js';
import { SafeDownloader } from '../../../bot/files/downloader.js';
import { FileErrorCode, FileTransferError } from '../../../bot/files/errors.js';
import type { IncomingFile } from '../../../bot/files/teams-attachments.js';
import { createLogger } from '../../../bot/logging.js';
import { VerifiedBotAuthentication } from '../../../bot/security/index.js';
import {
  FixedTokenCredentialsFactory,
  OUTBOUND_TOKEN,
} from '../../security/support/outbound-credentials.js';
import { APP_ID } from '../../security/support/secure-harness.js';
import { close, listen } from '../../support/http.js';

describe('SafeDownloader', () => {
  let server: Server;
  let base = '';
  const tokensAsked: string[] = [];
  /** The Authorization header of each request the server got (undefined: none). */
  const received: (string | undefined)[] = [];
  const recording: BotAuthorization = {
    authorization: (serviceUrl) => {
      tokensAsked.push(serviceUrl);
      return Promise.resolve(`Bearer for ${serviceUrl}`);
    },
  };
  const downloader = (allowLoopback = true, authorization = recording) =>
    new SafeDownloader({
      policy: { maxBytes: 1000, downloadHosts: ['*.sharepoint.com'], allowLoopback },
      authorization,
    });
  const log = createLogger({ level: 'silent' });
  /** The bot's connector authorization with an app id (and fixed credentials). */
  const withAppId = () =>
    new ConnectorClientAuthorization(
      new VerifiedBotAuthentication(
        { appId: APP_ID, appPassword: 'app-password', appType: 'MultiTenant' },
        log,
        {
          openIdMetadataUrl: 'http://127.0.0.1:9/.well-known/openid-configuration',
          tokenIssuer: 'https://api.botframework.test',
          credentialsFactory: new FixedTokenCredentialsFactory(),
        },
      ),
      APP_ID,
    );
  /** Without an app id, as in local and sandbox runs. */
  const withoutAppId = () =>
    new ConnectorClientAuthorization(
      new VerifiedBotAuthentication({ appType: 'MultiTenant' }, log),
      '',
    );
  const file = (path: string, auth: 'none' | 'bot' = 'none'): IncomingFile => ({
    fileName: 'f.txt',
    contentType: 'text/plain',
    source: { url: `${base}${path}`, auth },
  });

  before(async () => {
    server = createServer((req, res) => {
      received.push(req.headers.authorization);
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

  it('allows a pre-authorised link only on the configured hosts', () => {
    const allowed = (url: string) => downloader(false).allowed(url, file('/f.txt'), undefined);
    assert.equal(allowed('https://contoso-my.sharepoint.com/f.txt'), true);
    assert.equal(allowed('https://CONTOSO.SharePoint.com/f.txt'), true);
    assert.equal(allowed('https://sharepoint.com.evil.example/f.txt'), false);
    assert.equal(allowed('https://evilsharepoint.com/f.txt'), false);
    assert.equal(allowed('http://contoso-my.sharepoint.com/f.txt'), false, 'HTTPS only');
  });

  it('asks for the bot token only for a file on the chat’s own Bot Connector', async () => {
    tokensAsked.length = 0;
    received.length = 0;
    await assert.rejects(
      downloader().open(file('/small', 'bot'), {
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
      }),
    );
    assert.deepEqual(tokensAsked, [], 'no token for a host that is not the connector');
    const opened = await downloader().open(file('/small', 'bot'), { serviceUrl: `${base}/` });
    opened.body.resume();
    assert.deepEqual(tokensAsked, [`${base}/`]);
    assert.deepEqual(received, [`Bearer for ${base}/`], 'the header for that serviceUrl');
  });

  it('sends the token the bot’s credentials sign with, as on its proactive sends', async () => {
    received.length = 0;
    const opened = await downloader(true, withAppId()).open(file('/small', 'bot'), {
      serviceUrl: `${base}/`,
    });
    opened.body.resume();
    assert.deepEqual(received, [`Bearer ${OUTBOUND_TOKEN}`]);
  });

  it('sends no token when the bot has no app id', async () => {
    received.length = 0;
    const opened = await downloader(true, withoutAppId()).open(file('/small', 'bot'), {
      serviceUrl: `${base}/`,
    });
    opened.body.resume();
    assert.deepEqual(received, [undefined]);
  });

  it('fails the download, asking nothing of the connector, when there is no token', async () => {
    received.length = 0;
    const refused = new Error('Entra ID refused the credentials');
    const noToken: BotAuthorization = { authorization: () => Promise.reject(refused) };
    await assert.rejects(
      downloader(true, noToken).open(file('/small', 'bot'), { serviceUrl: `${base}/` }),
      (e: unknown) =>
        e instanceof FileTransferError &&
        e.code === FileErrorCode.downloadFailed &&
        e.cause === refused,
    );
    assert.deepEqual(received, []);
  });
});
