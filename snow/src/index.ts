// Public surface of the ServiceNow client package.
export type { AgentInfo, ChatEndReason, SnowCallback, SnowEvent } from './events.js';
