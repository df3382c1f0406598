// ServiceNow encoded queries (`sysparm_query`): parsing and evaluation, including the parts that
// make query injection possible (`^OR`, `^NQ`) and the `^^` escape, so a client's escaping is
// tested against the real grammar rather than a simplified one.

const OPERATORS = [
  'NOT IN',
  'NOT LIKE',
  'NOTLIKE',
  'ISNOTEMPTY',
  'ISEMPTY',
  'STARTSWITH',
  'ENDSWITH',
  'LIKE',
  'IN',
  '!=',
  '<=',
  '>=',
  '=',
  '<',
  '>',
] as const;

export type Operator = (typeof OPERATORS)[number];

export interface Condition {
  readonly field: string;
  readonly operator: Operator;
  readonly value: string;
}

/** Conditions inside a clause are OR-ed; clauses are AND-ed; groups (split by `^NQ`) are OR-ed. */
export type Clause = readonly Condition[];
export type Group = readonly Clause[];

export interface OrderTerm {
  readonly field: string;
  readonly descending: boolean;
}

export interface EncodedQuery {
  readonly groups: readonly Group[];
  readonly orderBy: readonly OrderTerm[];
}

/** How a table lets the query see its rows. Unknown fields make a condition be ignored. */
export interface FieldReader<Row> {
  known(field: string): boolean;
  value(row: Row, field: string): string;
  /** Keyword search (`123TEXTQUERY321=<words>`), on tables with a text index. */
  readonly textMatch?: (row: Row, words: string) => boolean;
}

/** The encoded-query pseudo-field of a keyword search over the table's text index. */
export const TEXT_SEARCH_FIELD = '123TEXTQUERY321';

type Separator = 'AND' | 'OR' | 'NQ';

interface Term {
  readonly separator: Separator;
  readonly text: string;
}

const CONDITION = new RegExp(
  `^(123TEXTQUERY321|[a-z_][a-z0-9_]*(?:\\.[a-z_][a-z0-9_]*)*)(${OPERATORS.map(escapeRegExp).join('|')})(.*)$`,
  's',
);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits on `^`, `^OR` and `^NQ`; `^^` is a literal caret inside a term. */
function tokenize(query: string): Term[] {
  const terms: Term[] = [];
  let separator: Separator = 'AND';
  let text = '';
  let i = 0;
  while (i < query.length) {
    const char = query.charAt(i);
    if (char !== '^') {
      text += char;
      i += 1;
      continue;
    }
    if (query.charAt(i + 1) === '^') {
      text += '^';
      i += 2;
      continue;
    }
    terms.push({ separator, text });
    text = '';
    const rest = query.slice(i + 1);
    if (rest.startsWith('NQ')) [separator, i] = ['NQ', i + 3];
    else if (rest.startsWith('OR') && !rest.startsWith('ORDERBY')) [separator, i] = ['OR', i + 3];
    else [separator, i] = ['AND', i + 1];
  }
  terms.push({ separator, text });
  return terms;
}

export function parseCondition(text: string): Condition | undefined {
  const match = CONDITION.exec(text);
  if (match === null) return undefined;
  const [, field = '', operator = '=', value = ''] = match;
  return { field, operator: operator as Operator, value };
}

function orderTerm(text: string): OrderTerm | undefined {
  if (text.startsWith('ORDERBYDESC')) return { field: text.slice(11), descending: true };
  if (text.startsWith('ORDERBY')) return { field: text.slice(7), descending: false };
  return undefined;
}

export function parseEncodedQuery(query: string): EncodedQuery {
  const groups: Condition[][][] = [[]];
  const orderBy: OrderTerm[] = [];
  for (const term of tokenize(query)) {
    if (term.separator === 'NQ') groups.push([]);
    const order = orderTerm(term.text);
    if (order !== undefined) {
      orderBy.push(order);
      continue;
    }
    const condition = parseCondition(term.text);
    if (condition === undefined) continue; // ServiceNow ignores parts it cannot read.
    const group = groups[groups.length - 1] ?? [];
    const last = group[group.length - 1];
    if (term.separator === 'OR' && last !== undefined) last.push(condition);
    else group.push([condition]);
  }
  return { groups, orderBy };
}

function compareValues(a: string, b: string): number {
  const [x, y] = [Number(a), Number(b)];
  if (a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function test(operator: Operator, actual: string, expected: string): boolean {
  switch (operator) {
    case '=':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case 'IN':
      return expected.split(',').includes(actual);
    case 'NOT IN':
      return !expected.split(',').includes(actual);
    case 'LIKE':
      return actual.includes(expected);
    case 'NOT LIKE':
    case 'NOTLIKE':
      return !actual.includes(expected);
    case 'STARTSWITH':
      return actual.startsWith(expected);
    case 'ENDSWITH':
      return actual.endsWith(expected);
    case 'ISEMPTY':
      return actual === '';
    case 'ISNOTEMPTY':
      return actual !== '';
    case '<':
      return compareValues(actual, expected) < 0;
    case '<=':
      return compareValues(actual, expected) <= 0;
    case '>':
      return compareValues(actual, expected) > 0;
    case '>=':
      return compareValues(actual, expected) >= 0;
  }
}

function clauseHolds<Row>(clause: Clause, row: Row, reader: FieldReader<Row>): boolean {
  const valid = clause.filter(
    (c) => reader.known(c.field) || (c.field === TEXT_SEARCH_FIELD && reader.textMatch),
  );
  if (valid.length === 0) return true;
  return valid.some((c) =>
    c.field === TEXT_SEARCH_FIELD
      ? (reader.textMatch?.(row, c.value) ?? true)
      : test(c.operator, reader.value(row, c.field), c.value),
  );
}

export function matches<Row>(query: EncodedQuery, row: Row, reader: FieldReader<Row>): boolean {
  return query.groups.some((group) => group.every((clause) => clauseHolds(clause, row, reader)));
}

/** Stable sort by the query's ORDERBY terms (unknown fields ignored). */
export function sortRows<Row>(
  rows: readonly Row[],
  orderBy: readonly OrderTerm[],
  reader: FieldReader<Row>,
): Row[] {
  const terms = orderBy.filter((t) => reader.known(t.field));
  return [...rows].sort((a, b) => {
    for (const term of terms) {
      const order = compareValues(reader.value(a, term.field), reader.value(b, term.field));
      if (order !== 0) return term.descending ? -order : order;
    }
    return 0;
  });
}
