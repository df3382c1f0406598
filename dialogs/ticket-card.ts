// The cards of the ticket path: the ticket card offered at each dead end of live chat (the
// explanation, the description to check, an optional urgency or category choice, one button),
// and the card that shows the created ticket's number with a link. The card's idempotency key
// travels in the button's data, so every click of one card names the same record, whichever
// instance receives it.
import type { Attachment } from 'botbuilder';
import { CardAction } from './actions.js';
import {
  cardAttachment,
  escapeMarkdown,
  heading,
  paragraph,
  submit,
  subtle,
  type ActionData,
  type CardActionElement,
  type CardElement,
  type ChoiceSetInput,
  type TextInput,
} from './card-elements.js';
import { DESCRIPTION_INPUT_ID, DESCRIPTION_MAX_LENGTH } from './description.js';
import type { TicketForm, TicketReason } from './ports.js';
import type { Texts } from './texts.js';

export const TICKET_CHOICE_INPUT_ID = 'ticketChoice';

/** What the ticket card's button carries back (besides the inputs). */
export interface TicketCardData {
  readonly key: string;
  readonly reason: TicketReason;
  readonly optionId?: string;
  readonly askedAt: string;
}

export interface TicketCardContent {
  /** Why the card is shown (the dead end), above the form; none when the user asked for it. */
  readonly explanation?: string;
  readonly description: string;
  readonly choice?: string;
  readonly form: TicketForm;
  readonly data: TicketCardData;
}

export function ticketCard(content: TicketCardContent, t: Texts): Attachment {
  const body: CardElement[] = [heading(t.ticketTitle)];
  if (content.explanation !== undefined) body.push(paragraph(content.explanation));
  body.push(subtle(t.ticketExplanation), descriptionInput(content.description, t));
  const choice = content.form.choice;
  if (choice !== undefined && choice.choices.length > 0) {
    const input: ChoiceSetInput = {
      type: 'Input.ChoiceSet',
      id: TICKET_CHOICE_INPUT_ID,
      label: choice.label,
      style: 'compact',
      isRequired: true,
      choices: choice.choices,
      value: content.choice ?? choice.value ?? choice.choices[0]?.value ?? '',
    };
    body.push(input);
  }
  const { data } = content;
  const action: ActionData = {
    action: CardAction.createTicket,
    ticketKey: data.key,
    reason: data.reason,
    askedAt: data.askedAt,
    ...(data.optionId === undefined ? {} : { optionId: data.optionId }),
  };
  return cardAttachment(body, [submit(t.ticketButton, action)]);
}

/** The created ticket: its number and, when a portal link is configured, a button to it. */
export function ticketCreatedCard(
  ticket: { readonly number: string; readonly url?: string; readonly repeat: boolean },
  t: Texts,
): Attachment {
  const number = escapeMarkdown(ticket.number);
  const text = ticket.repeat ? t.ticketAlreadyCreated(number) : t.ticketCreated(number);
  const actions: CardActionElement[] =
    ticket.url === undefined
      ? []
      : [{ type: 'Action.OpenUrl', title: t.ticketOpen, url: ticket.url }];
  return cardAttachment(
    [heading(t.ticketTitle), { ...paragraph(text), weight: 'bolder' }],
    actions,
  );
}

function descriptionInput(prefill: string, t: Texts): TextInput {
  return {
    type: 'Input.Text',
    id: DESCRIPTION_INPUT_ID,
    label: t.descriptionLabel,
    isMultiline: true,
    isRequired: true,
    maxLength: DESCRIPTION_MAX_LENGTH,
    value: prefill.slice(0, DESCRIPTION_MAX_LENGTH),
    placeholder: t.descriptionPlaceholder,
    errorMessage: t.descriptionRequired,
  };
}
