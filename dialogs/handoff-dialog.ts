// The handoff waterfall: classify the request, check which options can take the chat (rules,
// hours, agents), offer them, confirm the issue description, then ask the bot to start the chat. It never relays messages: once the
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
import { connectingCard, descriptionCard, liveChatOfferCard } from './cards.js';
import { deadEndActivity, startFailureActivity } from './dead-ends.js';
import { descriptionOf } from './description.js';
import { acceptDescription, acceptOfferedOption, offerValidations } from './handoff-validators.js';
import { KnowledgeStep, knowledgePrompt, type KnowledgeValues } from './knowledge-step.js';
import type {
  AgentAvailability,
  ChatSurvey,
  DomainClassification,
  DomainClassifier,
  HandoffOption,
  HelpRequest,
  KnowledgeSearch,
  LiveChatRequest,
  LiveChatStarter,
  TicketDesk,
} from './ports.js';
import { stringField, type UserReply } from './replies.js';
import { textsFor } from './texts.js';

export const HANDOFF_DIALOG_ID = 'handoff';
const FLOW = 'handoff.flow';
const OFFER_PROMPT = 'handoff.offerPrompt';
const DESCRIPTION_PROMPT = 'handoff.descriptionPrompt';

export interface HandoffDialogDependencies {
  readonly availability: AgentAvailability;
  readonly starter: LiveChatStarter;
  readonly classifier: DomainClassifier;
  /** Knowledge articles before a live agent; without it the handoff starts at the offer. */
  readonly knowledge?: KnowledgeSearch;
  /** Offers a ticket where live chat cannot happen; without it the user is sent to the portal. */
  readonly tickets?: TicketDesk;
  /** Records the answers of the survey sent after a chat with an agent. */
  readonly survey?: ChatSurvey;
}

/** What the waterfall keeps between turns (stored with the dialog state, so plain data only). */
interface HandoffValues extends KnowledgeValues {
  request: string;
  classification: DomainClassification;
  options: HandoffOption[];
  optionId: string;
}

type Step = WaterfallStepContext<Partial<HelpRequest>>;

const valuesOf = (step: Step) => step.values as Partial<HandoffValues>;
const textsOf = (step: Step) => textsFor(step.context.activity.locale);

/** Begin with a {@link HelpRequest}; ends with the {@link LiveChatRequest} once started. */
export class HandoffDialog extends ComponentDialog {
  private readonly deps: HandoffDialogDependencies;
  private readonly knowledge: KnowledgeStep;

  constructor(deps: HandoffDialogDependencies) {
    super(HANDOFF_DIALOG_ID);
    this.deps = deps;
    this.knowledge = new KnowledgeStep(deps.classifier, deps.knowledge);
    this.addDialog(
      new WaterfallDialog<Partial<HelpRequest>>(FLOW, [
        (step) => this.knowledge.offer(step),
        (step) => this.afterArticles(step),
        (step) => this.askForDescription(step),
        (step) => this.startLiveChat(step),
      ]),
    );
    this.addDialog(new CardActionPrompt(OFFER_PROMPT, acceptOfferedOption));
    this.addDialog(new CardActionPrompt(DESCRIPTION_PROMPT, acceptDescription));
    this.addDialog(knowledgePrompt());
    this.initialDialogId = FLOW;
  }

  private async afterArticles(step: Step): Promise<DialogTurnResult> {
    const answer = await this.knowledge.answer(step);
    if (answer === 'solved') return step.endDialog();
    if (answer === 'cancelled') return cancel(step);
    return this.offerLiveChat(step);
  }

  private async offerLiveChat(step: Step): Promise<DialogTurnResult> {
    const t = textsOf(step);
    const text = step.options.text ?? '';
    const { articles, classification = await this.deps.classifier.classify(text) } = valuesOf(step);
    const request: HelpRequest = { text, classification, ...(articles && { articles }) };
    const result = await this.deps.availability.check(step.context, request);
    if (!result.available || result.options.length === 0) {
      await step.context.sendActivity(
        deadEndActivity(this.deps.tickets, step.context, result, text),
      );
      return step.endDialog();
    }
    const options = result.options.map(({ id, label }) => ({ id, label }));
    Object.assign(step.values, {
      request: text,
      classification,
      options,
    } satisfies Partial<HandoffValues>);
    const prompt: CardActionPromptOptions = {
      prompt: MessageFactory.attachment(liveChatOfferCard(options, t)),
      retryPrompt: t.offerHint,
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
    // A typed "live chat" names no option: it takes the best one offered.
    const optionId = stringField(reply, 'optionId') ?? first.id;
    Object.assign(step.values, { optionId } satisfies Partial<HandoffValues>);
    const t = textsOf(step);
    const prompt: CardActionPromptOptions = {
      prompt: MessageFactory.attachment(descriptionCard(values.request ?? '', t)),
      retryPrompt: t.descriptionHint,
      expected: [CardAction.submitDescription],
    };
    return step.prompt(DESCRIPTION_PROMPT, prompt);
  }

  private async startLiveChat(step: Step): Promise<DialogTurnResult> {
    const check = descriptionOf(step.result as UserReply);
    const { optionId, classification, tried } = valuesOf(step);
    // The prompt's validator lets through only Cancel or a valid description.
    if (!check.ok || optionId === undefined) return cancel(step);
    const request: LiveChatRequest = {
      optionId,
      description: check.description,
      ...(classification && { classification }),
      ...(tried && { tried }),
    };
    // Failures propagate on purpose: the bot's turn-error boundary explains them to the user,
    // unless ServiceNow failed and a ticket can be offered instead.
    try {
      await this.deps.starter.start(step.context, request);
    } catch (error) {
      const offer = startFailureActivity(this.deps.tickets, step.context, error, request);
      if (offer === undefined) throw error;
      await step.context.sendActivity(offer);
      return step.endDialog();
    }
    const connecting: Partial<Activity> = MessageFactory.attachment(connectingCard(textsOf(step)));
    await step.context.sendActivity(connecting);
    return step.endDialog(request);
  }
}

async function cancel(step: Step): Promise<DialogTurnResult> {
  await step.context.sendActivity(textsOf(step).cancelled);
  return step.endDialog();
}
