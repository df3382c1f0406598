// Helpers for file tests: a real app whose Bot Framework client has a (fixed) token, so inline
// images on the fake connector can be fetched, and Teams-shaped attachments.
import type { SimulatorOptions } from '@live-agent/snow/simulator';
import { encodePng } from '../../snow/simulator/sample-files.js';
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

/** A real PNG of `minBytes` or more (stored uncompressed), for size checks. */
export function png(minBytes = 2048): Buffer {
  const side = Math.max(8, Math.ceil(Math.sqrt(minBytes / 3)));
  return encodePng(
    side,
    (line, y) => {
      for (let i = 1; i < line.length; i++) line[i] = (i * 7919 + y * 104729) % 251;
    },
    0,
  );
}
