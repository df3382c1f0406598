// Public surface of the ServiceNow client package.
export type {
  AgentInfo,
  ChatEndReason,
  InputKind,
  ProgressUpdate,
  SnowCallback,
  SnowChoice,
  SnowEvent,
  SnowLink,
} from './events.js';
export { createSnowClient, type SnowClient, type SnowClientOptions } from './client.js';
export {
  VirtualAgentApi,
  type StartAction,
  sign,
  type StartLiveChatRequest,
  type UserMessageRequest,
  type VaAttachment,
  type VaAck,
  type VaSessionRef,
  type VirtualAgentApiOptions,
} from './va-api.js';
export {
  MediaApi,
  type InstanceFile,
  type MediaApiOptions,
  type MediaUpload,
  type UploadedMedia,
} from './media.js';
export { AgentPresence, type AvailableAgentsOptions, type PresenceCount } from './presence.js';
export { Interactions, type Interaction } from './interactions.js';
export { Users, type SnowUser } from './users.js';
export { KnowledgeApi, type KnowledgeArticle, type KnowledgeSearchOptions } from './knowledge.js';
export { KnowledgeTable, type KnowledgeBase } from './knowledge-table.js';
export { Records, CORRELATION_FIELD, type RecordFields, type TaskRecord } from './records.js';
export { TableApi, refValue, type ListOptions, type TableRow } from './table-api.js';
export {
  EncodedQuery,
  type ListOperator,
  type QueryOperator,
  type ScalarOperator,
} from './query.js';
export {
  SnowHttp,
  defaultTimeouts,
  type SnowCredentials,
  type SnowHttpOptions,
  type SnowTimeouts,
} from './http.js';
export { defaultRetryPolicy, type RetryPolicy } from './retry.js';
export type { OAuthClient } from './oauth.js';
export { CallbackParser, parseCallback, type CallbackParserOptions } from './callback/parse.js';
export {
  SnowAmbiguousResultError,
  SnowAuthError,
  SnowBadResponseError,
  SnowCallbackError,
  SnowConfigError,
  SnowError,
  SnowErrorCode,
  SnowNotInstalledError,
  SnowFileTooLargeError,
  SnowQueryValueError,
  SnowRateLimitedError,
  SnowRecordRefusedError,
  SnowRejectedError,
  SnowUnavailableError,
  type UnavailableErrorOptions,
} from './errors.js';
