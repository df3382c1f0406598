// Public surface of the ServiceNow simulator (`@live-agent/snow/simulator`): a stand-in instance
// over real HTTP for tests and sandbox mode. It is written from ServiceNow's side of the contract
// and shares no code with the client.
export { startSimulator } from './simulator.js';
export { SimulatorError, SimulatorErrorCode } from './errors.js';
export { ScriptedText } from './scripted-agent.js';
export { Text as SimulatorText } from './envelope.js';
export type {
  AgentControl,
  CallbackTarget,
  ConversationSnapshot,
  ConversationState,
  FaultTarget,
  InjectedFault,
  ReceivedVaRequest,
  ScriptedAgentOptions,
  SentCallback,
  SimulatedAgent,
  SimulatedUser,
  SimulatorLog,
  SimulatorOptions,
  SnowSimulator,
  UserMessageSeen,
  VaRequestOutcome,
  WaitForOptions,
} from './types.js';
