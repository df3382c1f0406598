// The ticket path on the dialogs' side: offering the ticket card wherever live chat cannot
// happen (or when the user asks), and handling its submission. Both are stateless: the card
// carries its idempotency key, reason and option, so a click works on any instance, after a
// restart, and as often as Teams repeats it; the TicketDesk makes sure one record results.
import { randomUUID } from 'node:crypto';
import { MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { checkDescription, DESCRIPTION_INPUT_ID, DESCRIPTION_MAX_LENGTH } from './description.js';
import type { TicketDesk, TicketOffer, TicketProblem, TicketReason } from './ports.js';
import { stringField, type UserReply } from './replies.js';
import { textsFor, type Texts } from './texts.js';
import { TICKET_CHOICE_INPUT_ID, ticketCard, ticketCreatedCard } from './ticket-card.js';

const reasons: ReadonlySet<string> = new Set<TicketReason>([
  'noAgents',
  'outsideHours',
  'unreachable',
  'notOffered',
  'startFailed',
  'unanswered',
  'closedBeforeAgent',
  'requested',
]);

/** The ticket card for an offer, or undefined when no ticket is offered for that option. */
export function ticketOfferActivity(
  desk: TicketDesk | undefined,
  offer: TicketOffer,
  options: {
    readonly locale: string | undefined;
    readonly explanation?: string;
    readonly now?: Date;
  },
): Partial<Activity> | undefined {
  const form = desk?.form(offer.optionId, options.locale);
  if (form === undefined) return undefined;
  const data = {
    key: randomUUID(),
    reason: offer.reason,
    askedAt: (options.now ?? new Date()).toISOString(),
    ...(offer.optionId === undefined ? {} : { optionId: offer.optionId }),
  };
  const card = ticketCard(
    { explanation: options.explanation, description: offer.request, form, data },
    textsFor(options.locale),
  );
  return MessageFactory.attachment(card);
}

/** The Create a ticket button or command: the ticket card, or why there is none. */
export async function offerTicket(
  desk: TicketDesk | undefined,
  context: TurnContext,
  request: string,
): Promise<void> {
  const { locale } = context.activity;
  const card = ticketOfferActivity(desk, { reason: 'requested', request }, { locale });
  await context.sendActivity(card ?? textsFor(locale).ticketNotOffered);
}

/** Whether a ticket could be offered for the option (the dead-end texts say so, or not). */
export function ticketsOffered(desk: TicketDesk | undefined, optionId?: string): boolean {
  return desk?.form(optionId, undefined) !== undefined;
}

/** Handles a click of Create a ticket: files it and shows the number, or says what went wrong. */
export async function submitTicket(
  desk: TicketDesk | undefined,
  context: TurnContext,
  reply: UserReply,
): Promise<void> {
  const t = textsFor(context.activity.locale);
  const key = stringField(reply, 'ticketKey');
  const reason = stringField(reply, 'reason') ?? 'requested';
  const askedAt = stringField(reply, 'askedAt');
  const optionId = stringField(reply, 'optionId');
  if (desk === undefined || key === undefined || !validKey(key) || !reasons.has(reason)) {
    await context.sendActivity(t.cardExpired);
    return;
  }
  const offer = { reason: reason as TicketReason, request: '', ...(optionId && { optionId }) };
  const checked = checkDescription(reply.data[DESCRIPTION_INPUT_ID]);
  const choice = stringField(reply, TICKET_CHOICE_INPUT_ID);
  if (!checked.ok) {
    const problem =
      checked.problem === 'empty'
        ? t.descriptionEmpty
        : t.descriptionTooLong(checked.length, DESCRIPTION_MAX_LENGTH);
    await resend(desk, context, { ...offer, request: '' }, { key, askedAt, choice }, problem);
    return;
  }
  const outcome = await desk.file(context, {
    key,
    reason: offer.reason,
    askedAt: validTime(askedAt) ?? new Date().toISOString(),
    description: checked.description,
    ...(optionId === undefined ? {} : { optionId }),
    ...(choice === undefined ? {} : { choice }),
  });
  if (outcome.ok) {
    await context.sendActivity(MessageFactory.attachment(ticketCreatedCard(outcome, t)));
    return;
  }
  const text = problemText(t, outcome.problem);
  if (outcome.problem === 'unavailable' || outcome.problem === 'inProgress') {
    // Same key: trying again can never create a second record.
    const request = { ...offer, request: checked.description };
    await resend(desk, context, request, { key, askedAt, choice }, text);
    return;
  }
  await context.sendActivity(text);
}

async function resend(
  desk: TicketDesk,
  context: TurnContext,
  offer: TicketOffer,
  card: { readonly key: string; readonly askedAt?: string; readonly choice?: string },
  explanation: string,
): Promise<void> {
  const { locale } = context.activity;
  const form = desk.form(offer.optionId, locale);
  if (form === undefined) {
    await context.sendActivity(explanation);
    return;
  }
  const data = {
    key: card.key,
    reason: offer.reason,
    askedAt: validTime(card.askedAt) ?? new Date().toISOString(),
    ...(offer.optionId === undefined ? {} : { optionId: offer.optionId }),
  };
  const attachment = ticketCard(
    { explanation, description: offer.request, form, data, choice: card.choice },
    textsFor(locale),
  );
  await context.sendActivity(MessageFactory.attachment(attachment));
}

function problemText(t: Texts, problem: TicketProblem): string {
  switch (problem) {
    case 'notOffered':
      return t.ticketNotOffered;
    case 'noEmail':
      return t.ticketNoEmail;
    case 'unknownUser':
      return t.ticketUnknownUser;
    case 'refused':
      return t.ticketRefused;
    case 'unavailable':
      return t.ticketUnavailable;
    case 'inProgress':
      return t.ticketInProgress;
    case 'expired':
      return t.cardExpired;
  }
}

/** Keys are the UUIDs the cards were made with; anything else did not come from our card. */
function validKey(key: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(key);
}

function validTime(value: string | undefined): string | undefined {
  if (value === undefined || !/^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(value)) return undefined;
  return Number.isNaN(Date.parse(value)) ? undefined : value;
}
