// What a card turns into once it was clicked: the same heading and what the user chose, with no
// buttons left, so it cannot be submitted twice. Built from the click's own data, because the
// bot does not keep the cards it sent.
import type { Attachment } from 'botbuilder';
import { CardAction } from './actions.js';
import {
  cardAttachment,
  escapeMarkdown,
  heading,
  paragraph,
  subtle,
  type CardElement,
} from './card-elements.js';
import { DESCRIPTION_INPUT_ID } from './description.js';
import { stringField, type UserReply } from './replies.js';
import type { Texts } from './texts.js';

/** The card that replaces a clicked one. */
export function receiptCard(reply: UserReply, t: Texts): Attachment {
  return cardAttachment(receiptBody(reply, t));
}

function receiptBody(reply: UserReply, t: Texts): CardElement[] {
  const chose = (label: string | undefined) => subtle(t.selected(escapeMarkdown(label ?? '')));
  switch (reply.action) {
    case CardAction.getHelp:
      return [heading(t.getHelpTitle), chose(t.getHelpButton)];
    case CardAction.liveChat:
      return [
        heading(t.offerTitle),
        chose(stringField(reply, 'label') ?? stringField(reply, 'optionId')),
      ];
    case CardAction.submitDescription: {
      const description = stringField(reply, DESCRIPTION_INPUT_ID)?.trim() ?? '';
      return [
        heading(t.describeTitle),
        paragraph(escapeMarkdown(description)),
        subtle(t.submitted),
      ];
    }
    case CardAction.cancel:
      return [subtle(t.selected(t.cancelButton))];
    case CardAction.endChat:
      return [subtle(t.chatEndedByYou)];
    case CardAction.articleSolved:
      return [heading(t.articlesTitle), subtle(t.articlesSolvedNote)];
    case CardAction.articleNotSolved:
      return [heading(t.articlesTitle), subtle(t.articlesNotSolvedNote)];
    case CardAction.pickOption:
      return [
        paragraph(escapeMarkdown(stringField(reply, 'prompt') ?? t.pickPrompt)),
        chose(stringField(reply, 'label') ?? stringField(reply, 'value')),
      ];
    case CardAction.offerTicket:
      return [heading(t.getHelpTitle), chose(t.ticketButton)];
    case CardAction.createTicket: {
      const description = stringField(reply, DESCRIPTION_INPUT_ID)?.trim() ?? '';
      return [
        heading(t.ticketTitle),
        paragraph(escapeMarkdown(description)),
        subtle(t.ticketRequested),
      ];
    }
    case CardAction.rateChat: {
      const rating = Number(stringField(reply, 'rating'));
      const shown = Number.isInteger(rating) && rating >= 1 && rating <= 5;
      return [heading(t.surveyTitle), ...(shown ? [chose(t.surveyRating(rating))] : [])];
    }
  }
}
