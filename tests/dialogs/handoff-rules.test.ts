import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HandoffRanking, type RankableOption } from '../../dialogs/handoff-ranking.js';
import {
  ContextTemplate,
  HandoffExpressionError,
  compileExpression,
  type HandoffContext,
} from '../../dialogs/handoff-rules.js';

const it_ = (score: number) => ({ domain: 'IT_DOMAIN', score });
const itRequest: HandoffContext = {
  domain: 'IT_DOMAIN',
  domain_candidates: [it_(0.75), { domain: 'HR_DOMAIN', score: 0.25 }],
  language: 'en',
};

function option(
  id: string,
  triggerRule: string,
  displayScore = '1',
  enabled = true,
): RankableOption {
  return { id, enabled, triggerRule, displayScore };
}

describe('handoff rules', () => {
  it('offers only the options whose trigger rule holds, best display score first', () => {
    const ranking = new HandoffRanking([
      option('hr', "context.domain == 'HR_DOMAIN'"),
      option('general', 'true', '0.5'),
      option(
        'it',
        "context.domain == 'IT_DOMAIN'",
        "if(context.domain_candidates[0].domain == 'IT_DOMAIN', 1.0, 0.5)",
      ),
      option('off', 'true', '9', false),
    ]);
    const { ranked, problems } = ranking.rank(itRequest);
    assert.deepEqual(
      ranked.map((r) => [r.option.id, r.score]),
      [
        ['it', 1],
        ['general', 0.5],
      ],
    );
    assert.deepEqual(problems, []);
  });

  it('keeps the configuration order on equal scores', () => {
    const ranking = new HandoffRanking([
      option('a', 'true'),
      option('b', 'true'),
      option('c', 'true'),
    ]);
    assert.deepEqual(
      ranking.rank({}).ranked.map((r) => r.option.id),
      ['a', 'b', 'c'],
    );
  });

  it('treats unknown values as null, so rules on them are simply false', () => {
    const ranking = new HandoffRanking([
      option(
        'it',
        "context.domain == 'IT_DOMAIN'",
        "if(context.domain_candidates[0].domain == 'IT_DOMAIN', 1.0, 0.5)",
      ),
      option('fallback', 'context.domain == null', '0.1'),
    ]);
    assert.deepEqual(
      ranking.rank({ domain_candidates: [] }).ranked.map((r) => r.option.id),
      ['fallback'],
    );
  });

  it('leaves out and reports an option whose rule does not give true/false or a number', () => {
    const ranking = new HandoffRanking([
      option('text-rule', "'yes'"),
      option('text-score', 'true', "'high'"),
      option('good', 'true'),
    ]);
    const { ranked, problems } = ranking.rank(itRequest);
    assert.deepEqual(
      ranked.map((r) => r.option.id),
      ['good'],
    );
    assert.deepEqual(
      problems.map((p) => [p.optionId, p.field]),
      [
        ['text-rule', 'triggerRule'],
        ['text-score', 'displayScore'],
      ],
    );
  });

  it('refuses to compile invalid expressions, naming the option and field', () => {
    assert.throws(
      () => new HandoffRanking([option('it', "context.domain == 'IT_DOMAIN' &&")]),
      (err: unknown) =>
        err instanceof HandoffExpressionError &&
        /^option "it", triggerRule: invalid expression/.test(err.message),
    );
    assert.throws(() => compileExpression('user.domain'), /unknown variable "user.domain"/);
    assert.throws(() => compileExpression('language'), /did you mean context.language\?/);
  });

  it('renders context-variable templates, leaving out a single placeholder with no value', () => {
    const render = (text: string, context: HandoffContext) =>
      ContextTemplate.compile(text).render(context);
    assert.equal(render('${context.language}', itRequest), 'en');
    assert.equal(render('${context.language}', {}), undefined);
    assert.equal(render('lang=${context.language}!', {}), 'lang=!');
    assert.equal(render("${concat('it', '}')}", {}), 'it}');
    assert.equal(render('${context.domain_candidates[0].score}', itRequest), '0.75');
    assert.equal(render('fixed', {}), 'fixed');
    assert.throws(() => ContextTemplate.compile('x ${context.locale'), /unterminated/);
  });
});
