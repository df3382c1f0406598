// What the agent learns, when the chat starts, of what the employee already tried: the first
// message (readable in Agent Workspace) gets a short briefing after the description, and context
// variables carry the same facts for AWA routing. Only when articles were shown and the employee
// went on to an agent; nothing of it when they asked for an agent straight away. For the agent,
// so in English, like the rest of the ServiceNow side.
import type { TriedArticles } from '../../dialogs/ports.js';

/** Context variables sent with the start request after knowledge articles did not help. */
export const BRIEFING_VARIABLES = {
  /** Comma-separated numbers of the articles shown, best first, e.g. "KB0010001,KB0010002". */
  articles: 'kb_articles_tried',
  /** How many articles were shown. */
  count: 'kb_articles_tried_count',
  /** Always "not_solved" when set: the employee said they still need help. */
  outcome: 'kb_articles_outcome',
  /** What the employee asked (the search text), at most 200 characters. */
  request: 'kb_request',
  /** The domain the bot classified the request into (when one matched). */
  domain: 'kb_request_domain',
  /** The employee's language (ISO 639-1). */
  language: 'kb_request_language',
} as const;

export interface BriefingFacts {
  readonly tried: TriedArticles;
  readonly domain?: string;
  readonly language?: string;
}

const REQUEST_MAX = 200;

/** The first message: the description, then what was tried. */
export function briefingText(description: string, facts: BriefingFacts): string {
  const lines = [
    description,
    '',
    'Knowledge articles the employee was shown before this chat (they did not solve it):',
    ...facts.tried.articles.map((a, i) => `${i + 1}. ${a.number} – ${a.title}`),
    `They asked: "${oneLine(facts.tried.request).slice(0, REQUEST_MAX)}"`,
    `Domain: ${facts.domain ?? 'none'}. Language: ${facts.language ?? 'unknown'}.`,
  ];
  return lines.join('\n');
}

export function briefingVariables(facts: BriefingFacts): Record<string, string> {
  const v = BRIEFING_VARIABLES;
  return {
    [v.articles]: facts.tried.articles.map((a) => a.number).join(','),
    [v.count]: String(facts.tried.articles.length),
    [v.outcome]: 'not_solved',
    [v.request]: oneLine(facts.tried.request).slice(0, REQUEST_MAX),
    ...(facts.domain !== undefined && { [v.domain]: facts.domain }),
    ...(facts.language !== undefined && { [v.language]: facts.language }),
  };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
