// Why a file did not go: one stable code per reason, each with its own message to the employee
// (dialogs/texts.ts `fileProblem`). Messages never carry URLs, tokens or file contents.

export const FileErrorCode = {
  /** Over FILES_MAX_MB, by its declared size or while streaming; or ServiceNow answered 413. */
  tooLarge: 'FILE_TOO_LARGE',
  /** Its content type is not in FILES_ALLOWED_TYPES. */
  typeRefused: 'FILE_TYPE_REFUSED',
  /** More files in one message than FILES_MAX_PER_MESSAGE. */
  tooMany: 'FILE_TOO_MANY',
  /** Teams' copy could not be fetched (expired link, 4xx/5xx, network, not from a Teams host). */
  downloadFailed: 'FILE_DOWNLOAD_FAILED',
  /** The bytes are not what the name and type claim (an "image" that is not one). */
  contentMismatch: 'FILE_CONTENT_MISMATCH',
  /** ServiceNow refused the upload (400/415, or the account lacks the upload role). */
  refused: 'FILE_REFUSED',
  /** ServiceNow did not take the upload now: the file waits and is tried again. */
  unavailable: 'FILE_SERVICENOW_UNAVAILABLE',
} as const;

export type FileErrorCode = (typeof FileErrorCode)[keyof typeof FileErrorCode];

export class FileTransferError extends Error {
  constructor(
    readonly code: FileErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'FileTransferError';
  }
}

/** A file that did not go, and why: what the employee is told. */
export interface FileProblem {
  readonly fileName: string;
  readonly code: FileErrorCode;
}
