// GET /api/files/{name}?t={token}: an agent's file, for the employee who got the signed link (see
// links.ts). The bot fetches it from the instance with its own ServiceNow credentials and streams
// it on; the employee never sees those credentials or the instance URL. Only plain images are
// shown inline; everything else is a download, never rendered by the browser as a page.
import { pipeline } from 'node:stream/promises';
import type { InstanceFile, MediaApi } from '@live-agent/snow';
import type { Logger } from 'pino';
import type { Request, Response } from 'restify';
import { INLINE_IMAGE_TYPES, mediaType } from './content-types.js';
import { FileGuard } from './file-guard.js';
import type { FileLinks, LinkedFile } from './links.js';

export interface DownloadRouteOptions {
  readonly links: FileLinks;
  readonly media: Pick<MediaApi, 'open'>;
  readonly maxBytes: number;
  readonly log: Logger;
}

export function fileDownloadHandler(options: DownloadRouteOptions) {
  return async (req: Request, res: Response): Promise<void> => {
    // In the query: a path segment is limited to 100 characters by the router.
    const token = new URL(req.url ?? '/', 'http://bot.invalid').searchParams.get('t') ?? '';
    const grant = options.links.verify(token);
    if (grant === 'invalid' || grant === 'expired') {
      options.log.info({ outcome: grant }, 'file link refused');
      res.send(grant === 'expired' ? 410 : 404, {
        error: grant === 'expired' ? 'This link has expired.' : 'Not found.',
      });
      return;
    }
    let file: InstanceFile | undefined;
    try {
      file = await options.media.open(grant.url);
    } catch (err) {
      options.log.warn({ err }, 'file from ServiceNow could not be opened');
      res.send(502, { error: 'The file could not be fetched from the service desk.' });
      return;
    }
    if (file === undefined || (file.size ?? 0) > options.maxBytes) {
      file?.body.destroy();
      res.send(file === undefined ? 404 : 413, { error: 'The file is not available.' });
      return;
    }
    await stream(res, file, grant, options);
  };
}

async function stream(
  res: Response,
  file: InstanceFile,
  grant: LinkedFile,
  options: DownloadRouteOptions,
): Promise<void> {
  const type = mediaType(grant.contentType ?? file.contentType);
  const inline = INLINE_IMAGE_TYPES.has(type);
  const shownType = inline || type === 'application/pdf' ? type : 'application/octet-stream';
  res.writeHead(200, {
    'content-type': shownType,
    'content-disposition': disposition(inline ? 'inline' : 'attachment', grant.fileName),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, no-store',
    'referrer-policy': 'no-referrer',
    ...(file.size === undefined ? {} : { 'content-length': String(file.size) }),
  });
  try {
    await pipeline(file.body, new FileGuard(options.maxBytes), res);
  } catch (err) {
    options.log.warn({ err }, 'file download interrupted');
    res.destroy();
  }
}

function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
