/**
 * Runs async tasks one at a time, in submission order. A DuckDB connection
 * executes one statement at a time; queueing here keeps that ordering
 * explicit instead of relying on the native layer to block a worker thread.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
