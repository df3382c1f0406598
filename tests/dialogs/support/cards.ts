// Reading the Adaptive Cards the bot sent, the way a Teams client would see them.
import assert from 'node:assert/strict';
import type { Activity, Attachment } from 'botbuilder';
import type { AdaptiveCard as SentCard, SubmitAction, TextInput } from '../../../dialogs/cards.js';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** A card whose buttons all post back to the bot (every card of the dialogs is one). */
export type AdaptiveCard = Omit<SentCard, 'actions'> & {
  readonly actions: readonly SubmitAction[];
};

/** The card of an attachment, after the JSON round trip a real send goes through. */
export function cardOfAttachment(attachment: Attachment | undefined): AdaptiveCard {
  assert.ok(attachment, 'expected an attachment');
  assert.equal(attachment.contentType, ADAPTIVE_CARD);
  const card = JSON.parse(JSON.stringify(attachment.content)) as SentCard;
  for (const action of card.actions) assert.equal(action.type, 'Action.Submit');
  return card as AdaptiveCard;
}

/** The one Adaptive Card an activity carries. */
export function cardOf(activity: Partial<Activity> | undefined): AdaptiveCard {
  assert.ok(activity, 'expected a reply');
  assert.equal(activity.attachments?.length, 1, 'expected exactly one card');
  return cardOfAttachment(activity.attachments[0]);
}

export function hasCard(activity: Partial<Activity> | undefined): boolean {
  return activity?.attachments?.some((a) => a.contentType === ADAPTIVE_CARD) === true;
}

export function actionsOf(card: AdaptiveCard): readonly SubmitAction[] {
  return card.actions;
}

export function descriptionInputOf(card: AdaptiveCard): TextInput {
  const input = card.body.find((element) => element.type === 'Input.Text');
  assert.ok(input, 'expected a text input');
  return input;
}

/** Every object anywhere in the card whose `type` is the given one. */
export function elementsOfType(card: unknown, type: string): unknown[] {
  if (Array.isArray(card)) return card.flatMap((item) => elementsOfType(item, type));
  if (typeof card !== 'object' || card === null) return [];
  const own = (card as { type?: unknown }).type === type ? [card] : [];
  return [...own, ...Object.values(card).flatMap((value) => elementsOfType(value, type))];
}
