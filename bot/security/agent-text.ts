// Agent messages are shown as Teams markdown, so that an agent's *emphasis* and links work. What
// they must not carry is markup or a link that runs something: raw HTML tags are escaped (shown
// as typed), and a markdown link to anything but http(s) or mailto keeps its label only.

/** Inline `[label](target "title")` (one level of parentheses in the target) and `[id]: target`. */
const INLINE_LINK = /\[([^\]\n]*)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+"[^"\n]*")?\s*\)/g;
const REFERENCE = /^(\s{0,3}\[[^\]\n]+\]:\s*)(\S+)(.*)$/gm;

export function neutraliseAgentText(text: string): string {
  // Links first, while an angle-bracketed target `(<…>)` still reads as one.
  return text
    .replace(INLINE_LINK, (whole, label: string, target: string) =>
      safeTarget(target) ? whole : label,
    )
    .replace(REFERENCE, (whole, head: string, target: string) =>
      safeTarget(target) ? whole : `${head}#`,
    )
    .replace(/[<>]/g, (c) => `\\${c}`);
}

function safeTarget(target: string): boolean {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    // Relative targets lead nowhere in Teams; there is nothing to run either.
    return !/^[a-z][a-z0-9+.-]*:/i.test(target);
  }
  return ['http:', 'https:', 'mailto:'].includes(url.protocol);
}
