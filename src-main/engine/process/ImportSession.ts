import type { DuckDBConnection, Json } from '@duckdb/node-api';
import type { QueryId } from '@shared/contract/workbenchContract';
import type { ExecResult, ProgressReport } from '../engineProtocol';
import { engineErrorFromDuckDB } from './engineErrors';
import { SerialQueue } from '../SerialQueue';
import { localizedError } from '@shared/contract/errorTexts';
import { cancelledError } from '@shared/contract/errorTexts';

const PROGRESS_INTERVAL_MS = 250;

/**
 * File imports on their own connection, so a long import neither blocks
 * the user's SQL session nor the result windows. An import is one
 * transaction opened by `begin` and closed by `finish` (commit or
 * rollback): the main side hashes the file while DuckDB loads it and
 * writes the provenance row before the commit, so the workspace either
 * gains the table with its provenance or nothing at all.
 */
export class ImportSession {
  private readonly queue = new SerialQueue();
  private open: { queryId: QueryId; cancelled: boolean } | null = null;

  constructor(private readonly connection: DuckDBConnection) {}

  /** Runs `preamble` outside the transaction (ATTACH), then BEGIN and `statements`, leaving the transaction open. */
  begin(
    params: { queryId: QueryId; preamble: string[]; statements: string[]; part?: boolean },
    onProgress: (report: ProgressReport) => void,
  ): Promise<{ results: ExecResult[] }> {
    return this.queue.run(async () => {
      if (this.open) await this.rollbackQuietly();
      const state = { queryId: params.queryId, cancelled: false };
      // Interruptible from here on, also during the preamble.
      this.open = state;
      return this.reporting(state, onProgress, params.part ? 'import-part' : 'import', async () => {
        for (const statement of params.preamble) await this.runOne(statement, state);
        await this.connection.run('BEGIN TRANSACTION');
        return this.runAll(params.statements, state);
      });
    });
  }

  /** Runs more statements in the open transaction; an error (or a cancel) rolls it back. */
  continue(params: { queryId: QueryId; statements: string[] }, onProgress: (report: ProgressReport) => void): Promise<{ results: ExecResult[] }> {
    return this.queue.run(async () => {
      const state = this.open;
      if (!state || state.queryId !== params.queryId) {
        throw lost();
      }
      return this.reporting(state, onProgress, 'import-part', () => this.runAll(params.statements, state));
    });
  }

  private async reporting(
    state: { queryId: QueryId; cancelled: boolean },
    onProgress: (report: ProgressReport) => void,
    phase: ProgressReport['phase'],
    work: () => Promise<{ results: ExecResult[] }>,
  ): Promise<{ results: ExecResult[] }> {
    const started = performance.now();
    const timer = setInterval(() => {
      const percentage = this.connection.progress.percentage;
      onProgress({ queryId: state.queryId, phase, percent: percentage >= 0 ? percentage : null, elapsedMs: performance.now() - started });
    }, PROGRESS_INTERVAL_MS);
    try {
      return await work();
    } catch (error) {
      await this.rollbackQuietly();
      throw error;
    } finally {
      clearInterval(timer);
    }
  }

  private async runAll(statements: string[], state: { cancelled: boolean }): Promise<{ results: ExecResult[] }> {
    const results: ExecResult[] = [];
    for (const statement of statements) results.push(await this.runOne(statement, state));
    return { results };
  }

  /** Runs the last statements and commits, or rolls back; `postamble` runs afterwards either way (DETACH). */
  finish(params: { queryId: QueryId; statements: string[]; commit: boolean; postamble: string[] }): Promise<{ results: ExecResult[] }> {
    return this.queue.run(async () => {
      const state = this.open;
      try {
        if (!state || state.queryId !== params.queryId) {
          if (!params.commit) return { results: [] };
          throw lost();
        }
        if (!params.commit) {
          await this.rollbackQuietly();
          return { results: [] };
        }
        const results: ExecResult[] = [];
        try {
          for (const statement of params.statements) results.push(await this.runOne(statement, state));
          await this.connection.run('COMMIT');
          this.open = null;
        } catch (error) {
          await this.rollbackQuietly();
          throw error;
        }
        return { results };
      } finally {
        for (const statement of params.postamble) {
          try {
            await this.connection.run(statement);
          } catch {
            // Cleanup (DETACH) must not hide the import's own outcome.
          }
        }
      }
    });
  }

  /** Interrupts the running import statement when it is the one named. */
  interrupt(queryId: QueryId): boolean {
    if (!this.open || this.open.queryId !== queryId) return false;
    this.open.cancelled = true;
    this.connection.interrupt();
    return true;
  }

  private async runOne(sql: string, state: { cancelled: boolean }): Promise<ExecResult> {
    if (state.cancelled) throw cancelledError();
    try {
      const result = await this.connection.run(sql);
      const names = result.columnNames();
      const types = result.columnTypes();
      const rows = result.columnCount > 0 ? ((await result.getRowObjectsJson()) as Record<string, Json>[]) : [];
      return { columns: names.map((name, index) => ({ name, type: types[index]!.toString() })), rows };
    } catch (error) {
      if (state.cancelled) throw cancelledError();
      throw engineErrorFromDuckDB(error);
    }
  }

  private async rollbackQuietly(): Promise<void> {
    this.open = null;
    try {
      await this.connection.run('ROLLBACK');
    } catch {
      // No transaction open: nothing to undo.
    }
  }
}

function lost(): Error {
  return localizedError('import-lost');
}
