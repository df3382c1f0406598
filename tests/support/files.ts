// Helpers for file tests: a real app whose Bot Framework client has a (fixed) token, so inline
// images on the fake connector can be fetched, and Teams-shaped attachments.
import { deflateSync } from 'node:zlib';
import type { SimulatorOptions } from '@live-agent/snow/simulator';
import { FixedTokenCredentialsFactory } from '../security/support/outbound-credentials.js';
import { startHarness, type AppOptions, type Harness } from './harness.js';
import { fastBackoff } from './live-chat.js';

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** The harness with files allowed from loopback and a bot that holds a token. */
export function startFilesHarness(
  env: Record<string, string> = {},
  simulator: Partial<SimulatorOptions> = {},
  app: AppOptions = {},
): Promise<Harness> {
  return startHarness(
    { FILES_ALLOW_LOOPBACK: 'true', DELIVERY_SWEEP_SECONDS: '5', ...env },
    { agents: [{ name: 'Jordan Taylor', available: true, capacity: 50 }], ...simulator },
    {
      tuning: { serviceNowBackoff: fastBackoff, teamsBackoff: fastBackoff, timer: false },
      // Inbound authentication stays off (no app id); outbound calls carry a fixed token.
      botAuthentication: {
        openIdMetadataUrl: 'http://127.0.0.1:9/unused',
        tokenIssuer: 'https://unused.invalid',
        credentialsFactory: new FixedTokenCredentialsFactory(),
      },
      ...app,
    },
  );
}

/** What the attach button sends for a file in OneDrive. */
export function attachButtonFile(name: string, downloadUrl: string, fileType: string) {
  return {
    contentType: FILE_DOWNLOAD_INFO,
    contentUrl: `https://contoso-my.sharepoint.com/personal/abel/Documents/${name}`,
    name,
    content: { downloadUrl, uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D', fileType },
  };
}

/** What Teams sends for a pasted image: the image on the connector, and the message's HTML. */
export function pastedImage(contentUrl: string) {
  return [
    { contentType: 'image/*', contentUrl },
    { contentType: 'text/html', content: `<div><img src="${contentUrl}"></div>` },
  ];
}

/** A real PNG of `bytes` or more (random pixels do not compress), for size checks. */
export function png(minBytes = 2048): Buffer {
  const side = Math.max(8, Math.ceil(Math.sqrt(minBytes / 3)));
  const rows: Buffer[] = [];
  for (let y = 0; y < side; y++) {
    const row = Buffer.alloc(1 + side * 3);
    for (let i = 1; i < row.length; i++) row[i] = (i * 7919 + y * 104729) % 251;
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type), data, Buffer.alloc(4)]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 0 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
