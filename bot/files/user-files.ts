// Employee → agent files, per message: applies the admin's limits, moves each file to ServiceNow
// (bounded, in parallel, in the message's order) and sorts the outcome into what went (the upload
// results for `message.attachment`), what waits for ServiceNow (kept in the outbox with the
// message), and what did not go, which the employee is told file by file, in their language.
import type { ConversationReference } from 'botbuilder';
import { escapeMarkdown } from '../../dialogs/card-elements.js';
import type { Texts } from '../../dialogs/texts.js';
import type { FilesConfig } from '../config/index.js';
import type { OutboxAttachment, PendingFile } from '../store/types.js';
import { FileErrorCode, FileTransferError, type FileProblem } from './errors.js';
import { sizeLabel } from './names.js';
import type { IncomingFile } from './teams-attachments.js';
import type { FileTransfer } from './transfer.js';
import type { Logger } from 'pino';

export interface UserFilesOptions {
  readonly transfer: FileTransfer;
  readonly policy: Pick<FilesConfig, 'maxPerMessage' | 'maxBytes'>;
  readonly log: Logger;
}

export interface PreparedFiles {
  readonly attachments: OutboxAttachment[];
  readonly pending: PendingFile[];
  readonly problems: FileProblem[];
}

/** Who sends the files, and where their chat is (its Bot Connector serves inline images). */
export interface FileSender {
  readonly sessionId: string;
  readonly userId: string;
  readonly reference: Partial<ConversationReference>;
}

export class UserFiles {
  constructor(private readonly options: UserFilesOptions) {}

  /** Uploads the files of one message; a file ServiceNow cannot take now is returned as pending. */
  async prepare(files: readonly IncomingFile[], sender: FileSender): Promise<PreparedFiles> {
    const max = this.options.policy.maxPerMessage;
    const outcomes = await Promise.all(
      files.map((file, i) =>
        i >= max
          ? Promise.resolve<Outcome>({
              problem: { fileName: file.fileName, code: FileErrorCode.tooMany },
            })
          : this.move(file, sender),
      ),
    );
    return collect(outcomes);
  }

  /**
   * Uploads files that waited in the outbox. Throws FileTransferError FILE_SERVICENOW_UNAVAILABLE
   * while ServiceNow still does not take them (the entry stays and keeps its place).
   */
  async resolve(pending: readonly PendingFile[], sender: FileSender): Promise<PreparedFiles> {
    const outcomes = await Promise.all(pending.map((file) => this.move(file, sender)));
    const waiting = outcomes.find((o) => 'pending' in o);
    if (waiting !== undefined) {
      throw new FileTransferError(FileErrorCode.unavailable, 'ServiceNow does not take files yet');
    }
    return collect(outcomes);
  }

  /** One message naming each file that did not go and why. */
  problemsText(t: Texts, problems: readonly FileProblem[]): string {
    return problems.map((p) => problemText(t, p, this.options.policy)).join('\n\n');
  }

  private async move(file: IncomingFile, sender: FileSender): Promise<Outcome> {
    try {
      const attachment = await this.options.transfer.toServiceNow(
        file,
        sender.userId,
        sender.reference,
      );
      return { attachment };
    } catch (error) {
      if (!(error instanceof FileTransferError)) throw error;
      this.options.log.warn(
        { sessionId: sender.sessionId, code: error.code, err: error.cause },
        'a file did not go to ServiceNow',
      );
      if (error.code === FileErrorCode.unavailable) {
        return { pending: file };
      }
      return { problem: { fileName: file.fileName, code: error.code } };
    }
  }
}

type Outcome =
  | { readonly attachment: OutboxAttachment }
  | { readonly pending: PendingFile }
  | { readonly problem: FileProblem };

function collect(outcomes: readonly Outcome[]): PreparedFiles {
  const prepared: PreparedFiles = { attachments: [], pending: [], problems: [] };
  for (const o of outcomes) {
    if ('attachment' in o) prepared.attachments.push(o.attachment);
    else if ('pending' in o) prepared.pending.push(o.pending);
    else prepared.problems.push(o.problem);
  }
  return prepared;
}

function problemText(t: Texts, p: FileProblem, policy: UserFilesOptions['policy']): string {
  const name = `**${escapeMarkdown(p.fileName)}**`;
  switch (p.code) {
    case FileErrorCode.tooLarge:
      return t.fileTooLarge(name, sizeLabel(policy.maxBytes));
    case FileErrorCode.typeRefused:
      return t.fileTypeRefused(name);
    case FileErrorCode.tooMany:
      return t.fileTooMany(name, policy.maxPerMessage);
    case FileErrorCode.contentMismatch:
      return t.fileContentMismatch(name);
    case FileErrorCode.refused:
      return t.fileRefused(name);
    case FileErrorCode.downloadFailed:
    case FileErrorCode.unavailable:
      return t.fileDownloadFailed(name);
  }
}
