import type { DuckDBConnection } from '@duckdb/node-api';
import type { QueryId } from '@shared/contract/workbenchContract';
import { localizedError } from '@shared/contract/errorTexts';

/** Something running that Cancel can stop: the session query, an export, a summary. */
export interface Cancellable {
  queryId: QueryId;
  cancelled: boolean;
  connection: DuckDBConnection;
  /** Repeats the interrupt until the query ends: one sent between two statements, or before DuckDB starts one, is lost. */
  reinterrupt?: ReturnType<typeof setInterval>;
}

const REINTERRUPT_MS = 100;

/** The engine's running queries by id, so Cancel can interrupt the connection each one runs on. */
export class Cancellables {
  private readonly running = new Map<QueryId, Cancellable>();

  register(queryId: QueryId, connection: DuckDBConnection): Cancellable {
    if (this.running.has(queryId)) throw localizedError('query-duplicate-id', { queryId }, undefined, 'duplicate-query-id');
    const cancellable: Cancellable = { queryId, cancelled: false, connection };
    this.running.set(queryId, cancellable);
    return cancellable;
  }

  unregister(cancellable: Cancellable): void {
    clearInterval(cancellable.reinterrupt);
    this.running.delete(cancellable.queryId);
  }

  /** Interrupts the named query, export or summary, if it is running. */
  interrupt(queryId: QueryId): boolean {
    const cancellable = this.running.get(queryId);
    if (!cancellable) return false;
    cancellable.cancelled = true;
    cancellable.connection.interrupt();
    cancellable.reinterrupt ??= setInterval(() => cancellable.connection.interrupt(), REINTERRUPT_MS);
    return true;
  }

  /** Interrupts every connection with something running, without waiting. */
  interruptAll(): void {
    for (const cancellable of this.running.values()) cancellable.connection.interrupt();
  }
}
