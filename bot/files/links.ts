// Short-lived, signed links to an agent's files. A file on the instance needs ServiceNow's
// credentials, which must never reach the employee, so the card points at the bot instead:
// `/api/files/{name}?t={token}`, where the token names the file's URL on the instance, its name and
// type, and an expiry, signed with HMAC-SHA256 (FILES_LINK_SECRET, shared by all instances; a
// random key per process when unset). The bot checks the signature, the expiry and that the URL
// is on the instance before it streams the file with its own credentials. Anyone holding a link
// can open it until it expires, as with any download link; it only ever opens that one file.
import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from '../security/constant-time.js';
import { safeFileName } from './names.js';

export const FILES_ROUTE = '/api/files';

/** What a link grants: one file of the instance, until `expiresAt` (epoch ms). */
export interface LinkedFile {
  readonly url: string;
  readonly fileName: string;
  readonly contentType?: string;
  readonly expiresAt: number;
}

export interface FileLinksOptions {
  readonly secret?: string;
  readonly ttlMs: number;
  /** The bot's public base URL; undefined while unknown (then no link can be offered). */
  readonly baseUrl: () => string | undefined;
  /** Whether a URL is a file of the instance (the only files links are made for). */
  readonly onInstance: (url: string) => boolean;
  readonly now?: () => number;
}

export class FileLinks {
  private readonly key: Buffer;
  private readonly now: () => number;

  constructor(private readonly options: FileLinksOptions) {
    this.key = options.secret === undefined ? randomBytes(32) : Buffer.from(options.secret, 'utf8');
    this.now = options.now ?? Date.now;
  }

  get lifetimeMinutes(): number {
    return Math.max(1, Math.round(this.options.ttlMs / 60_000));
  }

  /**
   * A URL the employee can open for a file the agent sent: a signed link through the bot for a
   * file of the instance, the URL itself for a public https file, undefined when neither works.
   */
  linkFor(file: { url: string; fileName?: string; contentType?: string }): string | undefined {
    if (!this.options.onInstance(file.url)) {
      return file.url.startsWith('https://') ? file.url : undefined;
    }
    const base = this.options.baseUrl();
    if (base === undefined) return undefined;
    const fileName = safeFileName(file.fileName ?? new URL(file.url).pathname.split('/').pop());
    const grant: LinkedFile = {
      url: file.url,
      fileName,
      ...(file.contentType === undefined ? {} : { contentType: file.contentType }),
      expiresAt: this.now() + this.options.ttlMs,
    };
    const payload = Buffer.from(JSON.stringify(grant), 'utf8').toString('base64url');
    const token = `${payload}.${this.sign(payload)}`;
    return `${base}${FILES_ROUTE}/${encodeURIComponent(fileName)}?t=${token}`;
  }

  /** The file a token grants; `expired` or `invalid` otherwise (never says which part was wrong). */
  verify(token: string): LinkedFile | 'expired' | 'invalid' {
    const [payload, signature, extra] = token.split('.');
    if (payload === undefined || signature === undefined || extra !== undefined) return 'invalid';
    if (!safeEqual(signature, this.sign(payload))) return 'invalid';
    let grant: Partial<LinkedFile>;
    try {
      grant = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<LinkedFile>;
    } catch {
      return 'invalid';
    }
    if (typeof grant.url !== 'string' || typeof grant.fileName !== 'string') return 'invalid';
    if (typeof grant.expiresAt !== 'number') return 'invalid';
    if (!this.options.onInstance(grant.url)) return 'invalid';
    if (grant.expiresAt <= this.now()) return 'expired';
    return grant as LinkedFile;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
