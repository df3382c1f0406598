// Maps botbuilder storage keys (e.g. `msteams/conversations/a:1…/`) to Cosmos DB ids, which may
// not contain `/ \ ? #`. Every byte outside a small safe set becomes `*` + two hex digits, so the
// mapping is deterministic and reversible. Keys whose escaped form would be too long for an id
// become `*~` + their SHA-256 instead: still deterministic, and the document keeps the key itself.
import { createHash } from 'node:crypto';

/** Cosmos allows longer ids in new accounts; 255 fits every account and partition key version. */
export const MAX_ID_LENGTH = 255;
const SAFE = /^[A-Za-z0-9_.:-]$/;
const HASHED_PREFIX = '*~';

export function keyToId(key: string): string {
  let id = '';
  for (const byte of Buffer.from(key, 'utf8')) {
    const char = String.fromCharCode(byte);
    id += byte < 0x80 && SAFE.test(char) ? char : `*${byte.toString(16).padStart(2, '0')}`;
  }
  if (id.length <= MAX_ID_LENGTH) return id;
  return HASHED_PREFIX + createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The key an id was made from; undefined for hashed ids (their documents carry the key). */
export function idToKey(id: string): string | undefined {
  if (id.startsWith(HASHED_PREFIX)) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < id.length; i += 1) {
    if (id[i] === '*') {
      bytes.push(Number.parseInt(id.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(id.charCodeAt(i));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
