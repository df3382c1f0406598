// What Teams sends when an employee shares a file in the 1:1 chat (Microsoft Learn, "Send and
// receive files using bot", and the Teams SDK guide on inline images):
// - the attach button: `application/vnd.microsoft.teams.file.download.info` with `name` and
//   `content: { downloadUrl, uniqueId, fileType }`; the downloadUrl is pre-authorised and
//   short-lived, fetched without any token;
// - a pasted or inline image: `image/*` with a `contentUrl` on the Bot Connector
//   (`…/v3/attachments/{id}/views/original`) that needs the bot's own token, plus a `text/html`
//   attachment with the message's layout, which is not a file;
// - other channels (the Agents Playground, Web Chat) send the file's own type with a contentUrl.
import type { Activity, Attachment } from 'botbuilder';
import { contentTypeFor, mediaType } from './content-types.js';
import { safeFileName } from './names.js';

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** Where a file's bytes are, and whether fetching them needs the bot's Bot Framework token. */
export interface FileSource {
  readonly url: string;
  /** `bot`: the bot's token, and only ever towards the activity's Bot Connector. */
  readonly auth: 'none' | 'bot';
}

/** A file an employee sent, before anything was fetched: all of it is the sender's claim. */
export interface IncomingFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly source: FileSource;
}

/** Attachments that are never files: layout, cards, mentions. */
const NOT_FILES = [
  /^text\/html$/,
  /^application\/vnd\.microsoft\.card\./,
  /^application\/vnd\.microsoft\.teams\.card\./,
];

/** The files of a message, in the order Teams lists them. */
export function incomingFiles(activity: Partial<Activity>): IncomingFile[] {
  const serviceUrl = activity.serviceUrl;
  return (activity.attachments ?? []).flatMap((a, i) => {
    const file = fileOf(a, i, serviceUrl);
    return file === undefined ? [] : [file];
  });
}

function fileOf(
  a: Attachment,
  index: number,
  serviceUrl: string | undefined,
): IncomingFile | undefined {
  const type = mediaType(a.contentType);
  if (type === FILE_DOWNLOAD_INFO) {
    const content = (a.content ?? {}) as { downloadUrl?: unknown; fileType?: unknown };
    if (typeof content.downloadUrl !== 'string') return undefined;
    const fileType = typeof content.fileType === 'string' ? content.fileType : a.name;
    return {
      fileName: safeFileName(a.name, `file-${index + 1}`),
      contentType: contentTypeFor(fileType),
      source: { url: content.downloadUrl, auth: 'none' },
    };
  }
  if (NOT_FILES.some((re) => re.test(type)) || typeof a.contentUrl !== 'string') return undefined;
  const named =
    a.name ?? `${type.startsWith('image/') ? 'image' : 'file'}-${index + 1}.${extensionOf(type)}`;
  return {
    fileName: safeFileName(named, `file-${index + 1}`),
    contentType: type === '' || type === 'application/octet-stream' ? contentTypeFor(named) : type,
    source: { url: a.contentUrl, auth: onConnector(a.contentUrl, serviceUrl) ? 'bot' : 'none' },
  };
}

/** Whether a URL is on the activity's Bot Connector (the only host the bot's token may go to). */
export function onConnector(url: string, serviceUrl: string | undefined): boolean {
  if (serviceUrl === undefined) return false;
  try {
    return new URL(url).origin === new URL(serviceUrl).origin;
  } catch {
    return false;
  }
}

function extensionOf(type: string): string {
  const sub = type === 'image/*' ? 'png' : (type.split('/')[1] ?? 'bin');
  return sub === 'jpeg' ? 'jpg' : sub.replace(/[^a-z0-9]/g, '') || 'bin';
}
