// The capabilities the dialogs need from the outside world. dialogs/ owns these interfaces;
// bot/ implements them over ServiceNow and the store, and tests implement them in memory.
import type { TurnContext } from 'botbuilder';

/** One way to reach a live agent that the IT admin configured (HANDOFF_CONFIG). */
export interface HandoffOption {
  readonly id: string;
  /** Button text, e.g. "Live Chat". */
  readonly label: string;
}

export type AvailabilityResult =
  | { readonly available: true; readonly options: readonly HandoffOption[] }
  | {
      readonly available: false;
      /** noAgents: nobody is online; outsideHours: closed; unreachable: ServiceNow could not be asked. */
      readonly reason: 'noAgents' | 'outsideHours' | 'unreachable';
      /** When agents are expected to be back, if known (shown to the user). */
      readonly nextOpening?: string;
    };

/** What the user asked for, as far as the dialogs know it. */
export interface HelpRequest {
  readonly text: string;
}

export interface AgentAvailability {
  check(context: TurnContext, request: HelpRequest): Promise<AvailabilityResult>;
}

export interface LiveChatRequest {
  readonly optionId: string;
  readonly description: string;
}

export interface LiveChatStarter {
  /**
   * Saves the session, then asks ServiceNow to route the chat to an agent. Throws on failure;
   * the bot's turn-error boundary tells the user what went wrong.
   */
  start(context: TurnContext, request: LiveChatRequest): Promise<void>;
}
