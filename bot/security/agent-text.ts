// An agent's plain text, shown in Teams exactly as typed. ServiceNow's agent chat is plain text,
// but Teams renders a message's text as markdown: `2*3*4` would lose its stars, `file_name_v2`
// its underscores, `<b>` would be markup and `[label](target)` a link with a hidden target
// (measured in Microsoft 365 Agents Playground: tests/e2e/agent-text.test.ts). So every character
// markdown gives a meaning is backslash-escaped, which CommonMark allows for any ASCII
// punctuation; bare http(s) and mailto addresses are left as they are, so that Teams still makes
// them links (and only those: nothing else an agent types can become a link or markup).
// Rich content the agent sends as HTML goes through html-markdown.ts instead.

/**
 * One pass over the text: what starts an ordered list (`1.`, `2)`: the delimiter is escaped),
 * a bullet, heading or setext rule at the beginning of a line, and the characters with a meaning
 * anywhere (`[` and `]` escaped, `(`, `)` and `!` can no longer form a link or image).
 */
const MARKUP = /^(\s*)(\d+)([.)])|^(\s*)([-+=#])|[\\`*_~[\]<>|&]/gm;
/**
 * Bare addresses Teams turns into links: up to whitespace or a character that cannot be part of
 * one here, not ending in punctuation that usually closes the sentence around it.
 */
const BARE_ADDRESS = /\b(?:https?:\/\/|mailto:)[^\s<>"'`]*[^\s<>"'`.,;:!?)\]}*_~]/gi;

export function neutraliseAgentText(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(BARE_ADDRESS)) {
    out += escapePlain(text.slice(last, match.index));
    out += match[0];
    last = match.index + match[0].length;
  }
  return out + escapePlain(text.slice(last));
}

function escapePlain(text: string): string {
  return text.replace(
    MARKUP,
    (
      whole,
      indent?: string,
      digits?: string,
      delimiter?: string,
      indent2?: string,
      marker?: string,
    ) => {
      if (delimiter !== undefined) return `${indent ?? ''}${digits ?? ''}\\${delimiter}`;
      if (marker !== undefined) return `${indent2 ?? ''}\\${marker}`;
      return `\\${whole}`;
    },
  );
}
