// Rules of the handoff configuration that JSON schema cannot say well: unique ids, one enabled
// option, expressions and templates that compile, real time zones, intervals that end after
// they start. Each problem names its JSON path (and the option), never a value.
import {
  ContextTemplate,
  HandoffExpressionError,
  compileExpression,
} from '../../dialogs/handoff-rules.js';
import type { RawHandoffConfig } from './handoff.js';
import { knowledgeProblems } from './knowledge-config.js';
import { ticketProblems } from './ticket-config.js';

interface RawHours {
  readonly timeZone: string;
  readonly weekly: Readonly<Partial<Record<string, readonly string[]>>>;
}

export function semanticProblems(config: RawHandoffConfig): string[] {
  const problems: string[] = [];
  if (!config.options.some((o) => o.enabled)) {
    problems.push('/options: at least one option must be enabled');
  }
  const seen = new Set<string>();
  config.options.forEach((option, index) => {
    const at = `/options/${index}`;
    if (seen.has(option.id)) problems.push(`${at}/id: duplicate option id`);
    seen.add(option.id);
    const named = (field: string, reason: string) =>
      `${at}/${field}: ${reason} (option "${option.id}")`;
    for (const field of ['triggerRule', 'displayScore'] as const) {
      const text = option[field];
      const reason = text === undefined ? undefined : expressionProblem(text);
      if (reason !== undefined) problems.push(named(field, reason));
    }
    for (const [name, text] of Object.entries(option.contextVariables)) {
      const reason = templateProblem(text);
      if (reason !== undefined) problems.push(named(`contextVariables/${name}`, reason));
    }
    if (option.businessHours !== undefined) {
      problems.push(...hoursProblems(option.businessHours, `${at}/businessHours`));
    }
    problems.push(...ticketProblems(option.ticket, at));
  });
  problems.push(...ticketProblems(config.ticket, ''));
  const domains = new Set<string>();
  (config.domains ?? []).forEach((domain, index) => {
    if (domains.has(domain.id)) problems.push(`/domains/${index}/id: duplicate domain id`);
    domains.add(domain.id);
  });
  const hours = config.availability.businessHours;
  if (hours !== undefined) problems.push(...hoursProblems(hours, '/availability/businessHours'));
  problems.push(...knowledgeProblems(config.knowledge, config.options));
  const when = config.knowledge?.when;
  const whenProblem = when === undefined ? undefined : expressionProblem(when);
  if (whenProblem !== undefined) problems.push(`/knowledge/when: ${whenProblem}`);
  return problems;
}

function expressionProblem(text: string): string | undefined {
  try {
    compileExpression(text);
    return undefined;
  } catch (err) {
    if (err instanceof HandoffExpressionError) return err.message;
    throw err;
  }
}

function templateProblem(text: string): string | undefined {
  try {
    ContextTemplate.compile(text);
    return undefined;
  } catch (err) {
    if (err instanceof HandoffExpressionError) return err.message;
    throw err;
  }
}

function hoursProblems(hours: RawHours, at: string): string[] {
  const problems: string[] = [];
  try {
    new Intl.DateTimeFormat('en', { timeZone: hours.timeZone });
  } catch {
    problems.push(`${at}/timeZone: unknown time zone (use an IANA name such as Europe/Berlin)`);
  }
  for (const [day, intervals] of Object.entries(hours.weekly)) {
    (intervals ?? []).forEach((interval, index) => {
      const [from = '', to = ''] = interval.split('-');
      if (from >= to) problems.push(`${at}/weekly/${day}/${index}: must end after it starts`);
    });
  }
  return problems;
}
