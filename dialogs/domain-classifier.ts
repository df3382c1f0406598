// Classifies a request into the domains the IT admin configured, by keywords (whole words) and
// phrases (word sequences). Deliberately simple and predictable: an admin can read a rule and
// know what it matches. Another classifier (say, a language model) can replace it behind
// DomainClassifier.
import type { DomainCandidate, DomainClassification, DomainClassifier } from './ports.js';

export interface DomainRule {
  /** The domain name handoff rules compare against, e.g. "IT_DOMAIN". */
  readonly id: string;
  /** Single words; a request word matches when equal (case and accents ignored). */
  readonly keywords: readonly string[];
  /** Word sequences, matched as whole words; they count double. */
  readonly phrases?: readonly string[];
}

const PHRASE_WEIGHT = 2;

export class KeywordDomainClassifier implements DomainClassifier {
  private readonly rules: readonly {
    readonly id: string;
    readonly keywords: ReadonlySet<string>;
    readonly phrases: readonly string[];
  }[];

  constructor(rules: readonly DomainRule[]) {
    this.rules = rules.map((rule) => ({
      id: rule.id,
      keywords: new Set(rule.keywords.map((k) => words(k).join(' '))),
      phrases: (rule.phrases ?? []).map((p) => ` ${words(p).join(' ')} `),
    }));
  }

  classify(text: string): Promise<DomainClassification> {
    const tokens = words(text);
    const padded = ` ${tokens.join(' ')} `;
    const hits: { domain: string; hits: number }[] = [];
    for (const rule of this.rules) {
      const keywordHits = tokens.filter((t) => rule.keywords.has(t)).length;
      const phraseHits = rule.phrases.filter((p) => p.trim() !== '' && padded.includes(p)).length;
      const total = keywordHits + PHRASE_WEIGHT * phraseHits;
      if (total > 0) hits.push({ domain: rule.id, hits: total });
    }
    const sum = hits.reduce((s, h) => s + h.hits, 0);
    // Stable sort: on a tie the domain configured first wins.
    const candidates: DomainCandidate[] = hits
      .sort((a, b) => b.hits - a.hits)
      .map((h) => ({ domain: h.domain, score: round(h.hits / sum) }));
    const top = candidates[0];
    return Promise.resolve(top === undefined ? { candidates } : { domain: top.domain, candidates });
  }
}

/** Lower-case words without accents, split on anything that is not a letter or digit. */
function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
