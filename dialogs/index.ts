// The public surface of the conversation logic, for the bot and the tests.
export { CardAction, cardActionOf } from './actions.js';
export { CardActionPrompt, type CardActionPromptOptions } from './card-action-prompt.js';
export {
  descriptionCard,
  endChatCard,
  getHelpCard,
  liveChatOfferCard,
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
export {
  HANDOFF_DIALOG_ID,
  HandoffDialog,
  type HandoffDialogDependencies,
} from './handoff-dialog.js';
export {
  MAIN_DIALOG_ID,
  MainDialog,
  welcomeActivity,
  type MainDialogDependencies,
} from './main-dialog.js';
export type {
  AgentAvailability,
  AvailabilityResult,
  HandoffOption,
  HelpRequest,
  LiveChatRequest,
  LiveChatStarter,
} from './ports.js';
export { userReplyOf, type UserReply } from './replies.js';
export { texts } from './texts.js';
