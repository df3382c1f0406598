// The bot's persistent state: Cosmos DB stores behind narrow interfaces, and in-memory fakes.
export { connectStore, CONTAINERS } from './connect.js';
export type { Store, StoreOptions } from './connect.js';
export {
  StoreConflictError,
  StoreError,
  StoreErrorCodes,
  StoreUnavailableError,
} from './errors.js';
export type { StoreErrorCode } from './errors.js';
export { CosmosSessionStore, ENDED_SESSION_TTL_SECONDS } from './cosmos-session-store.js';
export type { CosmosSessionStoreOptions } from './cosmos-session-store.js';
export { CosmosUserStore } from './cosmos-user-store.js';
export { CosmosSpillStore, SPILL_TTL_SECONDS } from './cosmos-spill-store.js';
export type { CosmosSpillStoreOptions } from './cosmos-spill-store.js';
export { CosmosDialogStorage } from './cosmos-dialog-storage.js';
export { idToKey, keyToId, MAX_ID_LENGTH } from './dialog-keys.js';
export { InMemorySessionStore, InMemoryUserStore } from './in-memory.js';
export { InMemorySpillStore } from './in-memory-spill-store.js';
export type * from './types.js';
