import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BusinessHoursCalendar } from '../../../bot/live-chat/business-hours.js';

// Mondays to Fridays 08:00-12:00 and 13:00-17:30 in Berlin; 2026-03-02 is a Monday (UTC+1),
// 2026-03-30 the Monday after the switch to summer time (UTC+2).
const berlin = new BusinessHoursCalendar({
  timeZone: 'Europe/Berlin',
  weekly: Object.fromEntries(
    ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [
      d,
      ['08:00-12:00', '13:00-17:30'],
    ]),
  ),
  holidays: ['2026-03-03'],
});
const at = (iso: string) => berlin.state(new Date(iso));
const next = (iso: string) => {
  const state = at(iso);
  if (state.open) assert.fail(`${iso} should be closed`);
  return state.nextOpening?.toISOString();
};

describe('business hours', () => {
  it('is open within the weekly intervals, in the configured time zone', () => {
    assert.deepEqual(at('2026-03-02T07:00:00Z'), { open: true }); // 08:00 Berlin
    assert.deepEqual(at('2026-03-02T10:59:00Z'), { open: true }); // 11:59
    assert.deepEqual(at('2026-03-02T16:29:00Z'), { open: true }); // 17:29
  });

  it('knows when agents are back: after lunch, the next morning, after a weekend', () => {
    assert.equal(next('2026-03-02T11:30:00Z'), '2026-03-02T12:00:00.000Z'); // 12:30 → 13:00
    assert.equal(next('2026-03-02T06:59:00Z'), '2026-03-02T07:00:00.000Z'); // 07:59 → 08:00
    assert.equal(next('2026-03-06T16:30:00Z'), '2026-03-09T07:00:00.000Z'); // Fri 17:30 → Mon
  });

  it('stays closed on holidays', () => {
    // Tuesday 3 March is a holiday: Monday evening → Wednesday morning.
    assert.equal(next('2026-03-02T17:00:00Z'), '2026-03-04T07:00:00.000Z');
    assert.equal(next('2026-03-03T09:00:00Z'), '2026-03-04T07:00:00.000Z');
  });

  it('follows daylight saving time', () => {
    // Friday 27 March 18:00 CET → Monday 30 March 08:00 CEST (06:00 UTC).
    assert.equal(next('2026-03-27T17:00:00Z'), '2026-03-30T06:00:00.000Z');
    assert.deepEqual(at('2026-03-30T06:00:00Z'), { open: true });
  });

  it('has no next opening when no day has hours', () => {
    const never = new BusinessHoursCalendar({ timeZone: 'UTC', weekly: {}, holidays: [] });
    assert.deepEqual(never.state(new Date('2026-03-02T10:00:00Z')), {
      open: false,
      nextOpening: undefined,
    });
  });
});
