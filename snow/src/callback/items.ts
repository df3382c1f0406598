// Maps one validated body[] item that is conversation content (text, links, images, pickers,
// inputs, HTML, cards, tables, multi-part output) to its event.
import type { AgentInfo, InputKind, SnowChoice, SnowEvent, SnowLink } from '../events.js';
import type { RawItem } from './schema.js';
import { absoluteUrl, flag, optional, positiveNumber, record, scalarText, text } from './values.js';

export interface ItemContext {
  /** The instance URL, for relative URLs. */
  readonly base: URL;
  /** Validates and maps a nested item (a MultiPartOutput's content). */
  readonly nested: (item: unknown, path: string) => SnowEvent[];
  /** JSON path of the item, for nested issues. */
  readonly path: string;
}

type Mapper = (item: RawItem, ctx: ItemContext) => SnowEvent;

type InputRequest = Extract<SnowEvent, { type: 'inputRequest' }>;

const mappers: Readonly<Record<string, Mapper>> = {
  OutputText: outputText,
  InputText: (item) => input(item, 'text', { masked: text(item.maskType) === 'SECURE' }),
  FileUpload: fileUpload,
  Date: (item) => input(item, 'date'),
  Time: (item) => input(item, 'time'),
  DateTime: (item) => input(item, 'dateTime'),
  Picker: (item, ctx) => choicesOf(item, 'picker', ctx.base),
  TopicPickerControl: (item, ctx) => choicesOf(item, 'topics', ctx.base),
  Boolean: (item, ctx) => choicesOf(item, 'boolean', ctx.base),
  OutputLink: outputLink,
  GroupedPartsOutputControl: groupedLinks,
  OutputImage: outputImage,
  OutputHtml: outputHtml,
  OutputCard: outputCard,
  MultiPartOutput: (item, ctx) => ({
    type: 'multipart',
    ...optional('navigationLabel', text(item.navigationBtnLabel)),
    content: ctx.nested(item.content, `${ctx.path}/content`),
  }),
  OutputTable: outputTable,
};

/** The event of a content item; undefined for a uiType that is not content (e.g. ActionMsg). */
export function contentEvent(item: RawItem, ctx: ItemContext): SnowEvent | undefined {
  // Own keys only: a uiType such as "constructor" must not reach Object.prototype.
  return Object.hasOwn(mappers, item.uiType) ? mappers[item.uiType]?.(item, ctx) : undefined;
}

function outputText(item: RawItem, ctx: ItemContext): SnowEvent {
  const itemType = text(item.itemType)?.toLowerCase();
  // "When VA asks for a file it sends FileUpload, or OutputText with itemType file/image".
  if (itemType === 'file' || itemType === 'image') {
    return fileUpload({ ...item, label: text(item.label) ?? text(item.value) });
  }
  const agent = agentOf(item, ctx.base);
  return {
    type: 'message',
    text: text(item.value) ?? text(item.label) ?? '',
    fromAgent: flag(record(item.agentInfo)?.sentFromAgent),
    ...optional('agent', agent),
    ...optional('messageId', text(item.messageId)),
  };
}

function input(item: RawItem, kind: InputKind, extra: { masked?: boolean } = {}): InputRequest {
  return {
    type: 'inputRequest',
    kind,
    ...optional('label', text(item.label)),
    required: flag(item.required),
    masked: extra.masked ?? false,
  };
}

function fileUpload(item: RawItem): InputRequest {
  return {
    ...input(item, 'file'),
    fileKind: text(item.itemType)?.toLowerCase() === 'image' ? 'image' : 'file',
    ...optional('maxFiles', positiveNumber(item.maxCount)),
    ...optional('maxSizeMb', positiveNumber(item.maxSize)),
  };
}

function choicesOf(item: RawItem, control: 'picker' | 'topics' | 'boolean', base: URL): SnowEvent {
  const raw = Array.isArray(item.options) ? item.options : [];
  const options =
    raw.length > 0 || control !== 'boolean' ? raw : [{ label: 'Yes' }, { label: 'No' }];
  return {
    type: 'choices',
    control,
    ...optional('prompt', text(item.promptMsg) ?? text(item.label)),
    options: options.map((o) => choiceOf(o as Record<string, unknown>, base)),
    multiSelect: flag(item.multiSelect),
    required: flag(item.required),
    ...optional('style', text(item.style)),
  };
}

function choiceOf(option: Record<string, unknown>, base: URL): SnowChoice {
  const label = String(option.label);
  return {
    label,
    // Boolean options often come without values: the label is what ServiceNow understands.
    value: scalarText(option.value) ?? label,
    ...optional('description', text(option.description)),
    ...optional('imageUrl', absoluteUrl(option.attachment, base)),
  };
}

function outputLink(item: RawItem, ctx: ItemContext): SnowEvent {
  const url = absoluteUrl(record(item.value)?.action, ctx.base);
  if (url === undefined) return unsupportedOf(item, ctx.base);
  return {
    type: 'link',
    url,
    ...optional('label', text(item.label)),
    ...optional('header', text(item.header)),
  };
}

function groupedLinks(item: RawItem, ctx: ItemContext): SnowEvent {
  const links = (item.values as Record<string, unknown>[]).flatMap((v) => {
    const url = absoluteUrl(v.action, ctx.base);
    if (url === undefined) return [];
    const entry: SnowLink = {
      url,
      ...optional('label', text(v.label)),
      ...optional('description', text(v.description)),
      ...optional('context', text(v.context)),
    };
    return [entry];
  });
  if (links.length === 0) return unsupportedOf(item, ctx.base);
  return { type: 'links', ...optional('header', text(item.header)), links };
}

function outputImage(item: RawItem, ctx: ItemContext): SnowEvent {
  const url = absoluteUrl(item.value, ctx.base);
  if (url === undefined) return unsupportedOf(item, ctx.base);
  return { type: 'image', url, ...optional('altText', text(item.altText)) };
}

function outputHtml(item: RawItem, ctx: ItemContext): SnowEvent {
  const links = Array.isArray(item.links)
    ? (item.links as Record<string, unknown>[]).flatMap((l) => {
        const url = absoluteUrl(l.link, ctx.base);
        return url === undefined ? [] : [{ url, ...optional('label', text(l.label)) }];
      })
    : [];
  return {
    type: 'html',
    html: String(item.value),
    ...optional('imageUrl', absoluteUrl(item.imageUrl, ctx.base)),
    ...(links.length === 0 ? {} : { links }),
  };
}

function outputCard(item: RawItem, ctx: ItemContext): SnowEvent {
  const data = typeof item.data === 'string' ? parseObject(item.data) : record(item.data);
  if (data === undefined) return unsupportedOf(item, ctx.base);
  return { type: 'card', templateName: String(item.templateName), data };
}

function outputTable(item: RawItem): SnowEvent {
  const cell = (value: unknown): string => scalarText(value) ?? '';
  const headers = Array.isArray(item.headers) ? (item.headers as unknown[]).map(cell) : [];
  const rows = (item.data as unknown[][]).map((row) => row.map(cell));
  return { type: 'table', headers, rows };
}

function parseObject(json: string): Record<string, unknown> | undefined {
  try {
    return record(JSON.parse(json));
  } catch {
    return undefined; // not JSON: the card is reported as unsupported
  }
}

export function agentOf(item: RawItem, base: URL): AgentInfo | undefined {
  const info = record(item.agentInfo);
  if (info === undefined) return undefined;
  const agent: AgentInfo = {
    ...optional('name', text(info.agentName)),
    ...optional('avatarUrl', absoluteUrl(info.agentAvatar, base)),
    ...optional('id', text(info.agentId)),
  };
  return Object.keys(agent).length === 0 ? undefined : agent;
}

/** What can be shown of an item that is not mapped: its caption or text, and its URL. */
export function unsupportedOf(item: Record<string, unknown>, base: URL): SnowEvent {
  const uiType = typeof item.uiType === 'string' ? item.uiType : '';
  const isImage = uiType === 'OutputImage';
  const caption =
    text(item.label) ??
    text(item.header) ??
    (isImage ? text(item.altText) : text(item.value)) ??
    text(item.templateName);
  const link = isImage
    ? item.value
    : uiType === 'OutputLink'
      ? record(item.value)?.action
      : undefined;
  return {
    type: 'unsupported',
    uiType,
    ...optional('text', caption),
    ...optional('url', absoluteUrl(link, base)),
  };
}
