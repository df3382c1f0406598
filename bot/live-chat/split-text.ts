// Splits long text into parts that each fit one Teams message (about 28 KB for the whole
// activity, measured as the JSON sent). Parts break at paragraphs if possible, then lines, then
// spaces, and only as a last resort inside a word, never inside a character.

/** Budget for a message's text as JSON, leaving room for the rest of the activity. */
export const MAX_TEXT_BYTES = 24 * 1024;

const encoder = new TextEncoder();

/** Size of the text once JSON-encoded (quotes, escapes and UTF-8 included). */
export function jsonBytes(text: string): number {
  return encoder.encode(JSON.stringify(text)).length;
}

/** The text in parts of at most `maxBytes` each (as JSON); one part when it already fits. */
export function splitText(text: string, maxBytes = MAX_TEXT_BYTES): string[] {
  const parts: string[] = [];
  let rest = text;
  while (jsonBytes(rest) > maxBytes) {
    const cut = cutPoint(rest, maxBytes);
    const head = rest.slice(0, cut).trimEnd();
    if (head !== '') parts.push(head);
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.trim() !== '' || parts.length === 0) parts.push(rest);
  return parts;
}

/** Where to cut so that the head fits: the last good boundary within the longest fitting prefix. */
function cutPoint(text: string, maxBytes: number): number {
  const fits = longestFittingPrefix(text, maxBytes);
  const head = text.slice(0, fits);
  for (const boundary of ['\n\n', '\n', ' ']) {
    const at = head.lastIndexOf(boundary);
    // A boundary in the first quarter would make tiny parts; cut harder instead.
    if (at > fits / 4) return at + boundary.length;
  }
  return fits;
}

/** Length (in UTF-16 units, never splitting a surrogate pair) of the longest prefix that fits. */
function longestFittingPrefix(text: string, maxBytes: number): number {
  let low = 1;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (jsonBytes(text.slice(0, mid)) <= maxBytes) low = mid;
    else high = mid - 1;
  }
  const code = text.charCodeAt(low - 1);
  // Do not end on the first half of a surrogate pair.
  return code >= 0xd800 && code <= 0xdbff && low > 1 ? low - 1 : low;
}
