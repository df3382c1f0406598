// What follows the end of a chat: the survey when an agent had joined (and the handoff option
// asks for it), a ticket card when none had (the request never answered, or closed before an
// agent joined). Built when the end is shown to the user, in the session user's language.
import { MessageFactory, type Activity } from 'botbuilder';
import type { TicketDesk, TicketReason } from '../../dialogs/ports.js';
import { surveyCard } from '../../dialogs/survey-card.js';
import { textsFor } from '../../dialogs/texts.js';
import { ticketOfferActivity } from '../../dialogs/tickets.js';
import type { HandoffConfig } from '../config/index.js';
import type { FollowUp, LiveChatSession } from '../store/types.js';

export interface ChatFollowUpsOptions {
  readonly tickets: TicketDesk;
  readonly handoff: HandoffConfig;
}

export class ChatFollowUps {
  constructor(private readonly o: ChatFollowUpsOptions) {}

  /** The card for a notice's follow-up (none when switched off for the session's option). */
  forNotice(session: LiveChatSession, followUp: FollowUp | undefined): Partial<Activity>[] {
    if (followUp === 'survey') return this.survey(session);
    if (followUp === 'ticket') return this.ticket(session, 'unanswered');
    return [];
  }

  /** After ServiceNow closed the chat: the survey if an agent had joined, else a ticket. */
  afterServiceNowEnd(
    before: LiveChatSession,
    options: { readonly serviceNowSurvey: boolean },
  ): Partial<Activity>[] {
    if (before.state === 'connected') return options.serviceNowSurvey ? [] : this.survey(before);
    return this.ticket(before, 'closedBeforeAgent');
  }

  /**
   * The survey card, when the session's option asks for it and an agent had joined; never after
   * ServiceNow asked its own.
   */
  survey(session: LiveChatSession): Partial<Activity>[] {
    const option = this.o.handoff.options.find((o) => o.id === session.handoffOptionId);
    const settings = option?.survey ?? this.o.handoff.survey;
    const asked = session.survey !== undefined || session.serviceNowSurveyUntil !== undefined;
    if (!settings.enabled || asked) return [];
    const t = textsFor(session.conversationReference.locale);
    return [MessageFactory.attachment(surveyCard(session.id, t))];
  }

  private ticket(session: LiveChatSession, reason: TicketReason): Partial<Activity>[] {
    const { locale } = session.conversationReference;
    const t = textsFor(locale);
    const explanation =
      reason === 'closedBeforeAgent'
        ? `${t.closedBeforeAgent} ${t.ticketInstead}`
        : t.ticketInstead;
    const offer = { reason, optionId: session.handoffOptionId, request: session.description ?? '' };
    const card = ticketOfferActivity(this.o.tickets, offer, { locale, explanation });
    return card === undefined ? [] : [card];
  }
}
