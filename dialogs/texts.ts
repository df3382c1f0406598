// Every user-facing string of the bot, in one place, so wording stays consistent and can be
// reviewed and translated without reading the dialogs. English is the base; the translations in
// ./locales/ are chosen from the Teams locale, and a missing translation falls back to English.
// Values from outside (agent names, opening times) only ever end up in plain message text, and
// user text is never inserted here at all.
import { de } from './locales/de.js';
import { es } from './locales/es.js';
import type { UnavailableReason } from './ports.js';

const unavailableReasons: Readonly<Record<UnavailableReason, string>> = {
  noAgents: 'Sorry, no agents are available right now. Please try again a little later.',
  outsideHours: 'Our live agents are only available during business hours, and we are closed now.',
  unreachable:
    "Sorry, I couldn't check whether an agent is available. Please try again in a few minutes.",
  notOffered: 'Sorry, live chat with an agent is not offered for this kind of request.',
};

export const en = {
  welcome:
    "Hi! I'm the IT help bot. Tell me what you need help with, or select Get Help to talk to a live agent.",
  welcomeTitle: 'Welcome to IT help',
  welcomeExplanation:
    'Describe your problem in a message, or select Get Help to chat with a live IT agent right here in Teams.',
  welcomeCommands: 'You can also type "help", "live chat" or "end chat" at any time.',
  acknowledged: "Thanks, I've noted that. Select Get Help if you'd like a live agent to help you.",
  useTheCard: 'Please use the buttons on the card above, or type "cancel" to stop.',
  cardExpired: 'That card is no longer active. Select Get Help to start again.',

  getHelpTitle: 'Need help?',
  getHelpExplanation:
    'A live IT agent can chat with you right here in Teams. Select Get Help to see who is available.',
  getHelpButton: 'Get Help',

  offerTitle: 'An agent can help you with this',
  offerExplanation: 'Choose how you would like to reach them.',
  offerHint: 'Please choose an option on the card above, or type "cancel" to stop.',

  describeTitle: 'Describe your issue',
  describeExplanation: 'The agent will see this before they join, so a few details help.',
  descriptionLabel: 'What do you need help with?',
  descriptionPlaceholder: 'For example: I cannot connect to the VPN since this morning.',
  descriptionRequired: 'Please describe your issue before submitting.',
  descriptionHint: 'Please describe your issue on the card above and select Submit, or Cancel.',
  descriptionEmpty: 'Your description is empty. Please tell the agent what you need help with.',
  descriptionTooLong: (length: number, max: number) =>
    `Your description is ${length} characters long; please shorten it to at most ${max}.`,
  submitButton: 'Submit',
  cancelButton: 'Cancel',

  cancelled: 'No problem, I have cancelled that. Write to me whenever you need help.',
  unavailableReason: unavailableReasons,
  backAt: (when: string) => `Agents are expected to be available again: ${when}.`,
  whatToDoInstead:
    'In the meantime, you can raise a ticket through the IT portal and we will get back to you.',

  connecting: 'Connecting you to a live agent…',
  connectingTitle: 'Connecting you to a live agent',
  connectingExplanation: 'An agent will join shortly. You can end the chat at any time.',
  estimatedWait: (wait: string) => `Estimated wait: ${wait}.`,
  endChatExplanation: 'You can end the chat with the agent at any time.',
  endChatButton: 'End chat',
  agentJoined: (name?: string) =>
    name !== undefined && name.trim() !== ''
      ? `${name.trim()} has joined the chat.`
      : 'An agent has joined the chat.',
  agentJoinedExplanation: 'Type your messages below. Select End chat when you are done.',
  queued: 'You are in the queue for a live agent.',
  stillChatting:
    'You are still in a live chat. Type your message for the agent, or select End chat to leave.',
  sessionEnded: 'Your live agent session has ended.',
  noAgentAnswered:
    'Your live agent session has ended: the IT service desk did not answer the chat request. Please try again in a few minutes.',
  idleReminder: (minutes: number) =>
    `Are you still there? This chat closes in about ${minutes} minute${minutes === 1 ? '' : 's'} unless someone writes.`,
  idleEnded: 'Your live agent session has ended because nobody wrote for a while.',
  messagesDelayed:
    "I can't reach the IT service desk right now. Your messages are kept and will reach the agent as soon as it is back.",
  messagesDelivered: 'The IT service desk is back: your messages have been passed to the agent.',
  messageNotDelivered:
    'Sorry, one of your messages could not be passed to the agent because the chat had already ended.',
  noOpenChat: "You don't have a live chat open right now. Write to me whenever you need help.",
  endChatConfirmed: 'You have ended the chat with the agent.',
  alreadyChatting: 'You already have a live chat open. Type your message for the agent there.',
  optionNoLongerAvailable:
    'That option is no longer available. Select Get Help to see what is available now.',
  noEmail:
    "Sorry, I couldn't find your email address in Teams, so I can't connect you to an agent. Please raise a ticket through the IT portal.",

  selected: (choice: string) => `You selected: ${choice}`,
  submitted: 'Sent. Thank you!',
  chatEndedByYou: 'You ended this chat.',
  pickPrompt: 'Please choose an option:',
  agentImage: 'Image from the agent',
  openLink: 'Open link',
  showMore: 'Show more',
  secretWarning: 'Please do not share passwords or other secrets in this chat.',

  genericError: 'Sorry, something went wrong on my side. Please try again in a moment.',
  tryAgainLater: 'Sorry, I could not do that just now. Please try again in a few minutes.',
  serviceNowUnavailable:
    "Sorry, I couldn't reach the IT service desk just now. Please try again in a few minutes.",
  serviceNowMisconfigured:
    'Sorry, live chat is not set up correctly at the moment. Please raise a ticket through the IT portal.',
  tenantNotAllowed: 'Sorry, this bot is not available for your organisation.',

  // The knowledge step: articles shown before a live agent is offered.
  articlesTitle: 'These articles might help',
  articlesExplanation: 'Did one of them solve your problem?',
  articleOpen: 'Open article',
  articleSolvedButton: 'This solved it',
  articleNotSolvedButton: 'I still need help',
  articlesSolved: 'Glad that helped! Write to me whenever you need anything else.',
  articlesSolvedNote: 'You said this solved your problem.',
  articlesNotSolvedNote: 'You said you still need help.',
  ticketButton: 'Create a ticket',
  ticketTitle: 'Create a ticket',
  ticketExplanation:
    'The IT service desk will pick it up and get back to you. Check or edit the description, then select Create a ticket.',
  ticketInstead:
    'You can create a ticket right here instead, and the service desk will get back to you.',
  ticketCreated: (number: string) =>
    `Your ticket ${number} has been created. The IT service desk will get back to you.`,
  ticketAlreadyCreated: (number: string) =>
    `Your ticket ${number} had already been created, so I did not create another one.`,
  ticketOpen: 'Open the ticket',
  ticketRequested: 'Creating your ticket…',
  ticketRefused:
    'Sorry, the IT service desk did not accept the ticket. An administrator can see why; please try again later or use the IT portal.',
  ticketUnavailable:
    "Sorry, I couldn't reach the IT service desk to create the ticket. Please try again in a few minutes: your description is kept on the card below.",
  ticketInProgress:
    'Your ticket is being created right now. If its number does not appear in a moment, select Create a ticket again: you will not get two.',
  ticketNoEmail:
    "Sorry, I couldn't find your email address in Teams, so I can't create a ticket for you. Please use the IT portal.",
  ticketUnknownUser:
    "Sorry, I couldn't find you in the IT service desk's directory, so I can't create a ticket for you. Please use the IT portal.",
  ticketNotOffered: 'Sorry, tickets cannot be created in this chat. Please use the IT portal.',
  startFailedTicket: "Sorry, the IT service desk couldn't start the chat just now.",
  closedBeforeAgent: 'The IT service desk closed the chat before an agent could join.',

  surveyTitle: 'How did the chat go?',
  surveyExplanation: 'Rate your chat with the agent from 1 (poor) to 5 (excellent).',
  surveyCommentLabel: 'Anything you would like to add? (optional)',
  surveyRating: (rating: number) => `${rating} of 5`,
  surveyThanks: 'Thank you for your feedback!',
  surveyAlreadyAnswered: 'You have already rated this chat. Thank you!',

  sandboxAgentsAway:
    'Sandbox: Jordan Taylor is now offline, so no agent is available. Select Get Help to see the ticket path; type "agents back" to bring Jordan back.',
  sandboxAgentsBack: 'Sandbox: Jordan Taylor is available again.',
  sandboxServiceNowSurvey:
    'Sandbox: when Jordan Taylor closes a chat now, ServiceNow asks its own survey, and I pass it on instead of asking mine. Type "bot survey" to go back.',
  sandboxBotSurvey: 'Sandbox: ServiceNow asks no survey of its own any more; I ask mine again.',
  // Files in a live chat. Names are the file's own, escaped by the caller.
  fileTooLarge: (name: string, limit: string) =>
    `${name} was not sent to the agent: it is larger than ${limit}.`,
  fileTypeRefused: (name: string) =>
    `${name} was not sent to the agent: this type of file is not accepted.`,
  fileTooMany: (name: string, max: number) =>
    `${name} was not sent to the agent: you can send at most ${max} files in one message.`,
  fileDownloadFailed: (name: string) =>
    `${name} was not sent to the agent: I couldn't get it from Teams. Please attach it again.`,
  fileContentMismatch: (name: string) =>
    `${name} was not sent to the agent: its content does not match its file type.`,
  fileRefused: (name: string) =>
    `${name} was not sent to the agent: the service desk did not accept it.`,
  fileRequested: 'To send a file, attach it with the paperclip below the message box and send it.',
  agentFile: 'File from the agent',
  download: 'Download',
  linkLifetime: (minutes: number) => `The download link works for ${minutes} minutes.`,
  agentFileUnavailable: (name: string) =>
    `The agent sent ${name}, but it cannot be opened here. Please ask the agent to share it another way.`,
};

type Widen<T> = T extends (...args: infer A) => string
  ? (...args: A) => string
  : T extends string
    ? string
    : { readonly [K in keyof T]: Widen<T[K]> };

/** The shape every language provides (a translation may leave entries to English). */
export type Texts = { readonly [K in keyof typeof en]: Widen<(typeof en)[K]> };

/** A translation: whatever it leaves out is shown in English. */
export type Translation = { readonly [K in keyof Texts]?: Texts[K] };

/** Shared phrasing built from the per-language parts. */
export function unavailableMessage(
  t: Texts,
  reason: UnavailableReason,
  nextOpening?: string,
  /** What the user can do instead; default: raise a ticket through the IT portal. */
  instead: string = t.whatToDoInstead,
): string {
  const parts = [t.unavailableReason[reason]];
  if (nextOpening !== undefined && nextOpening.trim() !== '')
    parts.push(t.backAt(nextOpening.trim()));
  parts.push(instead);
  return parts.join(' ');
}

/** ServiceNow's queue message (already in the user's language, when it sends one) and the wait. */
export function waitTimeMessage(t: Texts, message?: string, waitTime?: string): string {
  const parts = [message?.trim() || t.queued];
  if (waitTime !== undefined && waitTime.trim() !== '')
    parts.push(t.estimatedWait(waitTime.trim()));
  return parts.join(' ');
}

/**
 * English texts, plus the two composite messages older callers use. Kept as the default for
 * code that has no locale at hand (logs-only paths, tests).
 */
export const texts = {
  ...en,
  unavailable: (reason: UnavailableReason, nextOpening?: string) =>
    unavailableMessage(en, reason, nextOpening),
  waitTime: (message?: string, waitTime?: string) => waitTimeMessage(en, message, waitTime),
};

/** The languages the bot speaks, by ISO 639-1 code; English is the fallback. */
export const LANGUAGES = ['en', 'de', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

const translations: Readonly<Record<Language, Texts>> = {
  en,
  de: { ...en, ...de },
  es: { ...en, ...es },
};

/** The language of a Teams locale such as "de-DE" when the bot speaks it, else English. */
export function languageFor(locale: string | undefined): Language {
  const code = /^([a-z]{2})(?:[-_]|$)/i.exec(locale ?? '')?.[1]?.toLowerCase();
  return LANGUAGES.find((l) => l === code) ?? 'en';
}

/** The texts for a Teams locale (fallback English). */
export function textsFor(locale: string | undefined): Texts {
  return translations[languageFor(locale)];
}
