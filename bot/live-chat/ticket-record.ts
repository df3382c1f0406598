// What a ticket record says: the caller, a short description, a description that tells the
// service desk what happened ("Asked for live chat at 18:05; no agent was available") above the
// employee's own words, the card's idempotency key, and the admin's field templates. Written in
// English: it is read by the service desk, not by the employee.
import type { RecordFields } from '@live-agent/snow';
import {
  ContextTemplate,
  renderTemplates,
  type TemplateValues,
} from '../../dialogs/handoff-rules.js';
import type { TicketReason, TicketSubmission } from '../../dialogs/ports.js';
import { TICKET_TEMPLATE_FIELDS, type TicketSettings } from '../config/ticket-config.js';

const SHORT_DESCRIPTION_LENGTH = 160;

const happened: Readonly<Record<TicketReason, string>> = {
  noAgents: 'Asked for live chat at {time}; no agent was available.',
  outsideHours: 'Asked for live chat at {time}, outside business hours.',
  unreachable: 'Asked for live chat at {time}; agent availability could not be checked.',
  notOffered: 'Asked for help at {time}; live chat is not offered for this kind of request.',
  startFailed: 'Asked for live chat at {time}; ServiceNow could not start the chat.',
  unanswered: 'Asked for live chat at {time}; the chat request was never answered.',
  closedBeforeAgent: 'Asked for live chat at {time}; the chat closed before an agent joined.',
  requested: 'Asked for a ticket in Microsoft Teams at {time}.',
};

export interface RecordInput {
  readonly ticket: TicketSubmission;
  readonly settings: TicketSettings;
  readonly callerSysId: string;
  /** The template values (the handoff context of the request, plus reason, choice, asked_at). */
  readonly values: TemplateValues;
  /** IANA time zone of the employee (from Teams), for the time in the description. */
  readonly timeZone?: string;
}

/** The record's fields: the bot's own, then the admin's templates, then the card's choice. */
export function recordFields(input: RecordInput): RecordFields {
  const { ticket, settings } = input;
  const templates: Record<string, ContextTemplate> = {};
  for (const [field, text] of Object.entries(settings.fields)) {
    templates[field] = ContextTemplate.compile(text, TICKET_TEMPLATE_FIELDS);
  }
  const configured = renderTemplates(templates, input.values);
  const choice = chosenValue(settings, ticket.choice);
  return {
    short_description: shortDescription(ticket.description),
    description: `${whatHappened(ticket, input.timeZone)}\n\n${ticket.description}`,
    caller_id: input.callerSysId,
    correlation_display: 'Microsoft Teams',
    ...configured,
    ...(settings.choice === undefined || choice === undefined
      ? {}
      : { [settings.choice.field]: choice }),
    // Last, so nothing configured can replace the idempotency key.
    correlation_id: ticket.key,
  };
}

/** The submitted choice when it is one of the configured values, else the configured default. */
export function chosenValue(settings: TicketSettings, submitted?: string): string | undefined {
  const choice = settings.choice;
  if (choice === undefined) return undefined;
  if (submitted !== undefined && choice.options.some((o) => o.value === submitted))
    return submitted;
  return choice.default ?? choice.options[0]?.value;
}

export function whatHappened(ticket: TicketSubmission, timeZone?: string): string {
  return happened[ticket.reason].replace('{time}', formatTime(ticket.askedAt, timeZone));
}

function shortDescription(description: string): string {
  const firstLine =
    description
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? description;
  return firstLine.length > SHORT_DESCRIPTION_LENGTH
    ? `${firstLine.slice(0, SHORT_DESCRIPTION_LENGTH - 1)}…`
    : firstLine;
}

function formatTime(iso: string, timeZone?: string): string {
  const at = new Date(iso);
  const format = (zone: string) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(at);
  try {
    return timeZone === undefined ? `${format('UTC')} UTC` : `${format(timeZone)} (${timeZone})`;
  } catch {
    return `${format('UTC')} UTC`;
  }
}
