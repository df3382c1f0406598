// A file's bytes checked as they stream through, never trusting what was declared about them:
// the size limit, and that an "image" starts like one. Both directions use it: an employee's file
// on its way to ServiceNow (downloader.ts) and an agent's file on its way to the employee
// (download-route.ts, the size limit only).
import { Transform, type TransformCallback } from 'node:stream';
import { sniffImage } from './content-types.js';
import { FileErrorCode, FileTransferError } from './errors.js';

/**
 * Counts bytes, failing past `maxBytes` (FILE_TOO_LARGE); for a file declared `image/...`, also
 * checks its first bytes (FILE_CONTENT_MISMATCH). `failure` is the error that stopped it.
 */
export class FileGuard extends Transform {
  failure: FileTransferError | undefined;
  private seen = 0;
  /** An image's first bytes, held until there are enough to tell; undefined once told (or never). */
  private head: Buffer | undefined;

  constructor(
    private readonly maxBytes: number,
    declaredType = '',
  ) {
    super();
    this.head = declaredType.startsWith('image/') ? Buffer.alloc(0) : undefined;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.maxBytes) {
      done(this.fail(FileErrorCode.tooLarge, 'file is over the size limit'));
      return;
    }
    if (this.head === undefined) {
      done(null, chunk);
      return;
    }
    this.head = Buffer.concat([this.head, chunk]);
    if (this.head.length < 12) {
      done();
      return;
    }
    const head = this.head;
    done(this.checkHead(), head);
  }

  override _flush(done: TransformCallback): void {
    const head = this.head;
    if (head !== undefined && head.length > 0) {
      done(this.checkHead(), head);
      return;
    }
    done();
  }

  private checkHead(): FileTransferError | null {
    const head = this.head ?? Buffer.alloc(0);
    this.head = undefined;
    return sniffImage(head) === undefined
      ? this.fail(FileErrorCode.contentMismatch, 'file is not the image it claims to be')
      : null;
  }

  private fail(code: FileErrorCode, message: string): FileTransferError {
    this.failure ??= new FileTransferError(code, message);
    return this.failure;
  }
}
