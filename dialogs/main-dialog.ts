// The bot's own conversation while no live chat is open: acknowledge what the user wrote, offer
// Get Help, and hand over to the handoff dialog. The bot stops calling it while a chat is open.
import {
  ActivityTypes,
  MessageFactory,
  type Activity,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  DialogReason,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogState,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { CardAction } from './actions.js';
import { getHelpCard, welcomeCard } from './cards.js';
import {
  HANDOFF_DIALOG_ID,
  HandoffDialog,
  type HandoffDialogDependencies,
} from './handoff-dialog.js';
import type { HelpRequest } from './ports.js';
import { userReplyOf } from './replies.js';
import { answerSurvey } from './survey.js';
import { textsFor } from './texts.js';
import { offerTicket, submitTicket, ticketsOffered } from './tickets.js';

export const MAIN_DIALOG_ID = 'main';
const FLOW = 'main.flow';

export type MainDialogDependencies = HandoffDialogDependencies;

/** Carried from one turn to the next while the Get Help card is showing. */
interface MainFlowOptions {
  /** What the user last wrote: the request an agent will be asked about. */
  readonly request?: string;
}

type Step = WaterfallStepContext<MainFlowOptions>;

/** The welcome card the bot sends when it is installed, in the user's language. */
export function welcomeActivity(locale?: string): Partial<Activity> {
  return MessageFactory.attachment(welcomeCard(textsFor(locale)));
}

export class MainDialog extends ComponentDialog {
  constructor(private readonly deps: MainDialogDependencies) {
    super(MAIN_DIALOG_ID);
    this.addDialog(
      new WaterfallDialog<MainFlowOptions>(FLOW, [
        (step) => this.route(step),
        (step) => this.afterRoute(step),
      ]),
    );
    this.addDialog(new HandoffDialog(deps));
    this.initialDialogId = FLOW;
  }

  /**
   * Runs one message turn. The caller saves the conversation state afterwards; other activity
   * types are ignored, since only messages move the conversation on.
   */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    if (context.activity.type !== (ActivityTypes.Message as string)) return;
    const dialogs = new DialogSet(accessor);
    dialogs.add(this);
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  private async route(step: Step): Promise<DialogTurnResult> {
    const request = step.options.request ?? '';
    const reply = userReplyOf(step.context.activity);
    const t = textsFor(step.context.activity.locale);
    switch (reply?.action) {
      case CardAction.getHelp:
        return step.beginDialog(HANDOFF_DIALOG_ID, { text: request } satisfies HelpRequest);
      case CardAction.liveChat:
        // Asked for an agent by name: no knowledge articles in the way.
        return step.beginDialog(HANDOFF_DIALOG_ID, {
          text: request,
          straightToAgent: true,
        } satisfies HelpRequest);
      case CardAction.endChat:
        await step.context.sendActivity(t.noOpenChat);
        return step.endDialog();
      case CardAction.cancel:
        await step.context.sendActivity(t.cancelled);
        return step.endDialog();
      case CardAction.submitDescription:
      case CardAction.pickOption:
      case CardAction.articleSolved:
      case CardAction.articleNotSolved:
        // A card whose flow or chat has ended (cancelled, closed, or state reset after an error).
        return this.showGetHelp(step, t.cardExpired, request);
      case CardAction.offerTicket:
        await offerTicket(this.deps.tickets, step.context, request);
        return step.endDialog();
      case CardAction.createTicket:
        await submitTicket(this.deps.tickets, step.context, reply);
        return step.endDialog();
      case CardAction.rateChat:
        await answerSurvey(this.deps.survey, step.context, reply);
        return step.endDialog();
      case undefined: {
        // Typed as always present, but a card click or an attachment comes without text.
        const text = (step.context.activity.text as string | undefined)?.trim() ?? '';
        return this.showGetHelp(step, t.acknowledged, text === '' ? request : text);
      }
    }
  }

  private async showGetHelp(step: Step, text: string, request: string): Promise<DialogTurnResult> {
    Object.assign(step.values, { request } satisfies MainFlowOptions);
    const t = textsFor(step.context.activity.locale);
    const card = getHelpCard(t, ticketsOffered(this.deps.tickets));
    await step.context.sendActivity(MessageFactory.attachment(card, text));
    return Dialog.EndOfTurn;
  }

  private async afterRoute(step: Step): Promise<DialogTurnResult> {
    if (step.reason === DialogReason.continueCalled) {
      // The user wrote again while the Get Help card was showing: handle that message afresh,
      // remembering the request in case it is a click on Get Help.
      const { request } = step.values as MainFlowOptions;
      return step.replaceDialog(FLOW, { request } satisfies MainFlowOptions);
    }
    return step.endDialog(step.result);
  }
}
