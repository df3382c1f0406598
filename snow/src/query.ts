// The one builder through which every `sysparm_query` is made. An encoded query is a string in
// which `^` separates conditions and `^OR`, `^NQ`, `^ORDERBY` and `javascript:` change its meaning,
// so a value taken from a user (an email address, an id) could otherwise add conditions of its
// own: `x^NQactive=true` would return every active record.
//
// Values that could do so are rejected, not escaped. ServiceNow's own escape for `^` inside a value
// is `^^`, but that the REST `sysparm_query` parser honours it the same way is not documented, and a
// wrong guess would silently widen a query. None of the values we query by (sys_ids, emails, flags)
// legitimately contains `^`, so refusing is both safe and costs nothing.
import { SnowQueryValueError } from './errors.js';

export type ScalarOperator = '=' | '!=' | 'STARTSWITH' | 'LIKE';
export type ListOperator = 'IN' | 'NOT IN';
export type QueryOperator = ScalarOperator | ListOperator;

const fieldPattern = /^[a-z][a-z0-9_.]*$/;
// Control characters include newline and CR, which some parsers treat as separators; so are the
// Unicode line breaks (NEL, LINE and PARAGRAPH SEPARATOR) in JavaScript-based ones.
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/;

// The Table API's keyword search: `123TEXTQUERY321=<words>` in `sysparm_query` searches the table's
// text index (the operator is documented for encoded queries; widely used against kb_knowledge).
const TEXT_SEARCH_FIELD = '123TEXTQUERY321';
const maxTextSearchLength = 200;

/** An immutable encoded query: each method returns a new one. */
export class EncodedQuery {
  private constructor(
    private readonly conditions: readonly string[],
    private readonly ordering: readonly string[],
  ) {}

  static where(field: string, op: ScalarOperator, value: string): EncodedQuery;
  static where(field: string, op: ListOperator, values: readonly string[]): EncodedQuery;
  static where(field: string, op: QueryOperator, value: string | readonly string[]): EncodedQuery {
    return new EncodedQuery([condition(field, op, value)], []);
  }

  and(field: string, op: ScalarOperator, value: string): EncodedQuery;
  and(field: string, op: ListOperator, values: readonly string[]): EncodedQuery;
  and(field: string, op: QueryOperator, value: string | readonly string[]): EncodedQuery {
    return new EncodedQuery([...this.conditions, condition(field, op, value)], this.ordering);
  }

  /**
   * Keyword search over the table's text index (the `123TEXTQUERY321` pseudo-field). Only letters,
   * digits and single spaces are kept: the words are what is searched, and nothing else of a
   * user's text can reach the encoded query. Throws when no word is left.
   */
  andTextSearch(text: string): EncodedQuery {
    const words = text
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      .slice(0, maxTextSearchLength)
      .trim();
    if (words === '') throw new SnowQueryValueError('A text search needs at least one word');
    return new EncodedQuery([...this.conditions, `${TEXT_SEARCH_FIELD}=${words}`], this.ordering);
  }

  orderBy(field: string): EncodedQuery {
    return new EncodedQuery(this.conditions, [...this.ordering, `ORDERBY${checkField(field)}`]);
  }

  orderByDesc(field: string): EncodedQuery {
    return new EncodedQuery(this.conditions, [...this.ordering, `ORDERBYDESC${checkField(field)}`]);
  }

  toString(): string {
    return [...this.conditions, ...this.ordering].join('^');
  }
}

function condition(field: string, op: QueryOperator, value: string | readonly string[]): string {
  checkField(field);
  if (op === 'IN' || op === 'NOT IN') {
    if (typeof value === 'string' || value.length === 0) {
      throw new SnowQueryValueError(`${op} on ${field} needs a non-empty list of values`);
    }
    const items = value.map((item) => {
      if (item.includes(','))
        throw new SnowQueryValueError(`An ${op} item for ${field} contains a comma`);
      return checkValue(field, item);
    });
    return `${field}${op}${items.join(',')}`;
  }
  if (typeof value !== 'string') {
    throw new SnowQueryValueError(`${op} on ${field} needs a single value`);
  }
  return `${field}${op}${checkValue(field, value)}`;
}

function checkField(field: string): string {
  if (!fieldPattern.test(field)) throw new SnowQueryValueError('Invalid field name in a query');
  return field;
}

/** Rejects values that could add, remove or re-order conditions; the value itself is never quoted. */
function checkValue(field: string, value: string): string {
  // An empty value matches empty fields: `email=` would find every user without an email.
  if (value === '') throw new SnowQueryValueError(`Empty query value for ${field}`);
  if (value.includes('^')) throw new SnowQueryValueError(`Query value for ${field} contains '^'`);
  if (controlCharacters.test(value)) {
    throw new SnowQueryValueError(`Query value for ${field} contains a control character`);
  }
  if (value.trimStart().toLowerCase().startsWith('javascript:')) {
    throw new SnowQueryValueError(`Query value for ${field} is a script`);
  }
  return value;
}

const sysIdPattern = /^[0-9a-f]{32}$/;

/** Validates a sys_id (32 lowercase hex digits) before it is used in a query or a path. */
export function checkSysId(value: string, what: string): string {
  if (!sysIdPattern.test(value)) throw new SnowQueryValueError(`${what} is not a sys_id`);
  return value;
}
