interface Waiting {
  key: string | undefined;
  start: () => void;
  reject: (reason: unknown) => void;
}

/**
 * Runs async tasks one at a time, in submission order. A DuckDB connection
 * executes one statement at a time; queueing here keeps that ordering
 * explicit instead of relying on the native layer to block a worker thread.
 * A task given a key can be taken out of the queue before it starts
 * (Cancel of a query that is still waiting), touching no other task.
 */
export class SerialQueue {
  private readonly waiting: Waiting[] = [];
  private busy = false;

  run<T>(task: () => Promise<T>, key?: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = (): void => {
        // As a reaction, so a task that throws synchronously rejects its own promise.
        void Promise.resolve()
          .then(task)
          .then(resolve, reject)
          .finally(() => this.next());
      };
      this.waiting.push({ key, start, reject });
      if (!this.busy) this.next();
    });
  }

  /** True while a task with this key waits for its turn (not once it runs). */
  isWaiting(key: string): boolean {
    return this.waiting.some((entry) => entry.key === key);
  }

  /** Takes the waiting task with this key out of the queue, rejecting it with `reason`; false when none waits. */
  remove(key: string, reason: unknown): boolean {
    const index = this.waiting.findIndex((entry) => entry.key === key);
    if (index === -1) return false;
    const [entry] = this.waiting.splice(index, 1);
    entry!.reject(reason);
    return true;
  }

  private next(): void {
    const entry = this.waiting.shift();
    this.busy = entry !== undefined;
    entry?.start();
  }
}
