// Files on the simulated instance, from ServiceNow's side: the Conversational Integration media
// upload (`POST /api/now/v1/cccif/media/upload`, multipart form with `user_id`, optional
// `provider_application_id`, then `file`; Basic or OAuth only; answers `result.mediaUrl`), the
// uploaded files served back at that URL, and the Attachment API's `GET
// /api/now/attachment/{sys_id}/file` for files an agent attaches. ServiceNow fetches a message's
// attachment by URL and skips, silently, URLs outside its trusted media domains (servicenow-va-api.md
// §3); its own media URLs are always fetched.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallerAuth } from './caller-auth.js';
import type { FaultInjector } from './faults.js';
import { errorBody, sendJson, sendUnauthorized } from './http-util.js';
import { newSysId } from './ids.js';
import { samplePdf, samplePng } from './sample-files.js';
import type { ReceivedUpload, SeenAttachment, SimulatorLog } from './types.js';

export const MEDIA_UPLOAD_PATH = '/api/now/v1/cccif/media/upload';
const MEDIA_PREFIX = '/api/now/v1/cs/media/';
const ATTACHMENT_PATH = /^\/api\/now\/attachment\/([0-9a-f]{32})\/file$/;
/** The simulator keeps files in memory: a bound well below the instance's 1 GB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

interface StoredFile {
  readonly sysId: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

export interface MediaOptions {
  readonly auth: CallerAuth;
  readonly faults: FaultInjector;
  readonly baseUrl: () => string;
  readonly maxUploadBytes?: number;
  /** Hosts ServiceNow fetches attachment URLs from besides itself (trusted media domains). */
  readonly trustedMediaDomains?: readonly string[];
  readonly log: SimulatorLog;
}

export class MediaLibrary {
  readonly uploads: ReceivedUpload[] = [];
  private readonly media = new Map<string, StoredFile>();
  private readonly attachments = new Map<string, StoredFile>();

  constructor(private readonly o: MediaOptions) {}

  /** Keeps a file an agent attached (sys_attachment); returns its Attachment API URL. */
  attach(fileName: string, contentType: string, bytes: Buffer): string {
    const sysId = newSysId();
    this.attachments.set(sysId, { sysId, fileName, contentType, bytes });
    return `${this.o.baseUrl()}/api/now/attachment/${sysId}/file`;
  }

  /** The guide the scripted agent sends: an image and a PDF, as attachments of the instance. */
  guide(): { image: SeenAttachment & { url: string }; pdf: SeenAttachment & { url: string } } {
    const png = samplePng();
    const pdf = samplePdf();
    return {
      image: {
        url: this.attach('vpn-settings.png', 'image/png', png),
        fileName: 'vpn-settings.png',
        contentType: 'image/png',
        size: png.length,
      },
      pdf: {
        url: this.attach('vpn-guide.pdf', 'application/pdf', pdf),
        fileName: 'vpn-guide.pdf',
        contentType: 'application/pdf',
        size: pdf.length,
      },
    };
  }

  /** Whether this route is one of the file endpoints. */
  matches(pathname: string): boolean {
    return (
      pathname === MEDIA_UPLOAD_PATH ||
      pathname.startsWith(MEDIA_PREFIX) ||
      ATTACHMENT_PATH.test(pathname)
    );
  }

  async handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if ((await this.o.faults.answer('media', res)) !== undefined) return;
    if (!this.o.auth.authenticated(req)) {
      sendUnauthorized(res);
      return;
    }
    if (pathname === MEDIA_UPLOAD_PATH) {
      if (req.method !== 'POST') {
        sendJson(res, 405, errorBody('Method not allowed', null));
        return;
      }
      await this.upload(req, res);
      return;
    }
    if (req.method !== 'GET') {
      sendJson(res, 405, errorBody('Method not allowed', null));
      return;
    }
    const attachment = ATTACHMENT_PATH.exec(pathname)?.[1];
    const file =
      attachment === undefined
        ? this.media.get(pathname.slice(MEDIA_PREFIX.length))
        : this.attachments.get(attachment);
    if (file === undefined) {
      sendJson(
        res,
        404,
        errorBody('Record doesnt exist or ACL restricts the record retrieval', null),
      );
      return;
    }
    res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length });
    res.end(file.bytes);
  }

  /**
   * What ServiceNow makes of a message's `attachment` (object or array): its own media URLs are
   * found; other URLs are fetched only from trusted media domains (the simulator records them
   * without fetching); anything else is skipped without telling anyone.
   */
  resolve(attachment: unknown): SeenAttachment[] {
    const items = Array.isArray(attachment)
      ? attachment
      : attachment === undefined
        ? []
        : [attachment];
    return items.flatMap((item: unknown) => {
      const a = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
      const url = typeof a.url === 'string' ? a.url : '';
      const stored = this.media.get(this.mediaIdOf(url) ?? '');
      const fileName = typeof a.fileName === 'string' ? a.fileName : (stored?.fileName ?? '');
      const contentType = typeof a.contentType === 'string' ? a.contentType : '';
      if (stored !== undefined) return [{ fileName, contentType, size: stored.bytes.length, url }];
      if (this.trusted(url)) return [{ fileName, contentType, url }];
      this.o.log('media.untrusted_url_skipped', { fileName });
      return [];
    });
  }

  private mediaIdOf(url: string): string | undefined {
    const prefix = `${this.o.baseUrl()}${MEDIA_PREFIX}`;
    return url.startsWith(prefix) ? url.slice(prefix.length) : undefined;
  }

  private trusted(url: string): boolean {
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      return false;
    }
    return (this.o.trustedMediaDomains ?? []).some((d) => host === d || host.endsWith(`.${d}`));
  }

  private async upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(req.headers['content-type'] ?? '');
    const separator = boundary?.[1] ?? boundary?.[2];
    if (
      !(req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data') ||
      !separator
    ) {
      sendJson(res, 415, errorBody('Unsupported Media Type', 'multipart/form-data expected'));
      return;
    }
    const body = await readLimited(req, this.o.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES);
    if (body === undefined) {
      sendJson(res, 413, errorBody('Request entity too large', 'Maximum file size exceeded'));
      return;
    }
    const parts = parseMultipart(body, separator);
    const userId = parts.find((p) => p.name === 'user_id')?.data.toString('utf8');
    const file = parts.find((p) => p.name === 'file' && p.fileName !== undefined);
    if (userId === undefined || userId === '' || file === undefined) {
      sendJson(res, 400, errorBody('Bad Request', 'user_id and file are required'));
      return;
    }
    const stored: StoredFile = {
      sysId: newSysId(),
      fileName: file.fileName ?? 'file',
      contentType: file.contentType ?? 'application/octet-stream',
      bytes: file.data,
    };
    this.media.set(stored.sysId, stored);
    this.uploads.push({
      at: Date.now(),
      userId,
      fileName: stored.fileName,
      contentType: stored.contentType,
      size: stored.bytes.length,
      sha256: createHash('sha256').update(stored.bytes).digest('hex'),
      providerApplicationId: parts
        .find((p) => p.name === 'provider_application_id')
        ?.data.toString(),
    });
    this.o.log('media.uploaded', { size: stored.bytes.length });
    sendJson(res, 200, {
      result: {
        mediaUrl: `${this.o.baseUrl()}${MEDIA_PREFIX}${stored.sysId}`,
        name: stored.fileName,
        state: 'available',
        attachmentId: stored.sysId,
      },
    });
  }
}

/** The whole body, or undefined once it passes `max` bytes (the rest is drained, not kept). */
async function readLimited(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= max) chunks.push(chunk);
  }
  return size > max ? undefined : Buffer.concat(chunks);
}

interface Part {
  readonly name?: string;
  readonly fileName?: string;
  readonly contentType?: string;
  readonly data: Buffer;
}

/** RFC 7578 form data: parts between `--boundary` lines, headers, a blank line, the bytes. */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    const part = body.subarray(start + 2, next - 2); // after CRLF, before CRLF--boundary
    const split = part.indexOf('\r\n\r\n');
    if (split >= 0)
      parts.push(partOf(part.subarray(0, split).toString('utf8'), part.subarray(split + 4)));
    at = next;
  }
  return parts;
}

function partOf(head: string, data: Buffer): Part {
  const disposition = /content-disposition:([^\r\n]*)/i.exec(head)?.[1] ?? '';
  const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
  const encoded = /filename\*=UTF-8''([^;\s]+)/i.exec(disposition)?.[1];
  const plain = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
  const fileName = encoded === undefined ? plain : safeDecode(encoded);
  const contentType = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim();
  return {
    ...(name === undefined ? {} : { name }),
    ...(fileName === undefined ? {} : { fileName }),
    ...(contentType === undefined ? {} : { contentType }),
    data,
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
