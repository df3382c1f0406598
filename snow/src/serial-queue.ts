// One-at-a-time execution per key. ServiceNow processes one request per conversation at a time
// and a second one sent before the first is done may be dropped or overtake it, so the requests
// of one chat leave in the order they were made, each after the previous one was answered.

export class SerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` once every task queued earlier under `key` has settled, whatever its outcome. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // Forget idle keys, so a long-running process does not keep one entry per chat ever seen.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** How many keys have work queued or running. */
  get activeKeys(): number {
    return this.tails.size;
  }
}
