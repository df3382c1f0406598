// Which configured handoff options apply to a request, best first: an option is kept when its
// trigger rule is true, and ranked by its display score. A rule that fails at run time (say, a
// type error) keeps the option out and is reported, so one bad rule cannot hide the others.
import type { Expression } from 'adaptive-expressions';
import {
  compileExpression,
  evaluate,
  HandoffExpressionError,
  type HandoffContext,
} from './handoff-rules.js';

/** The parts of a handoff option the ranking reads. */
export interface RankableOption {
  readonly id: string;
  readonly enabled: boolean;
  /** Expression that must be true for the option to be offered. */
  readonly triggerRule: string;
  /** Expression giving a number; higher is offered first. */
  readonly displayScore: string;
}

export type RuleField = 'triggerRule' | 'displayScore';

export interface RuleProblem {
  readonly optionId: string;
  readonly field: RuleField;
  readonly message: string;
}

export interface Ranking<T> {
  readonly ranked: readonly { readonly option: T; readonly score: number }[];
  readonly problems: readonly RuleProblem[];
}

interface Compiled<T> {
  readonly option: T;
  readonly triggerRule: Expression;
  readonly displayScore: Expression;
}

export class HandoffRanking<T extends RankableOption> {
  private readonly compiled: readonly Compiled<T>[];

  /** Compiles every enabled option; throws HandoffExpressionError naming the option and field. */
  constructor(options: readonly T[]) {
    this.compiled = options
      .filter((option) => option.enabled)
      .map((option) => ({
        option,
        triggerRule: compileField(option, 'triggerRule'),
        displayScore: compileField(option, 'displayScore'),
      }));
  }

  rank(context: HandoffContext): Ranking<T> {
    const ranked: { option: T; score: number }[] = [];
    const problems: RuleProblem[] = [];
    for (const { option, triggerRule, displayScore } of this.compiled) {
      const rule = evaluate(triggerRule, context);
      if (rule.error !== undefined || typeof rule.value !== 'boolean') {
        problems.push(problem(option, 'triggerRule', rule.error ?? 'did not give true or false'));
        continue;
      }
      if (!rule.value) continue;
      const score = evaluate(displayScore, context);
      if (
        score.error !== undefined ||
        typeof score.value !== 'number' ||
        !Number.isFinite(score.value)
      ) {
        problems.push(problem(option, 'displayScore', score.error ?? 'did not give a number'));
        continue;
      }
      ranked.push({ option, score: score.value });
    }
    // Array.prototype.sort is stable: equal scores keep the configuration's order.
    ranked.sort((a, b) => b.score - a.score);
    return { ranked, problems };
  }
}

function compileField(option: RankableOption, field: RuleField): Expression {
  try {
    return compileExpression(option[field]);
  } catch (err) {
    if (!(err instanceof HandoffExpressionError)) throw err;
    throw new HandoffExpressionError(`option "${option.id}", ${field}: ${err.message}`, {
      cause: err,
    });
  }
}

function problem(option: RankableOption, field: RuleField, message: string): RuleProblem {
  return { optionId: option.id, field, message };
}
