// Validators for the handoff prompts. They run on every reply the prompt recognised and decide
// whether it is good enough to move on; a validator that sends its own message replaces the
// prompt's generic hint, which is how the user learns what was wrong with their description.
import { MessageFactory } from 'botbuilder';
import type { PromptValidatorContext } from 'botbuilder-dialogs';
import { CardAction } from './actions.js';
import { descriptionCard } from './cards.js';
import { DESCRIPTION_MAX_LENGTH, DESCRIPTION_INPUT_ID, descriptionOf } from './description.js';
import type { HandoffOption } from './ports.js';
import { stringField, type UserReply } from './replies.js';
import { textsFor } from './texts.js';

/** Kept in the offer prompt's options (dialog state), so it must be plain data. */
interface OfferValidations {
  readonly optionIds: readonly string[];
}

export function offerValidations(options: readonly HandoffOption[]): OfferValidations {
  return { optionIds: options.map((option) => option.id) };
}

/**
 * Accepts Cancel, a typed command, or a click on one of the options offered this time; a button
 * from an older offer card may name an option that is no longer available.
 */
export function acceptOfferedOption(prompt: PromptValidatorContext<UserReply>): Promise<boolean> {
  const reply = prompt.recognized.value;
  if (!prompt.recognized.succeeded || reply === undefined) return Promise.resolve(false);
  const optionId = stringField(reply, 'optionId');
  if (reply.action === CardAction.cancel || optionId === undefined) return Promise.resolve(true);
  const offered = (prompt.options.validations as Partial<OfferValidations> | undefined)?.optionIds;
  return Promise.resolve(offered?.includes(optionId) === true);
}

/** Accepts Cancel or a valid description; otherwise says what is wrong and shows the card again. */
export async function acceptDescription(
  prompt: PromptValidatorContext<UserReply>,
): Promise<boolean> {
  const reply = prompt.recognized.value;
  if (!prompt.recognized.succeeded || reply === undefined) return false;
  if (reply.action === CardAction.cancel) return true;
  const check = descriptionOf(reply);
  if (check.ok) return true;
  const t = textsFor(prompt.context.activity.locale);
  const reason =
    check.problem === 'empty'
      ? t.descriptionEmpty
      : t.descriptionTooLong(check.length, DESCRIPTION_MAX_LENGTH);
  const submitted = stringField(reply, DESCRIPTION_INPUT_ID) ?? '';
  await prompt.context.sendActivity(
    MessageFactory.attachment(descriptionCard(submitted, t), reason),
  );
  return false;
}
