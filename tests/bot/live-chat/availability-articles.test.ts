// Handoff rules reading what the knowledge step found (`context.articles`): an option offered only
// when nothing matched, and one ranked by the best article score.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TurnContext } from 'botbuilder';
import pino from 'pino';
import { parseHandoffConfig } from '../../../bot/config/index.js';
import { ServiceNowAgentAvailability } from '../../../bot/live-chat/availability.js';
import type { AvailabilityResult, HelpRequest } from '../../../dialogs/ports.js';

const option = { enabled: true, startAction: 'AGENT', contextVariables: {} };
const handoff = parseHandoffConfig({
  options: [
    { ...option, id: 'desk', label: 'Live Chat' },
    {
      ...option,
      id: 'priority',
      label: 'Priority chat',
      triggerRule: 'context.articles.count == 0',
    },
    {
      ...option,
      id: 'expert',
      label: 'Expert chat',
      triggerRule: 'context.articles.count > 0',
      displayScore: 'if(context.articles.best_score > 5, 2, 0)',
    },
  ],
  availability: { agentsAlwaysAvailable: true, cacheSeconds: 0 },
});
const checker = new ServiceNowAgentAvailability({
  presence: { availableAgents: () => Promise.resolve(1) },
  handoff,
  log: pino({ level: 'silent' }),
});
const context = { activity: { locale: 'en-US' } } as unknown as TurnContext;

const offered = (result: AvailabilityResult) =>
  result.available ? result.options.map((o) => o.id) : [];

describe('handoff rules on what the knowledge step found', () => {
  it('offers an option only when no article was shown (or the step did not run)', async () => {
    const request: HelpRequest = { text: 'vpn', articles: { count: 0 } };
    assert.deepEqual(offered(await checker.check(context, request)), ['desk', 'priority']);
    assert.deepEqual(offered(await checker.check(context, { text: 'vpn' })), ['desk', 'priority']);
  });

  it('ranks by the best score of the articles the employee saw', async () => {
    const good: HelpRequest = { text: 'vpn', articles: { count: 2, best_score: 8.75 } };
    assert.deepEqual(offered(await checker.check(context, good)), ['expert', 'desk']);
    const weak: HelpRequest = { text: 'vpn', articles: { count: 1, best_score: 1 } };
    assert.deepEqual(offered(await checker.check(context, weak)), ['desk', 'expert']);
  });
});
