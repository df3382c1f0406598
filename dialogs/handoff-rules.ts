// Handoff rules written by the IT admin in Bot Framework's expression language
// (adaptive-expressions): which options apply to a request (trigger rule), how they rank
// (display score) and what context variables ServiceNow gets (templates with ${…} parts).
// Expressions see one variable, `context`, with the fields of HANDOFF_CONTEXT_FIELDS only.
import { Expression } from 'adaptive-expressions';
import type { ArticlesFound, DomainCandidate } from './ports.js';

export const HANDOFF_CONTEXT_FIELDS = [
  'domain',
  'domain_candidates',
  'language',
  'locale',
  'timezone',
  'email',
  'description',
  'articles',
] as const;

/** What expressions can read, as `context.<field>`; unknown values are absent (null). */
export interface HandoffContext {
  readonly domain?: string;
  readonly domain_candidates?: readonly DomainCandidate[];
  /** ISO 639-1, from the Teams locale. */
  readonly language?: string;
  readonly locale?: string;
  readonly timezone?: string;
  /** Known only when the chat starts. */
  readonly email?: string;
  /** Known only when the chat starts. */
  readonly description?: string;
  /** What the knowledge search showed: `count` (0 when nothing) and `best_score` (when scored). */
  readonly articles?: ArticlesFound;
}

export const HandoffRuleErrorCodes = { EXPRESSION_INVALID: 'HANDOFF_EXPRESSION_INVALID' } as const;

/** An expression or template that cannot be compiled; the message says why, never quoting it. */
export class HandoffExpressionError extends Error {
  readonly code = HandoffRuleErrorCodes.EXPRESSION_INVALID;
}

/** Values for templates that read more than the handoff context (e.g. a ticket's number). */
export type TemplateValues = Readonly<Record<string, unknown>>;

/** Parses an expression and checks that it reads only known `context` fields. */
export function compileExpression(
  text: string,
  fields: readonly string[] = HANDOFF_CONTEXT_FIELDS,
): Expression {
  const known = new Set<string>(fields);
  let expression: Expression;
  try {
    expression = Expression.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : 'cannot be parsed';
    throw new HandoffExpressionError(`invalid expression: ${reason}`, { cause: err });
  }
  for (const reference of expression.references()) {
    const [root, field = ''] = reference.split(/[.[\]]/);
    if (root !== 'context' || !known.has(field)) {
      const hint = known.has(root ?? '')
        ? `did you mean context.${root ?? ''}?`
        : `known: ${fields.map((f) => `context.${f}`).join(', ')}`;
      throw new HandoffExpressionError(`unknown variable "${reference}" (${hint})`);
    }
  }
  return expression;
}

/** The value of an expression, or an error message when it fails at run time. */
export function evaluate(
  expression: Expression,
  context: HandoffContext | TemplateValues,
): { readonly value?: unknown; readonly error?: string } {
  const { value, error } = expression.tryEvaluate({ context: { ...context } }) as {
    value?: unknown;
    error?: string;
  };
  return error === undefined ? { value } : { error };
}

type Part = string | Expression;

/** A context-variable template: literal text with `${expression}` parts. */
export class ContextTemplate {
  private constructor(private readonly parts: readonly Part[]) {}

  /**
   * Throws HandoffExpressionError when a part is unterminated or not a valid expression; `fields`
   * are the `context` fields it may read (default: the handoff context's).
   */
  static compile(text: string, fields?: readonly string[]): ContextTemplate {
    return new ContextTemplate(
      splitTemplate(text).map((p) =>
        typeof p === 'string' ? p : compileExpression(p.source, fields),
      ),
    );
  }

  /**
   * The rendered value. A template that is a single `${…}` whose value is null, absent or empty
   * renders as undefined, so the variable can be left out rather than sent empty. Inserted
   * values are never expanded again.
   */
  render(context: HandoffContext | TemplateValues): string | undefined {
    if (this.parts.length === 1 && typeof this.parts[0] !== 'string') {
      const value = valueText(this.parts[0], context);
      return value === '' ? undefined : value;
    }
    return this.parts.map((p) => (typeof p === 'string' ? p : valueText(p, context))).join('');
  }
}

/** Renders every template of a set, leaving out the ones that render as undefined. */
export function renderTemplates(
  templates: Readonly<Record<string, ContextTemplate>>,
  context: HandoffContext | TemplateValues,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, template] of Object.entries(templates)) {
    const value = template.render(context);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function valueText(expression: Part | undefined, context: HandoffContext | TemplateValues): string {
  if (expression === undefined || typeof expression === 'string') return expression ?? '';
  const { value } = evaluate(expression, context);
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Splits `a ${x} b` into literals and expression sources, honouring quotes inside `${…}`. */
function splitTemplate(text: string): (string | { readonly source: string })[] {
  const parts: (string | { readonly source: string })[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('${', i)) {
      const end = closingBrace(text, i + 2);
      if (end === undefined) throw new HandoffExpressionError('unterminated ${ placeholder');
      if (literal !== '') parts.push(literal);
      literal = '';
      parts.push({ source: text.slice(i + 2, end) });
      i = end + 1;
    } else {
      literal += text.charAt(i);
      i++;
    }
  }
  if (literal !== '' || parts.length === 0) parts.push(literal);
  return parts;
}

function closingBrace(text: string, from: number): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = from; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}
