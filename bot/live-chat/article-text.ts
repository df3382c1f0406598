// Knowledge article HTML (titles, snippets, article bodies from ServiceNow) → short, safe plain
// text for a card. The HTML is untrusted: scripts, styles and other embedded content are dropped
// with their content, every tag goes, entities are decoded, white space is collapsed, and the
// result is cut at a word boundary. The card escapes markdown on top of this.

const DROPPED_WITH_CONTENT =
  /<(script|style|iframe|object|embed|noscript|template|svg|math|head|textarea|select)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const BLOCK_TAGS =
  /<\/?(p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|blockquote)\b[^>]*>/gi;
const ANY_TAG = /<\/?[a-z!][^>]*>?/gi;
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
};

/** Plain text of `html`, at most `max` characters (an ellipsis marks a cut). */
export function articleText(html: string, max: number): string {
  const text = decodeEntities(
    html.replace(DROPPED_WITH_CONTENT, ' ').replace(BLOCK_TAGS, ' ').replace(ANY_TAG, ''),
  )
    // Control characters and the odd left-over angle bracket never help a reader.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cut(text, max);
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, code: string) => {
    if (code.startsWith('#')) {
      const point =
        code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : Number(code.slice(1));
      return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : ' ';
    }
    return NAMED[code.toLowerCase()] ?? whole;
  });
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const slice = text.slice(0, max - 1);
  const space = slice.lastIndexOf(' ');
  return `${(space > max / 2 ? slice.slice(0, space) : slice).trimEnd()}…`;
}
