// HTML from ServiceNow (OutputHtml) → Teams markdown, with turndown. The HTML is untrusted:
// scripts, styles, frames, forms and embedded objects are dropped with their content; links and
// images survive only with an absolute http(s) URL (no javascript:, data: or relative ones);
// tables become one line per row, since Teams messages have no table markdown.
import TurndownService from 'turndown';

const DROPPED = [
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'noscript',
  'template',
  'svg',
  'math',
  'link',
  'meta',
  'head',
] as const;

/** What the rules read of a DOM element (the DOM types are not part of this Node project). */
interface ElementLike {
  readonly nodeName: string;
  readonly previousElementSibling: unknown;
  getAttribute(name: string): string | null;
}

const element = (node: unknown) => node as ElementLike;

/** Converts one HTML fragment; returns trimmed markdown ('' when nothing readable is left). */
export class HtmlToMarkdown {
  private readonly service: TurndownService;

  constructor() {
    this.service = new TurndownService({
      headingStyle: 'atx',
      codeBlockStyle: 'fenced',
      bulletListMarker: '-',
    });
    this.service.remove([...DROPPED]);
    this.service.addRule('safeLinks', {
      filter: 'a',
      replacement: (content, node) => {
        const url = httpUrl(element(node).getAttribute('href'));
        const text = content.trim();
        if (url === undefined) return text;
        return `[${text === '' ? url : text}](${markdownUrl(url)})`;
      },
    });
    this.service.addRule('safeImages', {
      filter: 'img',
      replacement: (_content, node) => {
        const image = element(node);
        const url = httpUrl(image.getAttribute('src'));
        if (url === undefined) return '';
        const alt = this.service.escape(image.getAttribute('alt') ?? '');
        return `![${alt}](${markdownUrl(url)})`;
      },
    });
    this.service.addRule('tableCells', {
      filter: ['th', 'td'],
      replacement: (content, node) => {
        const text = content.replace(/\s+/g, ' ').trim();
        const cell = element(node);
        const shown = cell.nodeName === 'TH' && text !== '' ? `**${text}**` : text;
        return cell.previousElementSibling === null ? shown : ` | ${shown}`;
      },
    });
    this.service.addRule('tableRows', {
      filter: 'tr',
      replacement: (content) => `\n${content.trim()}\n`,
    });
  }

  convert(html: string): string {
    return this.service
      .turndown(html)
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
}

/** The URL when it is absolute http(s), normalised; undefined otherwise. */
export function httpUrl(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A URL that cannot end the markdown link early: parentheses and spaces are percent-encoded. */
export function markdownUrl(url: string): string {
  return url.replace(
    /[()\s<>]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}
