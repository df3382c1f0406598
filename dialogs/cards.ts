// The Adaptive Cards (schema 1.5) the dialogs show, built as plain objects. User text only ever
// becomes a property value (an input's `value`), never part of a template or of card JSON built
// as a string, so it cannot add elements or actions, and nothing in it is evaluated.
import { CardFactory, type Attachment } from 'botbuilder';
import { CardAction } from './actions.js';
import { DESCRIPTION_MAX_LENGTH, DESCRIPTION_INPUT_ID } from './description.js';
import type { HandoffOption } from './ports.js';
import { texts } from './texts.js';

export interface TextBlock {
  readonly type: 'TextBlock';
  readonly text: string;
  readonly wrap: true;
  readonly style?: 'heading';
}

export interface TextInput {
  readonly type: 'Input.Text';
  readonly id: string;
  readonly label: string;
  readonly isMultiline: boolean;
  readonly isRequired: boolean;
  readonly maxLength: number;
  readonly value: string;
  readonly placeholder: string;
  readonly errorMessage: string;
}

export interface SubmitAction {
  readonly type: 'Action.Submit';
  readonly title: string;
  readonly data: { readonly action: CardAction } & Readonly<Record<string, string>>;
  /** `none` lets Cancel through even when a required input is empty. */
  readonly associatedInputs?: 'auto' | 'none';
}

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: string;
  readonly version: '1.5';
  readonly body: readonly (TextBlock | TextInput)[];
  readonly actions: readonly SubmitAction[];
}

function card(body: AdaptiveCard['body'], actions: AdaptiveCard['actions']): Attachment {
  const content: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    actions,
  };
  return CardFactory.adaptiveCard(content);
}

const heading = (text: string): TextBlock => ({
  type: 'TextBlock',
  text,
  wrap: true,
  style: 'heading',
});
const paragraph = (text: string): TextBlock => ({ type: 'TextBlock', text, wrap: true });

function submit(title: string, data: SubmitAction['data']): SubmitAction {
  return { type: 'Action.Submit', title, data };
}

/** A short explanation and the Get Help button; shown on install and after each message. */
export function getHelpCard(): Attachment {
  return card(
    [heading(texts.getHelpTitle), paragraph(texts.getHelpExplanation)],
    [submit(texts.getHelpButton, { action: CardAction.getHelp })],
  );
}

/** One button per handoff option that passed the availability check. */
export function liveChatOfferCard(options: readonly HandoffOption[]): Attachment {
  return card(
    [heading(texts.offerTitle), paragraph(texts.offerExplanation)],
    options.map((option) =>
      submit(option.label, { action: CardAction.liveChat, optionId: option.id }),
    ),
  );
}

/** Asks the user to confirm or edit the description the agent will see first. */
export function descriptionCard(prefill: string): Attachment {
  const input: TextInput = {
    type: 'Input.Text',
    id: DESCRIPTION_INPUT_ID,
    label: texts.descriptionLabel,
    isMultiline: true,
    isRequired: true,
    maxLength: DESCRIPTION_MAX_LENGTH,
    value: prefill,
    placeholder: texts.descriptionPlaceholder,
    errorMessage: texts.descriptionRequired,
  };
  return card(
    [heading(texts.describeTitle), paragraph(texts.describeExplanation), input],
    [
      submit(texts.submitButton, { action: CardAction.submitDescription }),
      { ...submit(texts.cancelButton, { action: CardAction.cancel }), associatedInputs: 'none' },
    ],
  );
}

/** Shown while connecting, so the user can give up waiting or leave the chat later. */
export function endChatCard(): Attachment {
  return card(
    [paragraph(texts.endChatExplanation)],
    [submit(texts.endChatButton, { action: CardAction.endChat })],
  );
}
