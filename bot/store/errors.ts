// Store errors, named for what the caller does next: re-read and retry on a conflict, give up
// for now (and say so) when the store is unavailable. Messages never contain document contents.

export const StoreErrorCodes = {
  /** An ETag was stale, or a document with that id already exists: re-read and retry. */
  STORE_CONFLICT: 'STORE_CONFLICT',
  /** The store failed or could not be reached; the cause holds the details. */
  STORE_UNAVAILABLE: 'STORE_UNAVAILABLE',
} as const;

export type StoreErrorCode = (typeof StoreErrorCodes)[keyof typeof StoreErrorCodes];

export abstract class StoreError extends Error {
  abstract readonly code: StoreErrorCode;
}

export class StoreConflictError extends StoreError {
  override readonly name = 'StoreConflictError';
  readonly code = StoreErrorCodes.STORE_CONFLICT;
}

export class StoreUnavailableError extends StoreError {
  override readonly name = 'StoreUnavailableError';
  readonly code = StoreErrorCodes.STORE_UNAVAILABLE;
}
