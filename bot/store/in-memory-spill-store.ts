// Spilled queue payloads in memory, for tests of the components that use them.
import type { SpilledPayload, SpillStore } from './types.js';

export class InMemorySpillStore<P> implements SpillStore<P> {
  private readonly documents = new Map<string, SpilledPayload<P>>();

  put(spilled: SpilledPayload<P>): Promise<void> {
    this.documents.set(spilled.id, structuredClone(spilled));
    return Promise.resolve();
  }

  get(id: string): Promise<SpilledPayload<P> | undefined> {
    const found = this.documents.get(id);
    return Promise.resolve(found && structuredClone(found));
  }

  remove(id: string): Promise<void> {
    this.documents.delete(id);
    return Promise.resolve();
  }

  /** How many payloads are kept (tests check that delivered ones go away). */
  get size(): number {
    return this.documents.size;
  }
}
