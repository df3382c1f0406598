// Files and ServiceNow: the Conversational Integration media upload API, which takes a file before
// the VA API message that refers to it (`POST /api/now/v1/cccif/media/upload`, multipart form:
// `user_id`, optional `provider_application_id`, then `file`; answers `result.mediaUrl`), and the
// files the instance serves to an authenticated caller (an agent's attachment, the Attachment
// API's `GET /api/now/attachment/{sys_id}/file`). Sources: the VA API notes
// (servicenow-va-api.md §3: "upload first … then send mediaUrl as attachment.url", which works
// without trusted media domains) and ServiceNow's Attachment API reference (c_AttachmentAPI.md).
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { SnowBadResponseError, SnowFileTooLargeError, SnowRejectedError } from './errors.js';
import { errorForStatus, type SnowHttp } from './http.js';

const uploadPath = 'api/now/v1/cccif/media/upload';

export interface MediaUpload {
  /** The chat user's `userId`, as sent on the VA API requests of the chat. */
  readonly userId: string;
  readonly fileName: string;
  readonly contentType: string;
  /** The bytes, streamed: nothing is held in memory beyond the stream's buffers. */
  readonly body: Readable;
}

/** What ServiceNow needs to fetch an uploaded file: `mediaUrl` goes in `message.attachment.url`. */
export interface UploadedMedia {
  readonly mediaUrl: string;
  readonly name?: string;
  /** `pending` while a virus scan runs, then `available`. */
  readonly state?: string;
  readonly attachmentId?: string;
}

/** A file the instance serves: the caller reads or destroys `body`. */
export interface InstanceFile {
  readonly contentType?: string;
  /** From Content-Length, when the instance sent one (a hint, not a guarantee). */
  readonly size?: number;
  readonly body: Readable;
}

export interface MediaApiOptions {
  readonly http: SnowHttp;
  /** sys_id of the provider application, for instances with several (sent before `file`). */
  readonly providerApplicationId?: string;
}

export class MediaApi {
  constructor(private readonly options: MediaApiOptions) {}

  /**
   * Uploads one file. Throws SnowFileTooLargeError (413), SnowRejectedError (400, 415: refused as
   * sent), SnowAuthError (the account lacks the upload role) or SnowUnavailableError.
   */
  async upload(req: MediaUpload): Promise<UploadedMedia> {
    const boundary = `----live-agent-${randomBytes(12).toString('hex')}`;
    const body = Readable.from(multipart(boundary, req, this.options.providerApplicationId));
    const result = await this.options.http.postStream('media upload', uploadPath, body, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    if (result.status === 413) {
      throw new SnowFileTooLargeError('media upload: ServiceNow answered HTTP 413');
    }
    if (result.status === 415) {
      throw new SnowRejectedError('media upload: ServiceNow answered HTTP 415', 415);
    }
    if (result.status !== 200 && result.status !== 201) {
      throw errorForStatus('media upload', result);
    }
    return uploadedOf(result.body);
  }

  /** Whether `url` is served by the instance (and so needs its credentials). */
  isOnInstance(url: string): boolean {
    const base = this.options.http.instanceUrl;
    try {
      const parsed = new URL(url);
      return parsed.origin === base.origin && parsed.pathname.startsWith(base.pathname);
    } catch {
      return false;
    }
  }

  /** Opens a file on the instance with the client's credentials; undefined when it is not there. */
  async open(url: string): Promise<InstanceFile | undefined> {
    if (!this.isOnInstance(url)) {
      throw new SnowRejectedError('instance file: the URL is not on the instance', 400);
    }
    const parsed = new URL(url);
    const relative = `${parsed.pathname.slice(this.options.http.instanceUrl.pathname.length)}${parsed.search}`;
    const result = await this.options.http.getStream('instance file', relative);
    if (result.status !== 200) {
      result.body.destroy();
      if (result.status === 404) return undefined;
      throw errorForStatus('instance file', {
        status: result.status,
        body: undefined,
        retryAfterMs: undefined,
      });
    }
    const type = result.headers['content-type'];
    const length = Number(result.headers['content-length']);
    return {
      ...(typeof type === 'string' ? { contentType: type } : {}),
      ...(Number.isFinite(length) && length >= 0 ? { size: length } : {}),
      body: result.body,
    };
  }
}

/** The multipart body, produced as the file is read: fields first, as ServiceNow requires. */
async function* multipart(
  boundary: string,
  req: MediaUpload,
  providerApplicationId: string | undefined,
): AsyncGenerator<Buffer> {
  const field = (name: string, value: string) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
  yield field('user_id', req.userId);
  if (providerApplicationId !== undefined) {
    yield field('provider_application_id', providerApplicationId);
  }
  const name = headerSafe(req.fileName);
  yield Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name.ascii}"; ` +
      `filename*=UTF-8''${name.encoded}\r\nContent-Type: ${headerSafe(req.contentType).ascii}\r\n\r\n`,
  );
  for await (const chunk of req.body) yield chunk as Buffer;
  yield Buffer.from(`\r\n--${boundary}--\r\n`);
}

/** A value for a header parameter: no quotes or line breaks, ASCII, and its RFC 5987 form. */
function headerSafe(value: string): { ascii: string; encoded: string } {
  const clean = value.replace(/[\r\n"\\]/g, '_');
  return {
    ascii: clean.replace(/[^\x20-\x7e]/g, '_'),
    encoded: encodeURIComponent(clean),
  };
}

function uploadedOf(body: unknown): UploadedMedia {
  const result = (body as { result?: Record<string, unknown> } | undefined)?.result;
  const mediaUrl = result?.mediaUrl;
  if (typeof mediaUrl !== 'string' || !/^https?:\/\//i.test(mediaUrl)) {
    throw new SnowBadResponseError('media upload: the answer has no media URL', 200);
  }
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const name = text(result?.name);
  const state = text(result?.state);
  const attachmentId = text(result?.attachmentId);
  return {
    mediaUrl,
    ...(name === undefined ? {} : { name }),
    ...(state === undefined ? {} : { state }),
    ...(attachmentId === undefined ? {} : { attachmentId }),
  };
}
