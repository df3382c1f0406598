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

  /** Whether the file may go at all, before anything is fetched. */
  refusal(file: IncomingFile): FileErrorCode | undefined {
    return isAllowed(file.contentType, this.options.policy.allowedTypes)
      ? undefined
      : FileErrorCode.typeRefused;
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
      try {
        const uploaded = await this.options.media.upload({
          userId,
          fileName: file.fileName,
          contentType: file.contentType,
          body: opened.body,
        });
        return { url: uploaded.mediaUrl, contentType: file.contentType, fileName: file.fileName };
      } catch (error) {
        opened.body.destroy();
        // A limit crossed while streaming breaks the upload too: the limit is the reason.
        throw opened.failure() ?? uploadError(error);
      }
    });
  }
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
