// Fetches the bytes of a file an employee sent, safely: only over HTTPS from the hosts Teams uses
// (the attach button's OneDrive/SharePoint download URL, or the activity's own Bot Connector for
// inline images; loopback only when FILES_ALLOW_LOOPBACK is on, i.e. tests and sandbox mode), no
// redirect to anywhere else, the bot's token only towards the Bot Connector, the size enforced
// while streaming (never trusted from metadata), and images checked against their first bytes.
import type { Readable } from 'node:stream';
import type { ConversationReference } from 'botbuilder';
import got, { type PlainResponse } from 'got';
import type { FilesConfig } from '../config/index.js';
import type { BotAuthorization } from '../delivery/bot-connector.js';
import { mediaType } from './content-types.js';
import { FileErrorCode, FileTransferError } from './errors.js';
import { FileGuard } from './file-guard.js';
import { onConnector, type IncomingFile } from './teams-attachments.js';

export type DownloadPolicy = Pick<FilesConfig, 'maxBytes' | 'downloadHosts' | 'allowLoopback'>;

export interface DownloaderOptions {
  readonly policy: DownloadPolicy;
  /** The bot's Authorization header towards a Bot Connector, as for its proactive sends. */
  readonly authorization: BotAuthorization;
}

/** An open download: read `body` (it fails with FileTransferError when a limit is crossed). */
export interface OpenedFile {
  readonly body: Readable;
  /** The media type the server answered with (what a pasted `image/*` really is). */
  readonly contentType: string;
  /** The error that stopped the stream, if one did (the reader may only see a broken pipe). */
  failure(): FileTransferError | undefined;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const timeout = {
  lookup: 5000,
  connect: 5000,
  secureConnect: 5000,
  response: 15_000,
  socket: 30_000,
};

export class SafeDownloader {
  constructor(private readonly options: DownloaderOptions) {}

  /** Whether the bot may fetch `url` for a file of this kind, from this activity. */
  allowed(url: string, file: IncomingFile, serviceUrl: string | undefined): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    const { downloadHosts, allowLoopback } = this.options.policy;
    const loopback = allowLoopback && LOOPBACK.has(parsed.hostname);
    if (parsed.protocol !== 'https:' && !(loopback && parsed.protocol === 'http:')) return false;
    if (parsed.username !== '' || parsed.password !== '') return false;
    if (file.source.auth === 'bot') return onConnector(url, serviceUrl);
    return loopback || onConnector(url, serviceUrl) || hostMatches(parsed.hostname, downloadHosts);
  }

  /** Opens the file for the chat at `reference` (its serviceUrl is the Bot Connector). */
  async open(file: IncomingFile, reference: Partial<ConversationReference>): Promise<OpenedFile> {
    const { url } = file.source;
    const { serviceUrl } = reference;
    if (!this.allowed(url, file, serviceUrl)) {
      throw new FileTransferError(FileErrorCode.downloadFailed, 'file URL is not on a Teams host');
    }
    const authorization =
      file.source.auth === 'bot' && serviceUrl !== undefined
        ? await this.authorize(serviceUrl)
        : undefined;
    const stream = got.stream(url, {
      headers: authorization === undefined ? {} : { authorization },
      // A pre-authorised link may redirect within Teams' hosts; a token never follows a redirect.
      followRedirect:
        authorization === undefined
          ? (response: PlainResponse) => this.redirectAllowed(response, file, serviceUrl)
          : false,
      throwHttpErrors: false,
      retry: { limit: 0 },
      timeout,
    });
    const response = await responseOf(stream);
    if (response.statusCode !== 200) {
      stream.destroy();
      throw new FileTransferError(
        FileErrorCode.downloadFailed,
        `file download answered HTTP ${response.statusCode}`,
      );
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.options.policy.maxBytes) {
      stream.destroy();
      throw new FileTransferError(FileErrorCode.tooLarge, 'file is over the size limit');
    }
    const answered = mediaType(response.headers['content-type'] ?? '');
    const guard = new FileGuard(this.options.policy.maxBytes, mediaType(file.contentType));
    stream.on('error', (err: Error) => guard.destroy(err));
    // The reader learns of a failure from the stream it reads (and from failure()); a failure
    // after it stopped reading must not go unhandled. Stopping the guard stops the download.
    guard.on('error', (err: Error) => {
      guard.failure ??= new FileTransferError(
        FileErrorCode.downloadFailed,
        'file download failed',
        {
          cause: err,
        },
      );
    });
    guard.once('close', () => stream.destroy());
    return { body: stream.pipe(guard), contentType: answered, failure: () => guard.failure };
  }

  private async authorize(serviceUrl: string): Promise<string | undefined> {
    try {
      return await this.options.authorization.authorization(serviceUrl);
    } catch (err) {
      // Without the token the connector would refuse the file: the download failed.
      throw new FileTransferError(FileErrorCode.downloadFailed, 'no token for the Bot Connector', {
        cause: err,
      });
    }
  }

  private redirectAllowed(
    response: PlainResponse,
    file: IncomingFile,
    serviceUrl?: string,
  ): boolean {
    const location = response.headers.location;
    if (typeof location !== 'string') return false;
    try {
      return this.allowed(new URL(location, response.url).href, file, serviceUrl);
    } catch {
      return false;
    }
  }
}

function responseOf(stream: ReturnType<typeof got.stream>): Promise<PlainResponse> {
  return new Promise((resolve, reject) => {
    stream.once('response', resolve);
    stream.once('error', (err: Error) => {
      reject(
        new FileTransferError(FileErrorCode.downloadFailed, 'file download failed', { cause: err }),
      );
    });
  });
}

/** Whether `host` is one of `patterns`: a name, or `*.domain` for any name under it. */
function hostMatches(host: string, patterns: readonly string[]): boolean {
  const h = host.toLowerCase();
  return patterns.some((p) => (p.startsWith('*.') ? h.endsWith(p.slice(1)) : h === p));
}
