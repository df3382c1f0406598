// Counts what went wrong in one stream of messages: expected ids in order vs what arrived.

export interface Tally {
  /** Distinct expected messages that arrived. */
  readonly delivered: number;
  /** Expected messages that never arrived. */
  readonly lost: number;
  /** Arrivals beyond the first of a message. */
  readonly duplicated: number;
  /** Messages that arrived before one that was sent earlier. */
  readonly reordered: number;
}

export function check(expected: readonly string[], arrived: readonly string[]): Tally {
  const position = new Map(expected.map((id, i) => [id, i]));
  const seen = new Set<string>();
  let duplicated = 0;
  let reordered = 0;
  let highest = -1;
  for (const id of arrived) {
    const at = position.get(id);
    if (at === undefined) continue;
    if (seen.has(id)) {
      duplicated += 1;
      continue;
    }
    seen.add(id);
    if (at < highest) reordered += 1;
    highest = Math.max(highest, at);
  }
  return { delivered: seen.size, lost: expected.length - seen.size, duplicated, reordered };
}
