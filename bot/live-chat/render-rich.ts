// Rich agent content as Teams sees it: links as markdown, images, OutputCards and tables as
// Adaptive Cards, pickers as buttons whose click sends the option's value back to the agent.
// Every outside text is escaped or set as a plain property; every URL is checked again here.
import type { SnowChoice, SnowEvent, SnowLink } from '@live-agent/snow';
import { MessageFactory, type Activity } from 'botbuilder';
import { CardAction } from '../../dialogs/actions.js';
import {
  cardAttachment,
  escapeMarkdown,
  heading,
  paragraph,
  subtle,
  type CardActionElement,
  type CardElement,
  type TableCell,
} from '../../dialogs/card-elements.js';
import type { Texts } from '../../dialogs/texts.js';
import { httpUrl, markdownUrl } from './html-markdown.js';

type EventOf<T extends SnowEvent['type']> = Extract<SnowEvent, { type: T }>;

/** Teams shows at most a handful of buttons per card; longer pickers become a drop-down. */
const MAX_BUTTONS = 6;
/** Keeps button data small: ServiceNow values are ids or short labels. */
const MAX_VALUE_LENGTH = 1000;

export function markdownLink(link: { readonly url: string; readonly label?: string }): string {
  const url = httpUrl(link.url);
  const label = link.label?.trim() ? escapeMarkdown(link.label.trim()) : undefined;
  if (url === undefined) return label ?? '';
  return `[${label ?? escapeMarkdown(url)}](${markdownUrl(url)})`;
}

export function renderLink(event: EventOf<'link'>): Partial<Activity> {
  const lines = [
    event.header?.trim() ? `**${escapeMarkdown(event.header.trim())}**` : '',
    markdownLink(event),
  ];
  return MessageFactory.text(lines.filter((l) => l !== '').join('\n\n'));
}

export function renderLinks(event: EventOf<'links'>): Partial<Activity> | undefined {
  const items = event.links.map(linkLine).filter((l) => l !== '');
  if (items.length === 0) return undefined;
  const header = event.header?.trim() ? [`**${escapeMarkdown(event.header.trim())}**`, ''] : [];
  return MessageFactory.text([...header, ...items].join('\n'));
}

function linkLine(link: SnowLink): string {
  const main = markdownLink(link);
  if (main === '') return '';
  const extra = [link.context, link.description].filter((x): x is string => !!x?.trim());
  return `- ${main}${extra.length > 0 ? ` — ${escapeMarkdown(extra.map((x) => x.trim()).join(': '))}` : ''}`;
}

export function renderImage(event: EventOf<'image'>, t: Texts): Partial<Activity> | undefined {
  const url = httpUrl(event.url);
  if (url === undefined) return undefined;
  return MessageFactory.attachment(
    cardAttachment([
      { type: 'Image', url, altText: event.altText?.trim() || t.agentImage, size: 'auto' },
    ]),
  );
}

/** A picker: one button per option, or a drop-down and a button when there are many. */
export function renderChoices(event: EventOf<'choices'>, t: Texts): Partial<Activity> | undefined {
  const options = event.options.filter((o) => o.value.length <= MAX_VALUE_LENGTH);
  if (options.length === 0) return undefined;
  const prompt = event.prompt?.trim() || t.pickPrompt;
  const body: CardElement[] = [paragraph(escapeMarkdown(prompt))];
  let actions: CardActionElement[];
  if (options.length <= MAX_BUTTONS) {
    actions = options.map((o) => pickButton(o.label, { value: o.value, label: o.label, prompt }));
  } else {
    body.push({
      type: 'Input.ChoiceSet',
      id: 'value',
      style: 'compact',
      isRequired: true,
      choices: options.map((o: SnowChoice) => ({ title: o.label, value: o.value })),
    });
    actions = [pickButton(t.submitButton, { prompt })];
  }
  return MessageFactory.attachment(cardAttachment(body, actions));
}

function pickButton(title: string, data: Record<string, string>): CardActionElement {
  return { type: 'Action.Submit', title, data: { action: CardAction.pickOption, ...data } };
}

/** OutputCard (Card, image templates, YouTube): title, text, fields, picture and link. */
export function renderOutputCard(event: EventOf<'card'>, t: Texts): Partial<Activity> | undefined {
  const d = event.data;
  const text = (key: string) => {
    const value = d[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const body: CardElement[] = [];
  const title = text('title');
  if (title !== undefined) body.push(heading(escapeMarkdown(title)));
  for (const key of ['subtitle', 'description']) {
    const value = text(key);
    if (value !== undefined) body.push(paragraph(escapeMarkdown(value)));
  }
  const facts = fieldsOf(d.fields);
  if (facts.length > 0) body.push({ type: 'FactSet', facts });
  const image = httpUrl(text('image'));
  if (image !== undefined) {
    body.push({
      type: 'Image',
      url: image,
      altText: text('imageAlt') ?? title ?? t.agentImage,
      size: 'auto',
    });
  }
  const url = httpUrl(text('url') ?? text('link'));
  if (body.length === 0 && url === undefined) return undefined;
  const actions: CardActionElement[] =
    url === undefined ? [] : [{ type: 'Action.OpenUrl', title: t.openLink, url }];
  return MessageFactory.attachment(
    cardAttachment(body.length > 0 ? body : [subtle(t.openLink)], actions),
  );
}

function fieldsOf(fields: unknown): { title: string; value: string }[] {
  if (!Array.isArray(fields)) return [];
  return fields.flatMap((field: unknown) => {
    const f = field as { fieldLabel?: unknown; fieldValue?: unknown } | null;
    const title = typeof f?.fieldLabel === 'string' ? f.fieldLabel : '';
    const value = typeof f?.fieldValue === 'string' ? f.fieldValue : '';
    return title === '' && value === ''
      ? []
      : [{ title: escapeMarkdown(title), value: escapeMarkdown(value) }];
  });
}

/** OutputTable as an Adaptive Card table (schema 1.5), header row first. */
export function renderTable(event: EventOf<'table'>): Partial<Activity> | undefined {
  const width = Math.max(event.headers.length, ...event.rows.map((r) => r.length));
  if (width === 0) return undefined;
  const row = (cells: readonly string[]) => ({
    type: 'TableRow' as const,
    cells: Array.from({ length: width }, (_, i): TableCell => ({
      type: 'TableCell',
      items: [paragraph(escapeMarkdown(cells[i] ?? ''))],
    })),
  });
  const hasHeader = event.headers.length > 0;
  return MessageFactory.attachment(
    cardAttachment([
      {
        type: 'Table',
        firstRowAsHeader: hasHeader,
        columns: Array.from({ length: width }, () => ({ width: 1 })),
        rows: [...(hasHeader ? [row(event.headers)] : []), ...event.rows.map(row)],
      },
    ]),
  );
}

/** MultiPartOutput's "more" button: sends `click_for_more` back, as ServiceNow expects. */
export function moreButton(label: string | undefined, t: Texts): Partial<Activity> {
  const title = label?.trim() || t.showMore;
  return MessageFactory.attachment(
    cardAttachment([], [pickButton(title, { value: 'click_for_more', label: title })]),
  );
}
