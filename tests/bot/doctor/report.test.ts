import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatReport } from '../../../bot/doctor/report.js';
import { newAnswers, parseWebhookAnswers } from '../../../bot/doctor/running-bot.js';
import type { CheckResult } from '../../../bot/doctor/types.js';

const result = (r: Omit<CheckResult, 'durationMs'>): CheckResult => ({ ...r, durationMs: 1 });

describe('the doctor table', () => {
  it('shows each check with its finding, the fix under failures and warnings, and a summary', () => {
    const text = formatReport({
      ok: false,
      results: [
        result({ id: 'config', title: 'Configuration valid', status: 'pass', detail: 'fine' }),
        result({
          id: 'agents',
          title: 'Agents available now',
          status: 'fail',
          detail: 'no agent is available now on any channel',
          fix: 'Set your status to Available in Service Operations Workspace.',
        }),
        result({
          id: 'va-token',
          title: 'VA API accepts our token',
          status: 'skip',
          detail: 'not verifiable here',
          fix: 'Run it beside the bot.',
        }),
        result({
          id: 'callback-credentials',
          title: 'Callback credentials consistent',
          status: 'warn',
          detail: 'no user',
          fix: 'Set SERVICENOW_CALLBACK_USER.',
        }),
      ],
    });
    const lines = text.split('\n');
    assert.match(lines[0]!, /^STATUS\s+CHECK\s+FINDING$/);
    assert.match(lines[1]!, /^PASS\s+Configuration valid\s+fine$/);
    assert.match(lines[2]!, /^FAIL\s+Agents available now\s+no agent is available now/);
    assert.match(
      lines[3]!,
      /^\s+fix: Set your status to Available in Service Operations Workspace\.$/,
    );
    assert.match(lines[4]!, /^SKIP\s+VA API accepts our token\s+not verifiable here$/);
    assert.match(lines[5]!, /^\s+→ Run it beside the bot\.$/);
    assert.match(lines[7]!, /^\s+fix: Set SERVICENOW_CALLBACK_USER\.$/);
    assert.equal(lines.at(-1), 'PROBLEMS FOUND: 1 failed, 1 warning(s), 1 passed, 1 not checked');
  });
});

describe("reading the bot's webhook answers from its /metrics", () => {
  const exposition = (notFound: number) =>
    [
      '# HELP live_agent_http_requests_total HTTP requests answered, by route and status.',
      '# TYPE live_agent_http_requests_total counter',
      `live_agent_http_requests_total{route="/api/servicenow/messages",status="404"} ${notFound}`,
      'live_agent_http_requests_total{route="/api/servicenow/messages",status="400"} 2',
      'live_agent_http_requests_total{route="/api/messages",status="401"} 7',
      'live_agent_errors_total{source="teams",code="403"} 1',
    ].join('\n');

  it("counts only the webhook's answers, by status", () => {
    assert.deepEqual(
      [...parseWebhookAnswers(exposition(1)).entries()],
      [
        [404, 1],
        [400, 2],
      ],
    );
  });

  it('tells which answers were given since an earlier reading', () => {
    const before = parseWebhookAnswers(exposition(1));
    assert.deepEqual(newAnswers(before, parseWebhookAnswers(exposition(1))), []);
    assert.deepEqual(newAnswers(before, parseWebhookAnswers(exposition(2))), [404]);
  });
});
