// What the user sees where the handoff waterfall cannot reach an agent: the explanation (no
// option applies, no agent, closed, ServiceNow unreachable or failing to start the chat), with the
// ticket card next to it when tickets are offered, or else the pointer to the IT portal.
import type { Activity, TurnContext } from 'botbuilder';
import { formatOpening } from './format.js';
import type { AvailabilityResult, LiveChatRequest, TicketDesk } from './ports.js';
import { textsFor, unavailableMessage, type Texts } from './texts.js';
import { ticketOfferActivity, ticketsOffered } from './tickets.js';

/** The message for "no live chat now": a ticket card carrying the explanation, or the text. */
export function deadEndActivity(
  desk: TicketDesk | undefined,
  context: TurnContext,
  result: AvailabilityResult,
  request: string,
): Partial<Activity> | string {
  const { locale } = context.activity;
  const t = textsFor(locale);
  if (!ticketsOffered(desk)) return unavailableText(t, result, locale);
  const explanation = unavailableText(t, result, locale, t.ticketInstead);
  const reason = result.available ? 'noAgents' : result.reason;
  return ticketOfferActivity(desk, { reason, request }, { locale, explanation }) ?? explanation;
}

/**
 * The ticket card when ServiceNow failed to start the chat (its client's errors carry `SNOW_`
 * codes); undefined for other failures, or when no ticket is offered for the option.
 */
export function startFailureActivity(
  desk: TicketDesk | undefined,
  context: TurnContext,
  error: unknown,
  request: LiveChatRequest,
): Partial<Activity> | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SNOW_')) return undefined;
  const { locale } = context.activity;
  const t = textsFor(locale);
  const offer = {
    reason: 'startFailed' as const,
    optionId: request.optionId,
    request: request.description,
  };
  const explanation = `${t.startFailedTicket} ${t.ticketInstead}`;
  return ticketOfferActivity(desk, offer, { locale, explanation });
}

function unavailableText(
  t: Texts,
  result: AvailabilityResult,
  locale: string | undefined,
  instead?: string,
): string {
  if (result.available) return unavailableMessage(t, 'noAgents', undefined, instead);
  const opening = result.nextOpening && formatOpening(result.nextOpening, locale);
  return unavailableMessage(t, result.reason, opening, instead);
}
