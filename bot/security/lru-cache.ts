// A map with a fixed capacity that forgets its least recently used entry first. Kept small on
// purpose: string keys, and a Map's insertion order serves as the recency list.

export class LruCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError('An LRU cache needs a capacity of at least one entry');
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value under `key`, which becomes the most recently used; undefined when absent. */
  get(key: string): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as V;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** The value under `key`, without counting as a use. */
  peek(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** Stores `value` as the most recently used entry, evicting the least recently used if full. */
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }
}
