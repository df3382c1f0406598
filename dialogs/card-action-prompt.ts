// A prompt that waits for the user to click one of the expected card buttons or to type the
// matching command. The stock prompts read `activity.text`, which Teams leaves empty on an
// Action.Submit click, so they cannot wait for a card.
import type { TurnContext } from 'botbuilder';
import {
  Prompt,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidator,
} from 'botbuilder-dialogs';
import { CardAction } from './actions.js';
import { userReplyOf, type UserReply } from './replies.js';
import { textsFor } from './texts.js';

export interface CardActionPromptOptions extends PromptOptions {
  /** The actions that complete the prompt. Cancel always does, so every flow can be left. */
  readonly expected: readonly CardAction[];
}

function expectedActions(options: PromptOptions): readonly CardAction[] {
  return (options as Partial<CardActionPromptOptions>).expected ?? [];
}

/**
 * Completes with the user's {@link UserReply}; the caller checks for `cancel` first. Anything else
 * gets the `retryPrompt` (a short hint) rather than the whole card again.
 */
export class CardActionPrompt extends Prompt<UserReply> {
  // Public: the base class's constructor is protected.
  public constructor(dialogId: string, validator?: PromptValidator<UserReply>) {
    super(dialogId, validator);
  }

  protected override async onPrompt(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
    isRetry: boolean,
  ): Promise<void> {
    const message = isRetry
      ? (options.retryPrompt ?? textsFor(context.activity.locale).useTheCard)
      : options.prompt;
    if (message !== undefined) await context.sendActivity(message);
  }

  protected override onRecognize(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<UserReply>> {
    const reply = userReplyOf(context.activity);
    const wanted =
      reply !== undefined &&
      (reply.action === CardAction.cancel || expectedActions(options).includes(reply.action));
    return Promise.resolve(wanted ? { succeeded: true, value: reply } : { succeeded: false });
  }
}
