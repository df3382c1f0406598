// Files a live agent sends. ServiceNow does not document how an agent's attachment reaches a
// bot-to-bot integration (servicenow-va-api.md §2.5 and §8), so every plausible form is read:
// an `attachment` object or array on a body item (the form the VA API uses towards ServiceNow,
// §1.2), and an OutputLink whose target is a file of the instance (the Attachment API's
// `/api/now/attachment/{sys_id}/file`, `sys_attachment.do?sys_id=…`, or a media URL
// `/api/now/v1/cs/media/{id}`). OutputImage stays an image event; FileUpload is an input request.
import type { SnowEvent } from '../events.js';
import type { RawItem } from './schema.js';
import { absoluteUrl, optional, positiveNumber, record, text } from './values.js';

type FileEvent = Extract<SnowEvent, { type: 'file' }>;

/** The files attached to a body item, in order (none when it has no `attachment`). */
export function attachedFiles(item: RawItem, base: URL): FileEvent[] {
  const raw: unknown = item.attachment;
  const list: unknown[] = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const fromAgent = record(item.agentInfo)?.sentFromAgent;
  return list.flatMap((entry) => {
    const a = record(entry);
    const url = absoluteUrl(a?.url ?? a?.link ?? a?.value, base);
    if (a === undefined || url === undefined) return [];
    const file: FileEvent = {
      type: 'file',
      url,
      fromAgent: fromAgent === true || fromAgent === 'true',
      ...optional('fileName', text(a.fileName) ?? text(a.name) ?? text(a.file_name)),
      ...optional('contentType', text(a.contentType) ?? text(a.content_type)),
      ...optional('size', positiveNumber(a.size ?? a.size_bytes)),
    };
    return [file];
  });
}

/** Whether a URL is a file the instance serves (and so needs the instance's credentials). */
export function isInstanceFile(url: string, base: URL): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.origin !== base.origin) return false;
  const path = parsed.pathname;
  return (
    /\/api\/now\/(v\d+\/)?attachment\/[0-9a-f]{32}\/file$/i.test(path) ||
    /\/sys_attachment\.do$/i.test(path) ||
    /\/api\/now\/v\d+\/cs\/media\/[^/]+$/i.test(path)
  );
}

/** An OutputLink to a file of the instance is a file, not a web page. */
export function asFile(event: SnowEvent, base: URL): SnowEvent {
  if (event.type !== 'link' || !isInstanceFile(event.url, base)) return event;
  return {
    type: 'file',
    url: event.url,
    fromAgent: true,
    ...optional('fileName', event.label?.trim() || undefined),
  };
}
