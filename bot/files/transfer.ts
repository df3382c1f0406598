// Moves one employee file from Teams to ServiceNow: the download streams straight into the media
// upload, so a file is never held in memory, and at most FILES_MAX_TRANSFERS files move at once
// per instance (twenty employees sending 20 MB each wait their turn rather than fill memory).
// The result is what ServiceNow needs to fetch the file: the `mediaUrl` for `message.attachment`.
import {
  SnowAuthError,
  SnowError,
  SnowErrorCode,
  type MediaApi,
  type VaAttachment,
} from '@live-agent/snow';
import type { ConversationReference } from 'botbuilder';
import type { FilesConfig } from '../config/index.js';
import { ConcurrencyLimit } from '../delivery/limiter.js';
import { isAllowed } from './content-types.js';
import type { SafeDownloader } from './downloader.js';
import { FileErrorCode, FileTransferError } from './errors.js';
import type { IncomingFile } from './teams-attachments.js';

export interface FileTransferOptions {
  readonly downloader: SafeDownloader;
  readonly media: Pick<MediaApi, 'upload'>;
  readonly policy: Pick<FilesConfig, 'allowedTypes' | 'maxTransfers'>;
}

export class FileTransfer {
  private readonly limit: ConcurrencyLimit;

  constructor(private readonly options: FileTransferOptions) {
    this.limit = new ConcurrencyLimit(options.policy.maxTransfers);
  }

  /**
   * Downloads and uploads the file; throws FileTransferError with the reason it did not go
   * (FILE_SERVICENOW_UNAVAILABLE when it is worth trying again later).
   */
  toServiceNow(
    file: IncomingFile,
    userId: string,
    reference: Partial<ConversationReference>,
  ): Promise<VaAttachment> {
    const refused = this.refusal(file);
    if (refused !== undefined) {
      return Promise.reject(new FileTransferError(refused, 'file type is not allowed'));
    }
    return this.limit.run(async () => {
      const opened = await this.options.downloader.open(file, reference);
      const named = this.named(file, opened.contentType);
      if (named === undefined) {
        opened.body.destroy();
        throw new FileTransferError(FileErrorCode.typeRefused, 'file type is not allowed');
      }
      try {
        const uploaded = await this.options.media.upload({ userId, ...named, body: opened.body });
        return { url: uploaded.mediaUrl, ...named };
      } catch (error) {
        opened.body.destroy();
        // A limit crossed while streaming breaks the upload too: the limit is the reason.
        throw opened.failure() ?? uploadError(error);
      }
    });
  }

  /** Whether the file may go at all, before anything is fetched. */
  private refusal(file: IncomingFile): FileErrorCode | undefined {
    // A pasted image comes as `image/*`: its real type is known once the connector answers.
    if (file.contentType === 'image/*') return undefined;
    return isAllowed(file.contentType, this.options.policy.allowedTypes)
      ? undefined
      : FileErrorCode.typeRefused;
  }

  /** The name and type it goes with, only those (`file` also carries where it came from). */
  private named(file: IncomingFile, answered: string) {
    const named = namedAs(file, answered, this.options.policy.allowedTypes);
    return named === undefined
      ? undefined
      : { fileName: named.fileName, contentType: named.contentType };
  }
}

/** The name and type a file goes with; undefined when its actual type is not allowed. */
function namedAs(
  file: IncomingFile,
  answered: string,
  allowed: readonly string[],
): { fileName: string; contentType: string } | undefined {
  if (file.contentType !== 'image/*') return file;
  if (!answered.startsWith('image/') || !isAllowed(answered, allowed)) return undefined;
  const ext =
    answered === 'image/jpeg' ? 'jpg' : answered.slice('image/'.length).replace(/\W/g, '');
  return { fileName: file.fileName.replace(/\.[^.]*$/, '') + `.${ext}`, contentType: answered };
}

function uploadError(error: unknown): FileTransferError {
  if (!(error instanceof SnowError)) {
    return new FileTransferError(FileErrorCode.downloadFailed, 'file transfer failed', {
      cause: error,
    });
  }
  const code =
    error.code === SnowErrorCode.fileTooLarge
      ? FileErrorCode.tooLarge
      : error.code === SnowErrorCode.rejected || error instanceof SnowAuthError
        ? FileErrorCode.refused
        : FileErrorCode.unavailable;
  return new FileTransferError(code, `ServiceNow did not take the file (${error.code})`, {
    cause: error,
  });
}
