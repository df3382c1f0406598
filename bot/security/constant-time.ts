// Secret comparisons that take the same time whatever the input: both sides are hashed first, so
// neither the position of the first difference nor the length of the secret shows in the timing.
import { hash, timingSafeEqual } from 'node:crypto';

export function safeEqual(actual: string, expected: string): boolean {
  return timingSafeEqual(sha256(actual), sha256(expected));
}

/** True when `actual` equals one of `candidates`; every candidate is compared, always. */
export function equalsAny(actual: string, candidates: readonly string[]): boolean {
  let found = false;
  for (const candidate of candidates) found = safeEqual(actual, candidate) || found;
  return found;
}

function sha256(text: string): Buffer {
  return hash('sha256', text, 'buffer');
}
