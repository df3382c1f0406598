// Files both ways, wired for the composition root: the safe downloader, the bounded transfer to
// ServiceNow's media upload, the per-message handling of employee files, the signed links to an
// agent's files and the route that serves them.
import type { MediaApi } from '@live-agent/snow';
import type { Logger } from 'pino';
import type { FilesConfig } from '../config/index.js';
import type { BotAuthorization } from '../delivery/bot-connector.js';
import { fileDownloadHandler } from './download-route.js';
import { SafeDownloader } from './downloader.js';
import { FileLinks } from './links.js';
import { FileTransfer } from './transfer.js';
import { UserFiles } from './user-files.js';

export { FILES_ROUTE } from './links.js';

export interface FilesOptions {
  readonly config: FilesConfig;
  readonly media: MediaApi;
  /** The bot's Authorization header towards the Bot Connector (for pasted images). */
  readonly authorization: BotAuthorization;
  /** The bot's public base URL when FILES_PUBLIC_URL is not set (loopback, once listening). */
  readonly fallbackBaseUrl: () => string | undefined;
  readonly log: Logger;
  readonly now?: () => number;
}

export function createFiles(options: FilesOptions) {
  const { config, media } = options;
  const log = options.log.child({ component: 'files' });
  const downloader = new SafeDownloader({
    policy: config,
    authorization: options.authorization,
  });
  const user = new UserFiles({
    transfer: new FileTransfer({ downloader, media, policy: config }),
    policy: config,
    log,
  });
  const links = new FileLinks({
    secret: config.linkSecret,
    ttlMs: config.linkTtlMs,
    baseUrl: () =>
      config.publicUrl ?? (config.allowLoopback ? options.fallbackBaseUrl() : undefined),
    onInstance: (url) => media.isOnInstance(url),
    now: options.now,
  });
  if (config.linkSecret === undefined) {
    log.info('FILES_LINK_SECRET is not set: links to agent files work on this instance only');
  }
  const download = fileDownloadHandler({ links, media, maxBytes: config.maxBytes, log });
  return { user, links, download };
}
