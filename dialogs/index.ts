// The public surface of the conversation logic, for the bot and the tests.
export { CardAction, cardActionOf } from './actions.js';
export { CardActionPrompt, type CardActionPromptOptions } from './card-action-prompt.js';
export {
  agentJoinedCard,
  connectingCard,
  descriptionCard,
  endChatCard,
  getHelpCard,
  liveChatOfferCard,
  safeImageUrl,
  welcomeCard,
  type AdaptiveCard,
  type SubmitAction,
  type TextBlock,
  type TextInput,
} from './cards.js';
export { commandOf, normaliseCommand } from './commands.js';
export {
  DESCRIPTION_INPUT_ID,
  DESCRIPTION_MAX_LENGTH,
  checkDescription,
  type DescriptionCheck,
} from './description.js';
export { KeywordDomainClassifier, type DomainRule } from './domain-classifier.js';
export { formatOpening } from './format.js';
export {
  HANDOFF_DIALOG_ID,
  HandoffDialog,
  type HandoffDialogDependencies,
} from './handoff-dialog.js';
export {
  HandoffRanking,
  type RankableOption,
  type Ranking,
  type RuleProblem,
} from './handoff-ranking.js';
export {
  ContextTemplate,
  HANDOFF_CONTEXT_FIELDS,
  HandoffExpressionError,
  compileExpression,
  renderTemplates,
  type HandoffContext,
} from './handoff-rules.js';
export {
  MAIN_DIALOG_ID,
  MainDialog,
  welcomeActivity,
  type MainDialogDependencies,
} from './main-dialog.js';
export type {
  AgentAvailability,
  AvailabilityResult,
  DomainCandidate,
  DomainClassification,
  DomainClassifier,
  HandoffOption,
  HelpRequest,
  LiveChatRequest,
  LiveChatStarter,
  Opening,
  UnavailableReason,
} from './ports.js';
export { receiptCard } from './receipts.js';
export { userReplyOf, type UserReply } from './replies.js';
export { LANGUAGES, languageFor, texts, textsFor, type Language, type Texts } from './texts.js';
