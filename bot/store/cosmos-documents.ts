// Helpers shared by the Cosmos DB stores: status codes of SDK errors, mapping them to store
// errors, and removing the system fields Cosmos adds to every document.
import type { Container } from '@azure/cosmos';
import { StoreConflictError, StoreUnavailableError } from './errors.js';
import type { Versioned } from './types.js';

const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_attachments', '_ts', 'ttl'] as const;

export type CosmosDocument = Record<string, unknown> & {
  readonly id: string;
  readonly _etag?: string;
};

/** The HTTP status of a Cosmos SDK error; undefined for network-level failures. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof code === 'number') return code;
  return typeof statusCode === 'number' ? statusCode : undefined;
}

/** Conflicts (409 on create, 412 on a stale ETag) become StoreConflictError; anything else is unavailable. */
export function storeFailure(what: string, error: unknown): Error {
  const status = statusOf(error);
  if (status === 409)
    return new StoreConflictError(`${what}: the document already exists`, { cause: error });
  if (status === 412)
    return new StoreConflictError(`${what}: the ETag is no longer current`, { cause: error });
  const detail = status === undefined ? 'no response' : `status ${status}`;
  return new StoreUnavailableError(`${what} failed (${detail})`, { cause: error });
}

/** The application's view of a document: Cosmos bookkeeping (and `ttl`) removed. */
export function stripSystemFields(document: CosmosDocument): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...document };
  for (const field of SYSTEM_FIELDS) Reflect.deleteProperty(copy, field);
  return copy;
}

export function versioned<T>(
  document: CosmosDocument | undefined,
  etag: string | undefined,
  what: string,
): Versioned<T> {
  if (document === undefined) {
    throw new StoreUnavailableError(`${what}: the store returned no document or ETag`);
  }
  return { value: stripSystemFields(document) as T, etag: etagOf(document, etag, what) };
}

/** A point read by id (the partition key is the id); undefined when there is no such document. */
export async function readById<T>(
  container: Container,
  id: string,
  what: string,
): Promise<Versioned<T> | undefined> {
  try {
    const response = await container.item(id, id).read<CosmosDocument>();
    if (response.statusCode === 404 || response.resource === undefined) return undefined;
    return versioned<T>(response.resource, response.etag, what);
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw storeFailure(what, error);
  }
}

/** Compare-and-swap of a whole document; a missing document is a conflict too (it changed). */
export async function replaceIfMatch<T>(
  container: Container,
  document: CosmosDocument,
  etag: string,
  what: string,
): Promise<Versioned<T>> {
  const response = await replaceResponse(container, document, etag, what);
  return versioned<T>(response.resource, response.etag, what);
}

/**
 * replaceIfMatch answering with `value` (what was written, as the caller holds it) and the new
 * ETag: the caller's objects stay the document in hand, and no copy of the answer is made.
 */
export async function replaceIfMatchAs<T>(
  container: Container,
  document: CosmosDocument,
  etag: string,
  what: string,
  value: T,
): Promise<Versioned<T>> {
  const response = await replaceResponse(container, document, etag, what);
  return { value, etag: etagOf(response.resource, response.etag, what) };
}

/** The ETag of an answer: the document's own, else the response header's. */
function etagOf(
  document: CosmosDocument | undefined,
  etag: string | undefined,
  what: string,
): string {
  const current = document?._etag ?? etag;
  if (current === undefined) {
    throw new StoreUnavailableError(`${what}: the store returned no document or ETag`);
  }
  return current;
}

async function replaceResponse(
  container: Container,
  document: CosmosDocument,
  etag: string,
  what: string,
): Promise<{ readonly resource?: CosmosDocument; readonly etag?: string }> {
  try {
    return await container.item(document.id, document.id).replace<CosmosDocument>(document, {
      accessCondition: { type: 'IfMatch', condition: etag },
    });
  } catch (error) {
    if (statusOf(error) === 404) {
      throw new StoreConflictError(`${what}: the document no longer exists`, { cause: error });
    }
    throw storeFailure(what, error);
  }
}

export async function createDocument<T>(
  container: Container,
  document: CosmosDocument,
  what: string,
): Promise<Versioned<T>> {
  try {
    const response = await container.items.create<CosmosDocument>(document);
    return versioned<T>(response.resource, response.etag, what);
  } catch (error) {
    throw storeFailure(what, error);
  }
}
