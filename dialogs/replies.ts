// What a user's message means to the dialogs: a card button click (Teams puts Action.Submit data,
// merged with the card's inputs, in `activity.value` and leaves `text` empty) or a typed command.
import type { Activity } from 'botbuilder';
import { cardActionOf, type CardAction } from './actions.js';
import { commandOf } from './commands.js';

export interface UserReply {
  readonly action: CardAction;
  /** The submitted card data and inputs; empty for a typed command. */
  readonly data: Readonly<Record<string, unknown>>;
}

/** The card action or typed command in a message, if it carries one of ours. */
export function userReplyOf(activity: Partial<Activity>): UserReply | undefined {
  const clicked = cardActionOf(activity.value);
  if (clicked !== undefined) {
    return { action: clicked, data: activity.value as Readonly<Record<string, unknown>> };
  }
  const typed = commandOf(activity.text);
  return typed === undefined ? undefined : { action: typed, data: {} };
}

/** A string field of the submitted data, if present. */
export function stringField(reply: UserReply, name: string): string | undefined {
  const value = reply.data[name];
  return typeof value === 'string' ? value : undefined;
}
