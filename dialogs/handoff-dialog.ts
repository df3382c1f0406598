// The handoff waterfall: check that an agent can take the chat, offer Live Chat, confirm the
// issue description, then ask the bot to start the live chat. It never relays messages: once the
// chat is started, the bot routes the user's messages to the agent instead of the dialogs.
import { MessageFactory, type Activity } from 'botbuilder';
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { CardAction } from './actions.js';
import { CardActionPrompt, type CardActionPromptOptions } from './card-action-prompt.js';
import { descriptionCard, endChatCard, liveChatOfferCard } from './cards.js';
import { descriptionOf } from './description.js';
import { acceptDescription, acceptOfferedOption, offerValidations } from './handoff-validators.js';
import type {
  AgentAvailability,
  HandoffOption,
  HelpRequest,
  LiveChatRequest,
  LiveChatStarter,
} from './ports.js';
import { stringField, type UserReply } from './replies.js';
import { texts } from './texts.js';

export const HANDOFF_DIALOG_ID = 'handoff';
const FLOW = 'handoff.flow';
const OFFER_PROMPT = 'handoff.offerPrompt';
const DESCRIPTION_PROMPT = 'handoff.descriptionPrompt';

export interface HandoffDialogDependencies {
  readonly availability: AgentAvailability;
  readonly starter: LiveChatStarter;
}

/** What the waterfall keeps between turns (stored with the dialog state, so plain data only). */
interface HandoffValues {
  request: string;
  options: HandoffOption[];
  optionId: string;
}

type Step = WaterfallStepContext<Partial<HelpRequest>>;

const valuesOf = (step: Step) => step.values as Partial<HandoffValues>;

/** Begin with a {@link HelpRequest}; ends with the {@link LiveChatRequest} once started. */
export class HandoffDialog extends ComponentDialog {
  private readonly deps: HandoffDialogDependencies;

  constructor(deps: HandoffDialogDependencies) {
    super(HANDOFF_DIALOG_ID);
    this.deps = deps;
    this.addDialog(
      new WaterfallDialog<Partial<HelpRequest>>(FLOW, [
        (step) => this.offerLiveChat(step),
        (step) => this.askForDescription(step),
        (step) => this.startLiveChat(step),
      ]),
    );
    this.addDialog(new CardActionPrompt(OFFER_PROMPT, acceptOfferedOption));
    this.addDialog(new CardActionPrompt(DESCRIPTION_PROMPT, acceptDescription));
    this.initialDialogId = FLOW;
  }

  private async offerLiveChat(step: Step): Promise<DialogTurnResult> {
    const request: HelpRequest = { text: step.options.text ?? '' };
    const result = await this.deps.availability.check(step.context, request);
    if (!result.available || result.options.length === 0) {
      const message = result.available
        ? texts.unavailable('noAgents')
        : texts.unavailable(result.reason, result.nextOpening);
      await step.context.sendActivity(message);
      return step.endDialog();
    }
    const options = result.options.map(({ id, label }) => ({ id, label }));
    Object.assign(step.values, { request: request.text, options } satisfies Partial<HandoffValues>);
    const prompt: CardActionPromptOptions = {
      prompt: MessageFactory.attachment(liveChatOfferCard(options)),
      retryPrompt: texts.offerHint,
      expected: [CardAction.liveChat],
      validations: offerValidations(options),
    };
    return step.prompt(OFFER_PROMPT, prompt);
  }

  private async askForDescription(step: Step): Promise<DialogTurnResult> {
    const reply = step.result as UserReply;
    const values = valuesOf(step);
    const first = values.options?.[0];
    if (reply.action === CardAction.cancel || first === undefined) return cancel(step);
    // A typed "live chat" names no option: it takes the first one offered.
    const optionId = stringField(reply, 'optionId') ?? first.id;
    Object.assign(step.values, { optionId } satisfies Partial<HandoffValues>);
    const prompt: CardActionPromptOptions = {
      prompt: MessageFactory.attachment(descriptionCard(values.request ?? '')),
      retryPrompt: texts.descriptionHint,
      expected: [CardAction.submitDescription],
    };
    return step.prompt(DESCRIPTION_PROMPT, prompt);
  }

  private async startLiveChat(step: Step): Promise<DialogTurnResult> {
    const check = descriptionOf(step.result as UserReply);
    const { optionId } = valuesOf(step);
    // The prompt's validator lets through only Cancel or a valid description.
    if (!check.ok || optionId === undefined) return cancel(step);
    const request: LiveChatRequest = { optionId, description: check.description };
    // Failures propagate on purpose: the bot's turn-error boundary explains them to the user.
    await this.deps.starter.start(step.context, request);
    const connecting: Partial<Activity> = MessageFactory.attachment(
      endChatCard(),
      texts.connecting,
    );
    await step.context.sendActivity(connecting);
    return step.endDialog(request);
  }
}

async function cancel(step: Step): Promise<DialogTurnResult> {
  await step.context.sendActivity(texts.cancelled);
  return step.endDialog();
}
