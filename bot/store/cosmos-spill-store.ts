// Spilled queue payloads (ServiceNow callbacks or user messages too large, or too many, to keep
// inside the session document) in a Cosmos DB container partitioned on /id. Point operations by
// id only; every document carries a TTL, so spills of sessions that ended go away on their own.
import type { Container } from '@azure/cosmos';
import { readById, statusOf, storeFailure } from './cosmos-documents.js';
import type { SpilledPayload, SpillStore } from './types.js';

/** How long spilled payloads are kept after they were written (one week). */
export const SPILL_TTL_SECONDS = 7 * 24 * 60 * 60;

export interface CosmosSpillStoreOptions {
  readonly ttlSeconds?: number;
}

export class CosmosSpillStore<P> implements SpillStore<P> {
  private readonly ttl: number;

  constructor(
    private readonly container: Container,
    private readonly name: string,
    options: CosmosSpillStoreOptions = {},
  ) {
    this.ttl = options.ttlSeconds ?? SPILL_TTL_SECONDS;
  }

  async put(spilled: SpilledPayload<P>): Promise<void> {
    try {
      await this.container.items.upsert({ ...spilled, ttl: this.ttl });
    } catch (error) {
      throw storeFailure(`Writing a spilled ${this.name} payload`, error);
    }
  }

  async get(id: string): Promise<SpilledPayload<P> | undefined> {
    const found = await readById<SpilledPayload<P>>(
      this.container,
      id,
      `Reading a spilled ${this.name} payload`,
    );
    if (found === undefined) return undefined;
    const { sessionId, payload } = found.value;
    return { id, sessionId, payload };
  }

  async remove(id: string): Promise<void> {
    try {
      await this.container.item(id, id).delete();
    } catch (error) {
      if (statusOf(error) !== 404)
        throw storeFailure(`Removing a spilled ${this.name} payload`, error);
    }
  }
}
