// The capabilities the dialogs need from the outside world. dialogs/ owns these interfaces;
// bot/ implements them over ServiceNow and the store, and tests implement them in memory.
import type { TurnContext } from 'botbuilder';

/** One way to reach a live agent that the IT admin configured (HANDOFF_CONFIG). */
export interface HandoffOption {
  readonly id: string;
  /** Button text in the user's language, e.g. "Live Chat". */
  readonly label: string;
}

/** Why no live chat can be offered. */
export type UnavailableReason =
  /** Nobody who could take the chat is online. */
  | 'noAgents'
  /** Every option that applies is closed now (business hours, holidays). */
  | 'outsideHours'
  /** ServiceNow could not be asked. */
  | 'unreachable'
  /** No configured option applies to this kind of request. */
  | 'notOffered';

/** When agents are expected back: an instant, shown in the time zone of the business hours. */
export interface Opening {
  /** ISO 8601 instant. */
  readonly at: string;
  /** IANA time zone of the business hours, e.g. "Europe/Berlin". */
  readonly timeZone: string;
}

export type AvailabilityResult =
  /** The options to offer, best first (by display score). */
  | { readonly available: true; readonly options: readonly HandoffOption[] }
  | {
      readonly available: false;
      readonly reason: UnavailableReason;
      readonly nextOpening?: Opening;
    };

/** A domain the request may belong to, with a score from 0 to 1 (higher is more likely). */
export interface DomainCandidate {
  readonly domain: string;
  readonly score: number;
}

export interface DomainClassification {
  /** The most likely domain, when any rule matched. */
  readonly domain?: string;
  /** Every matching domain, most likely first. */
  readonly candidates: readonly DomainCandidate[];
}

/** Decides what a request is about (e.g. IT_DOMAIN), so handoff rules can route on it. */
export interface DomainClassifier {
  classify(text: string): Promise<DomainClassification>;
}

/** What the user asked for, as far as the dialogs know it. */
export interface HelpRequest {
  readonly text: string;
  /** Filled in by the handoff dialog before availability is checked. */
  readonly classification?: DomainClassification;
  /** The user asked for a live agent by name ("live chat"): no knowledge articles first. */
  readonly straightToAgent?: boolean;
  /** What the knowledge search found, for the handoff rules (`context.articles`). */
  readonly articles?: ArticlesFound;
}

export interface AgentAvailability {
  /** The options whose rule accepts the request and that have agents now, best first. */
  check(context: TurnContext, request: HelpRequest): Promise<AvailabilityResult>;
}

export interface LiveChatRequest {
  readonly optionId: string;
  readonly description: string;
  /** The request's domains, for the context variables sent to ServiceNow. */
  readonly classification?: DomainClassification;
  /** The knowledge articles the user saw and said did not solve it, with what they asked. */
  readonly tried?: TriedArticles;
}

export interface LiveChatStarter {
  /**
   * Saves the session, then asks ServiceNow to route the chat to an agent. Throws on failure;
   * the bot's turn-error boundary tells the user what went wrong.
   */
  start(context: TurnContext, request: LiveChatRequest): Promise<void>;
}

/** A knowledge article as the user sees it: nothing of it beyond these reaches Teams. */
export interface ShownArticle {
  /** e.g. KB0010001 */
  readonly number: string;
  /** Plain text. */
  readonly title: string;
  /** Plain text, short. */
  readonly snippet: string;
  /** Opens the article in the employee portal. */
  readonly url?: string;
}

/** Shown: articles to show. Otherwise why the step is skipped (it never blocks the handoff). */
export type KnowledgeOutcome = 'shown' | 'noMatch' | 'timeout' | 'error' | 'off';

export interface KnowledgeFindings {
  readonly outcome: KnowledgeOutcome;
  /** Best first; empty unless `shown`. */
  readonly articles: readonly ShownArticle[];
  /** The best relevance score, when the search gives scores. */
  readonly bestScore?: number;
}

/** For the handoff rules: how many articles were shown and the best score. */
export interface ArticlesFound {
  readonly count: number;
  readonly best_score?: number;
}

export interface TriedArticles {
  /** What the user asked, as the search saw it. */
  readonly request: string;
  readonly articles: readonly Pick<ShownArticle, 'number' | 'title'>[];
}

/** Finds knowledge articles for a request before a live agent is offered. */
export interface KnowledgeSearch {
  /** Never throws: ServiceNow slow or down is an outcome, so the handoff always goes on. */
  find(context: TurnContext, request: HelpRequest): Promise<KnowledgeFindings>;
  /** The user's verdict on the articles shown: solved, or went on to an agent. */
  verdict(request: HelpRequest, solved: boolean): void;
}

/** Why a ticket is offered: a dead end of live chat, or the user asked for one. */
export type TicketReason =
  | UnavailableReason
  /** ServiceNow refused or failed the start request. */
  | 'startFailed'
  /** ServiceNow never answered the chat request (start timeout). */
  | 'unanswered'
  /** ServiceNow closed the chat before an agent joined (queue timeout, no eligible agent). */
  | 'closedBeforeAgent'
  /** The user asked for a ticket (Get Help card button, typed command). */
  | 'requested';

/** What a ticket card is offered with. */
export interface TicketOffer {
  readonly reason: TicketReason;
  /** The handoff option whose ticket settings apply; absent: the global ones. */
  readonly optionId?: string;
  /** Prefills the description. */
  readonly request: string;
}

/** A choice list on the ticket card (urgency, category), as configured, in the user's language. */
export interface TicketChoice {
  readonly label: string;
  readonly choices: readonly { readonly title: string; readonly value: string }[];
  /** Preselected value, if any. */
  readonly value?: string;
}

export interface TicketForm {
  readonly choice?: TicketChoice;
}

/** A submitted ticket card. */
export interface TicketSubmission {
  /** The card's idempotency key: one record per key, however often it is submitted. */
  readonly key: string;
  readonly reason: TicketReason;
  readonly optionId?: string;
  /** When the user hit the dead end (ISO 8601). */
  readonly askedAt: string;
  readonly description: string;
  readonly choice?: string;
}

export type TicketProblem =
  /** Tickets are not offered for this option (or at all). */
  | 'notOffered'
  /** Teams did not give the user's email, so no caller can be found. */
  | 'noEmail'
  /** No (single) active ServiceNow user has the email. */
  | 'unknownUser'
  /** ServiceNow refused the record (ACL, mandatory field, business rule); the log says why. */
  | 'refused'
  /** ServiceNow could not be reached or failed; trying again later may work. */
  | 'unavailable'
  /** Another click of the same card is creating the record right now. */
  | 'inProgress'
  /** The card is not this user's (it belongs to another user's request). */
  | 'expired';

export type TicketOutcome =
  | {
      readonly ok: true;
      readonly number: string;
      /** Where the user can see the ticket, when a portal link is configured. */
      readonly url?: string;
      /** True when the record existed already (a repeated click). */
      readonly repeat: boolean;
    }
  | { readonly ok: false; readonly problem: TicketProblem };

/** Files tickets in ServiceNow: exactly one record per submission key. */
export interface TicketDesk {
  /** The ticket card's form for the option, or undefined when no ticket is offered there. */
  form(optionId: string | undefined, locale: string | undefined): TicketForm | undefined;
  file(context: TurnContext, ticket: TicketSubmission): Promise<TicketOutcome>;
}

/** One answer to the survey after a chat with an agent. */
export interface SurveyAnswer {
  readonly sessionId: string;
  /** 1 to 5. */
  readonly rating: number;
  readonly comment?: string;
}

export type SurveyOutcome = 'recorded' | 'alreadyAnswered' | 'unknownChat';

/** Records survey answers: one per chat. */
export interface ChatSurvey {
  answer(context: TurnContext, answer: SurveyAnswer): Promise<SurveyOutcome>;
}
