// Content types: what the configuration allows, what an extension means (Teams' attach button
// gives a `fileType` such as "pdf", not a MIME type), and what the first bytes of an image say.

const BY_EXTENSION: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  zip: 'application/zip',
  mp4: 'video/mp4',
  mpeg: 'video/mpeg',
  html: 'text/html',
  htm: 'text/html',
  svg: 'image/svg+xml',
  exe: 'application/x-msdownload',
};

/** The content type for a file type or a name's extension; octet-stream when unknown. */
export function contentTypeFor(fileTypeOrName: string | undefined): string {
  const ext = (fileTypeOrName ?? '').toLowerCase().split('.').pop() ?? '';
  return Object.hasOwn(BY_EXTENSION, ext) ? (BY_EXTENSION[ext] ?? '') : 'application/octet-stream';
}

/** The bare, lower-case media type of a Content-Type value (`image/PNG; x=y` → `image/png`). */
export function mediaType(value: string | undefined): string {
  return (value ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function isAllowed(type: string, allowed: readonly string[]): boolean {
  const t = mediaType(type);
  return allowed.some((a) => a === t || (a.endsWith('/*') && t.startsWith(a.slice(0, -1))));
}

/** Images a browser shows inline and that cannot carry script (no SVG). */
export const INLINE_IMAGE_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
]);

/** The image type the bytes start with, if any (magic numbers of PNG, JPEG, GIF, WebP, BMP). */
export function sniffImage(head: Buffer): string | undefined {
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png';
  }
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  const ascii = head.subarray(0, 12).toString('latin1');
  if (ascii.startsWith('GIF87a') || ascii.startsWith('GIF89a')) return 'image/gif';
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return 'image/webp';
  if (ascii.startsWith('BM')) return 'image/bmp';
  return undefined;
}
