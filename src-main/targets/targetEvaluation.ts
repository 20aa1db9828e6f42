import { TARGET_STATUS_RELATION, targetStatusTableStatements } from '@shared/domain/targets/targetStatusTable';
import { quoteIdentifier, quoteLiteral } from '@shared/domain/sqlIdentifier';
import type { ExecSql } from '../workspace/workspaceSql';
import { loadTargetFacts, workspaceRelations, type TargetFacts } from './targetFactsLoader';

/** The relations `loadTargetFacts` reads: a change to any of them changes the evaluation. */
const INPUT_RELATIONS = ['targets', 'user_targets', 'observations', 'indicators', 'sources'] as const;

/**
 * The board's evaluation of every target (`loadTargetFacts`) and its copy in
 * `target_status`, made once per change of its inputs: start-up, the board,
 * and SQL that names `target_status` all ask here, and the evaluation is made
 * again only when the inputs' fingerprint (which relations exist, their row
 * counts and row hashes) or the `target_status` table itself changed since the
 * last one. Writes by any path (saved observations, user targets, an import,
 * the user's own SQL) change the fingerprint, so nothing reads a stale one.
 */
export class TargetEvaluation {
  private last: { inputs: string; table: string; facts: TargetFacts } | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly exec: ExecSql) {}

  /** The current evaluation (a copy: callers may change it); `target_status` holds the same. */
  current(): Promise<TargetFacts> {
    const next = this.queue.then(() => this.evaluateIfChanged());
    this.queue = next.catch(() => undefined);
    return next.then((facts) => structuredClone(facts));
  }

  /** Makes `target_status` current before a statement reads it. */
  async refresh(): Promise<void> {
    await this.current();
  }

  private async evaluateIfChanged(): Promise<TargetFacts> {
    const seen = await this.fingerprint();
    const { last } = this;
    if (last !== null && seen !== null && seen.inputs === last.inputs && seen.table === last.table) return last.facts;
    this.last = null;
    const facts = await loadTargetFacts(this.exec);
    for (const sql of targetStatusTableStatements(facts.targets)) await this.exec(sql);
    // The inputs as they were before the evaluation (a write that lands during it makes the next read evaluate
    // again); the table as it is after the write.
    const written = seen === null ? null : await this.fingerprint();
    if (seen !== null && written !== null) this.last = { inputs: seen.inputs, table: written.table, facts };
    return facts;
  }

  /**
   * What the evaluation depends on (the input relations present, their row counts and row hashes) and which
   * `target_status` table there is; null when it cannot be read (the evaluation then runs and reports why).
   */
  private async fingerprint(): Promise<{ inputs: string; table: string } | null> {
    try {
      const present = await workspaceRelations(this.exec);
      const inputs = INPUT_RELATIONS.filter((name) => present.has(name)).map(
        (name) => `SELECT ${quoteLiteral(name)} AS name, count(*) AS n, CAST(sum(hash(r)) AS VARCHAR) AS h FROM ${quoteIdentifier(name)} r`,
      );
      const table = `SELECT ${quoteLiteral(TARGET_STATUS_RELATION)}, count(*), CAST(max(table_oid) AS VARCHAR) FROM duckdb_tables()
        WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ${quoteLiteral(TARGET_STATUS_RELATION)}`;
      const rows = await this.exec(`SELECT * FROM (${[...inputs, table].join('\nUNION ALL\n')}) ORDER BY name`);
      const isTable = (row: Record<string, unknown>) => row.name === TARGET_STATUS_RELATION;
      return { inputs: JSON.stringify(rows.filter((row) => !isTable(row))), table: JSON.stringify(rows.filter(isTable)) };
    } catch {
      return null;
    }
  }
}
