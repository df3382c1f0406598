// The Adaptive Cards (schema 1.5) of the conversation: welcome, Get Help, the Live Chat offer,
// the description, "connecting you", agent joined and End chat. Each takes the texts of the
// user's language. User and agent text only ever becomes a property value (see card-elements).
import type { Attachment } from 'botbuilder';
import { CardAction } from './actions.js';
import {
  cardAttachment,
  escapeMarkdown,
  heading,
  paragraph,
  submit,
  subtle,
  type CardElement,
  type TextInput,
} from './card-elements.js';
import { DESCRIPTION_MAX_LENGTH, DESCRIPTION_INPUT_ID } from './description.js';
import type { HandoffOption } from './ports.js';
import { texts as english, type Texts } from './texts.js';

export type {
  AdaptiveCard,
  CardElement,
  SubmitAction,
  TextBlock,
  TextInput,
} from './card-elements.js';

/** Greets a user who installed the bot: what it does, the Get Help button, the commands. */
export function welcomeCard(t: Texts = english): Attachment {
  return cardAttachment(
    [heading(t.welcomeTitle), paragraph(t.welcomeExplanation), subtle(t.welcomeCommands)],
    [submit(t.getHelpButton, { action: CardAction.getHelp })],
  );
}

/** A short explanation and the Get Help button (and Create a ticket); shown after each message. */
export function getHelpCard(t: Texts = english, withTicket = false): Attachment {
  const ticket = submit(t.ticketButton, { action: CardAction.offerTicket });
  return cardAttachment(
    [heading(t.getHelpTitle), paragraph(t.getHelpExplanation)],
    [submit(t.getHelpButton, { action: CardAction.getHelp }), ...(withTicket ? [ticket] : [])],
  );
}

/** One button per handoff option that passed the availability check, best first. */
export function liveChatOfferCard(
  options: readonly HandoffOption[],
  t: Texts = english,
): Attachment {
  return cardAttachment(
    [heading(t.offerTitle), paragraph(t.offerExplanation)],
    options.map((option) =>
      submit(option.label, {
        action: CardAction.liveChat,
        optionId: option.id,
        label: option.label,
      }),
    ),
  );
}

/** Asks the user to confirm or edit the description the agent will see first. */
export function descriptionCard(prefill: string, t: Texts = english): Attachment {
  const input: TextInput = {
    type: 'Input.Text',
    id: DESCRIPTION_INPUT_ID,
    label: t.descriptionLabel,
    isMultiline: true,
    isRequired: true,
    maxLength: DESCRIPTION_MAX_LENGTH,
    value: prefill,
    placeholder: t.descriptionPlaceholder,
    errorMessage: t.descriptionRequired,
  };
  return cardAttachment(
    [heading(t.describeTitle), paragraph(t.describeExplanation), input],
    [
      submit(t.submitButton, { action: CardAction.submitDescription }),
      { ...submit(t.cancelButton, { action: CardAction.cancel }), associatedInputs: 'none' },
    ],
  );
}

/** Shown once the chat is requested, and again with ServiceNow's wait time while queued. */
export function connectingCard(
  t: Texts = english,
  wait?: { readonly message?: string; readonly waitTime?: string },
): Attachment {
  const body: CardElement[] = [heading(t.connectingTitle)];
  const message = wait?.message?.trim();
  body.push(paragraph(message ? escapeMarkdown(message) : t.connectingExplanation));
  const waitTime = wait?.waitTime?.trim();
  if (waitTime) body.push(subtle(escapeMarkdown(t.estimatedWait(waitTime))));
  return cardAttachment(body, [submit(t.endChatButton, { action: CardAction.endChat })]);
}

/** The agent accepted the chat: their name and picture when ServiceNow sends them. */
export function agentJoinedCard(
  agent: { readonly name?: string; readonly avatarUrl?: string },
  t: Texts = english,
): Attachment {
  const name = agent.name?.trim() ? escapeMarkdown(agent.name.trim()) : undefined;
  const text: CardElement[] = [
    { ...paragraph(t.agentJoined(name)), weight: 'bolder' },
    subtle(t.agentJoinedExplanation),
  ];
  const avatar = safeImageUrl(agent.avatarUrl);
  const body: CardElement[] =
    avatar === undefined
      ? text
      : [
          {
            type: 'ColumnSet',
            columns: [
              {
                type: 'Column',
                width: 'auto',
                items: [
                  {
                    type: 'Image',
                    url: avatar,
                    altText: name ?? '',
                    size: 'small',
                    style: 'person',
                  },
                ],
              },
              { type: 'Column', width: 'stretch', verticalContentAlignment: 'center', items: text },
            ],
          },
        ];
  return cardAttachment(body, [submit(t.endChatButton, { action: CardAction.endChat })]);
}

/** A reminder that the chat can be ended, with the End chat button. */
export function endChatCard(t: Texts = english): Attachment {
  return cardAttachment(
    [paragraph(t.endChatExplanation)],
    [submit(t.endChatButton, { action: CardAction.endChat })],
  );
}

/** Only https (or http) image URLs reach a card: no data:, javascript: or relative URLs. */
export function safeImageUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
