// Public surface of the ServiceNow simulator (`@live-agent/snow/simulator`): a stand-in instance
// over real HTTP for tests and sandbox mode. It is written from ServiceNow's side of the contract
// and shares no code with the client.
export { startSimulator } from './simulator.js';
export { SimulatorError, SimulatorErrorCode } from './errors.js';
export { ScriptedText } from './scripted-agent.js';
export { Text as SimulatorText } from './envelope.js';
export { SURVEY_RATINGS, SurveyText } from './post-chat-survey.js';
export {
  DEFAULT_ARTICLES,
  SELF_SERVICE_KB,
  TECHNICIANS_KB,
  type KbArticle,
} from './knowledge-base.js';
export type {
  AgentControl,
  CallbackFault,
  CallbackFaultKind,
  CallbackTarget,
  ConversationSnapshot,
  ConversationState,
  FaultTarget,
  InsertRefusal,
  JournalEntry,
  InjectedFault,
  KnowledgeSwitch,
  OAuthClientOptions,
  PostChatSurveyAnswer,
  PostChatSurveyOptions,
  ReceivedTableRequest,
  ReceivedUpload,
  SeenAttachment,
  ReceivedVaRequest,
  ScriptedAgentOptions,
  SentCallback,
  SimulatedAgent,
  SimulatedQueue,
  SimulatedRecordTable,
  SimulatedUser,
  SimulatorLog,
  SimulatorOptions,
  SnowSimulator,
  TokenRequest,
  UserMessageSeen,
  VaRequestOutcome,
  WaitForOptions,
} from './types.js';
