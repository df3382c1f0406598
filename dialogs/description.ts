// The rules for the issue description the user confirms before a live chat starts: it is sent to
// ServiceNow as the first thing the agent reads, so it must say something and stay short.
import { CardAction } from './actions.js';
import type { UserReply } from './replies.js';

export const DESCRIPTION_INPUT_ID = 'description';
export const DESCRIPTION_MAX_LENGTH = 1000;

export type DescriptionCheck =
  | { readonly ok: true; readonly description: string }
  | { readonly ok: false; readonly problem: 'empty' }
  | { readonly ok: false; readonly problem: 'tooLong'; readonly length: number };

/** Checks a submitted description: trimmed, not empty, at most DESCRIPTION_MAX_LENGTH long. */
export function checkDescription(value: unknown): DescriptionCheck {
  const description = typeof value === 'string' ? value.trim() : '';
  if (description === '') return { ok: false, problem: 'empty' };
  // String length counts UTF-16 units, as the card's maxLength does in the Teams client.
  if (description.length > DESCRIPTION_MAX_LENGTH) {
    return { ok: false, problem: 'tooLong', length: description.length };
  }
  return { ok: true, description };
}

/** The description in a description card submit, checked. */
export function descriptionOf(reply: UserReply): DescriptionCheck {
  return checkDescription(
    reply.action === CardAction.submitDescription ? reply.data[DESCRIPTION_INPUT_ID] : undefined,
  );
}
