// The resolution step at the start of the handoff: search the knowledge base with the request and,
// when something good is found, show it with "This solved it" / "I still need help". Solved ends
// the handoff; anything else (the button, a typed message, a command) lets it go on exactly as
// without the step. Nothing found, or ServiceNow slow or down: the step is skipped silently.
import { MessageFactory } from 'botbuilder';
import type { DialogTurnResult, PromptOptions, WaterfallStepContext } from 'botbuilder-dialogs';
import { CardAction } from './actions.js';
import { CardActionPrompt } from './card-action-prompt.js';
import { articlesCard } from './knowledge-card.js';
import type {
  ArticlesFound,
  DomainClassification,
  DomainClassifier,
  HelpRequest,
  KnowledgeSearch,
  TriedArticles,
} from './ports.js';
import type { UserReply } from './replies.js';
import { textsFor } from './texts.js';

export const KNOWLEDGE_PROMPT = 'handoff.knowledgePrompt';

/** What the step keeps in the waterfall's values (dialog state: plain data only). */
export interface KnowledgeValues {
  classification?: DomainClassification;
  articles?: ArticlesFound;
  /** Set only when articles were shown. */
  tried?: TriedArticles;
}

type Step = WaterfallStepContext<Partial<HelpRequest>>;
export type KnowledgeAnswer = 'solved' | 'cancelled' | 'continue';

/** Any reply answers the card: a click or command completes it, free text means "still need help". */
export function knowledgePrompt(): CardActionPrompt {
  return new CardActionPrompt(KNOWLEDGE_PROMPT, () => Promise.resolve(true));
}

export class KnowledgeStep {
  constructor(
    private readonly classifier: DomainClassifier,
    private readonly search: KnowledgeSearch | undefined,
  ) {}

  /** Classifies the request, then shows articles or moves straight on. */
  async offer(step: Step): Promise<DialogTurnResult> {
    const text = step.options.text ?? '';
    const classification = await this.classifier.classify(text);
    const values = step.values as KnowledgeValues;
    values.classification = classification;
    if (this.search === undefined || step.options.straightToAgent === true) return step.next();
    const found = await this.search.find(step.context, { text, classification });
    values.articles = {
      count: found.articles.length,
      ...(found.bestScore !== undefined && { best_score: found.bestScore }),
    };
    if (found.outcome !== 'shown' || found.articles.length === 0) return step.next();
    values.tried = {
      request: text,
      articles: found.articles.map(({ number, title }) => ({ number, title })),
    };
    const t = textsFor(step.context.activity.locale);
    const prompt: PromptOptions & { expected: readonly CardAction[] } = {
      prompt: MessageFactory.attachment(articlesCard(found.articles, t)),
      expected: [CardAction.articleSolved, CardAction.articleNotSolved],
    };
    return step.prompt(KNOWLEDGE_PROMPT, prompt);
  }

  /** Reads the reply to the card (if one was shown) and thanks the user when it solved it. */
  async answer(step: Step): Promise<KnowledgeAnswer> {
    const values = step.values as KnowledgeValues;
    if (values.tried === undefined) return 'continue';
    const reply = step.result as UserReply | undefined;
    if (reply?.action === CardAction.cancel) return 'cancelled';
    const solved = reply?.action === CardAction.articleSolved;
    const request: HelpRequest = {
      text: values.tried.request,
      ...(values.classification && { classification: values.classification }),
    };
    this.search?.verdict(request, solved);
    if (!solved) return 'continue';
    await step.context.sendActivity(textsFor(step.context.activity.locale).articlesSolved);
    return 'solved';
  }
}
