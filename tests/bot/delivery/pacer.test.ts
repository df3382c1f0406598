// Pacing per Teams conversation: sends wait until every window has room, conversations do not
// hold each other up.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConversationPacer, teamsPace } from '../../../bot/delivery/pacer.js';

/** A clock that only moves when the pacer waits. */
function virtualTime() {
  let now = 1_000_000;
  return {
    now: () => now,
    wait: (ms: number) => {
      now += ms;
      return Promise.resolve();
    },
  };
}

function maxInWindow(times: number[], windowMs: number): number {
  return Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));
}

describe('ConversationPacer', () => {
  it('keeps a burst into one conversation inside every window, well below Teams limits', async () => {
    const clock = virtualTime();
    const pacer = new ConversationPacer(teamsPace, clock.now, clock.wait);
    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      await pacer.take('a:1');
      times.push(clock.now());
    }
    assert.ok(maxInWindow(times, 1_000) <= 4);
    assert.ok(maxInWindow(times, 2_000) <= 5);
    assert.ok(maxInWindow(times, 30_000) <= 40);
    // Teams: 7 per second, 8 per 2 seconds, 60 per 30 seconds.
    assert.ok(maxInWindow(times, 1_000) < 7 && maxInWindow(times, 30_000) < 60);
  });

  it('lets a conversation send at once while another one is being paced', async () => {
    const clock = virtualTime();
    const pacer = new ConversationPacer(teamsPace, clock.now, clock.wait);
    for (let i = 0; i < 5; i++) await pacer.take('a:busy');
    assert.ok(pacer.delayFor('a:busy') > 0);
    assert.equal(pacer.delayFor('a:quiet'), 0);
  });
});
