// Helpers for tests of the ticket path: reading the ticket card a user was sent, and walking a
// user to it.
import assert from 'node:assert/strict';
import type { SentActivity } from './fake-connector.js';
import type { TeamsUser } from './harness.js';

interface Card {
  body: Record<string, unknown>[];
  actions: { type: string; title: string; data?: Record<string, string>; url?: string }[];
}

export function cardOf(sent: SentActivity): Card {
  const content = sent.activity.attachments?.[0]?.content as Card | undefined;
  assert.ok(content, 'expected a card');
  return content;
}

/** The Create a ticket button's data on a ticket card. */
export function ticketData(sent: SentActivity): Record<string, string> {
  const action = cardOf(sent).actions.find((a) => a.data?.action === 'createTicket');
  assert.ok(action?.data, 'expected a Create a ticket button');
  return action.data;
}

/** Says something, asks for help, and waits for the ticket card offered instead of a chat. */
export async function reachTicketCard(user: TeamsUser, request: string): Promise<SentActivity> {
  await user.say(request);
  await user.waitFor('the Get Help card', (t) => t.includes('getHelp'));
  const mark = user.received.length;
  await user.click({ action: 'getHelp' });
  return user.waitFor('the ticket card', (t) => t.includes('createTicket'), mark);
}
