import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TurnContext } from 'botbuilder';
import pino from 'pino';
import { ServiceNowAgentAvailability } from '../../../bot/live-chat/availability.js';
import { parseHandoffConfig } from '../../../bot/config/index.js';
import type { HelpRequest } from '../../../dialogs/ports.js';

/** Counts how often ServiceNow is asked, answering per service channel. */
class CountingPresence {
  calls = 0;
  constructor(private readonly agents: (channel?: string) => number | Error) {}
  availableAgents(options: { serviceChannel?: string }): Promise<number> {
    this.calls++;
    const answer = this.agents(options.serviceChannel);
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }
}

const hrChannel = '0123456789abcdef0123456789abcdef';
const base = {
  enabled: true,
  startAction: 'AGENT',
  serviceChannel: null,
  contextVariables: {},
};
const weekdays = {
  timeZone: 'Europe/Berlin',
  weekly: { monday: ['08:00-17:00'], tuesday: ['08:00-17:00'] },
};

function availability(
  options: object[],
  presence: CountingPresence,
  now = Date.parse('2026-03-02T10:00:00Z'),
  extra: object = {},
) {
  const handoff = parseHandoffConfig({
    options,
    availability: { agentsAlwaysAvailable: false, cacheSeconds: 15, ...extra },
  });
  let clock = now;
  const checker = new ServiceNowAgentAvailability({
    presence,
    handoff,
    log: pino({ level: 'silent' }),
    now: () => clock,
  });
  return { checker, advance: (ms: number) => (clock += ms) };
}

const context = (locale = 'en-US') => ({ activity: { locale } }) as unknown as TurnContext;
const itRequest: HelpRequest = {
  text: 'vpn',
  classification: { domain: 'IT_DOMAIN', candidates: [{ domain: 'IT_DOMAIN', score: 1 }] },
};

describe('agent availability', () => {
  it('offers the options whose rule holds and that have agents, best score first', async () => {
    const presence = new CountingPresence((channel) => (channel === hrChannel ? 2 : 1));
    const { checker } = availability(
      [
        { ...base, id: 'general', label: 'Chat', displayScore: '0.5' },
        { ...base, id: 'hr', label: 'HR', triggerRule: "context.domain == 'HR_DOMAIN'" },
        {
          ...base,
          id: 'it',
          label: 'Live Chat',
          labels: { de: 'Live-Chat' },
          triggerRule: "context.domain == 'IT_DOMAIN'",
        },
      ],
      presence,
    );
    assert.deepEqual(await checker.check(context(), itRequest), {
      available: true,
      options: [
        { id: 'it', label: 'Live Chat' },
        { id: 'general', label: 'Chat' },
      ],
    });
    const german = await checker.check(context('de-DE'), itRequest);
    assert.deepEqual(german.available && german.options[0], { id: 'it', label: 'Live-Chat' });
  });

  it('says no option applies when every trigger rule fails', async () => {
    const presence = new CountingPresence(() => 5);
    const { checker } = availability(
      [{ ...base, id: 'hr', label: 'HR', triggerRule: "context.domain == 'HR_DOMAIN'" }],
      presence,
    );
    assert.deepEqual(await checker.check(context(), itRequest), {
      available: false,
      reason: 'notOffered',
    });
    assert.equal(presence.calls, 0);
  });

  it('leaves out options without agents, and says so when none is left', async () => {
    const presence = new CountingPresence((channel) => (channel === hrChannel ? 0 : 3));
    const { checker } = availability(
      [
        { ...base, id: 'hr', label: 'HR', serviceChannel: hrChannel, displayScore: '2' },
        { ...base, id: 'it', label: 'IT' },
      ],
      presence,
    );
    const result = await checker.check(context(), itRequest);
    assert.deepEqual(result.available && result.options.map((o) => o.id), ['it']);
    const none = availability([{ ...base, id: 'hr', label: 'HR' }], new CountingPresence(() => 0));
    assert.deepEqual(await none.checker.check(context(), itRequest), {
      available: false,
      reason: 'noAgents',
    });
  });

  it('says when agents are back outside business hours, without asking ServiceNow', async () => {
    const presence = new CountingPresence(() => 3);
    const tuesdayEvening = Date.parse('2026-03-03T17:00:00Z');
    const { checker } = availability(
      [{ ...base, id: 'it', label: 'IT' }],
      presence,
      tuesdayEvening,
      {
        businessHours: { ...weekdays, holidays: ['2026-03-09'] },
      },
    );
    assert.deepEqual(await checker.check(context(), itRequest), {
      available: false,
      reason: 'outsideHours',
      // Monday 9 March is a holiday: Tuesday 10 March, 08:00 in Berlin.
      nextOpening: { at: '2026-03-10T07:00:00.000Z', timeZone: 'Europe/Berlin' },
    });
    assert.equal(presence.calls, 0);
  });

  it('lets an option have its own hours', async () => {
    const presence = new CountingPresence(() => 1);
    const monday = Date.parse('2026-03-02T10:00:00Z');
    const { checker } = availability(
      [
        {
          ...base,
          id: 'night',
          label: 'Night desk',
          businessHours: { timeZone: 'UTC', weekly: { sunday: ['00:00-24:00'] } },
        },
        { ...base, id: 'day', label: 'Day desk', businessHours: weekdays },
      ],
      presence,
      monday,
    );
    const result = await checker.check(context(), itRequest);
    assert.deepEqual(result.available && result.options.map((o) => o.id), ['day']);
  });

  it('says ServiceNow could not be asked, and offers the options it could check', async () => {
    const down = availability(
      [{ ...base, id: 'it', label: 'IT' }],
      new CountingPresence(() => new Error('down')),
    );
    assert.deepEqual(await down.checker.check(context(), itRequest), {
      available: false,
      reason: 'unreachable',
    });
    const half = availability(
      [
        { ...base, id: 'hr', label: 'HR', serviceChannel: hrChannel },
        { ...base, id: 'it', label: 'IT' },
      ],
      new CountingPresence((channel) => (channel === hrChannel ? new Error('down') : 1)),
    );
    const result = await half.checker.check(context(), itRequest);
    assert.deepEqual(result.available && result.options.map((o) => o.id), ['it']);
  });

  it('asks ServiceNow at most once per cache period', async () => {
    const presence = new CountingPresence(() => 1);
    const { checker, advance } = availability([{ ...base, id: 'it', label: 'IT' }], presence);
    for (let i = 0; i < 5; i++) await checker.check(context(), itRequest);
    assert.equal(presence.calls, 1);
    advance(15_000);
    await checker.check(context(), itRequest);
    assert.equal(presence.calls, 2);
  });

  it('skips the presence check when agents are always available', async () => {
    const presence = new CountingPresence(() => 0);
    const { checker } = availability([{ ...base, id: 'it', label: 'IT' }], presence, undefined, {
      agentsAlwaysAvailable: true,
    });
    assert.equal((await checker.check(context(), itRequest)).available, true);
    assert.equal(presence.calls, 0);
  });
});
