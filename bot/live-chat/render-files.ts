// Files the agent sends, as the employee sees them in Teams: a picture inline (an Adaptive Card
// Image whose URL the bot serves, for a file of the instance), any other file as a card with its
// name, size and a Download button that opens a short-lived signed link served by the bot.
// Why links and not Teams' file consent card: consent uploads each file to the employee's
// OneDrive after a click per file, needs the bytes in the bot first, and works only in the Teams
// client; a link needs neither and works in every Teams client and in the Agents Playground.
import type { SnowEvent } from '@live-agent/snow';
import { MessageFactory, type Activity } from 'botbuilder';
import {
  cardAttachment,
  escapeMarkdown,
  paragraph,
  subtle,
  type CardElement,
} from '../../dialogs/card-elements.js';
import type { Texts } from '../../dialogs/texts.js';
import { INLINE_IMAGE_TYPES, contentTypeFor, mediaType } from '../files/content-types.js';
import { sizeLabel } from '../files/names.js';

/** Where the employee can open an agent's file (see bot/files/links.ts). */
export interface AgentFileLinks {
  linkFor(file: { url: string; fileName?: string; contentType?: string }): string | undefined;
  readonly lifetimeMinutes: number;
}

type FileEvent = Extract<SnowEvent, { type: 'file' }>;
type ImageEvent = Extract<SnowEvent, { type: 'image' }>;

export function renderFile(
  event: FileEvent,
  t: Texts,
  links: AgentFileLinks | undefined,
): Partial<Activity> {
  const name = event.fileName?.trim() || nameOf(event.url);
  const type = mediaType(event.contentType) || contentTypeFor(name);
  const link = links?.linkFor({ url: event.url, fileName: name, contentType: type });
  if (link === undefined)
    return MessageFactory.text(t.agentFileUnavailable(`**${escapeMarkdown(name)}**`));
  const body: CardElement[] = [];
  if (INLINE_IMAGE_TYPES.has(type)) {
    body.push({ type: 'Image', url: link, altText: name, size: 'auto' });
  }
  body.push(subtle(t.agentFile));
  const details = event.size === undefined ? '' : ` (${sizeLabel(event.size)})`;
  body.push(paragraph(`**${escapeMarkdown(name)}**${details}`));
  if (links !== undefined && link !== event.url)
    body.push(subtle(t.linkLifetime(links.lifetimeMinutes)));
  return MessageFactory.attachment(
    cardAttachment(body, [{ type: 'Action.OpenUrl', title: t.download, url: link }]),
  );
}

/** An OutputImage on the instance is shown through the bot, which has the credentials. */
export function viewableImage(event: ImageEvent, links: AgentFileLinks | undefined): ImageEvent {
  if (links === undefined) return event;
  const url = links.linkFor({ url: event.url, fileName: event.altText, contentType: undefined });
  // Without a link the image keeps its own URL, as before files were relayed.
  return { ...event, url: url ?? event.url };
}

function nameOf(url: string): string {
  try {
    const parsed = new URL(url);
    const named = parsed.searchParams.get('file_name') ?? parsed.pathname.split('/').pop();
    return named !== undefined && named !== '' && named !== 'file'
      ? decodeURIComponent(named)
      : 'file';
  } catch {
    return 'file';
  }
}
