import { sqlReferences } from '@shared/domain/notebook/sqlReferences';
import type { BoardTarget } from '@shared/domain/targets/boardTarget';
import { TARGET_STATUS_RELATION, targetStatusTableStatements } from '@shared/domain/targets/targetStatusTable';
import type { ExecSql } from '../workspace/workspaceSql';
import { loadTargetFacts } from './targetFactsLoader';

/**
 * Fills the workspace's `target_status` table with the board's evaluation of
 * every target (the one loader and `completeBoardTarget`), so SQL reads the
 * latest value, completion and status instead of working them out again.
 * Pass the targets when they were just loaded; otherwise they are loaded.
 */
export async function refreshTargetStatus(exec: ExecSql, targets?: readonly BoardTarget[]): Promise<void> {
  for (const sql of targetStatusTableStatements(targets ?? (await loadTargetFacts(exec)).targets)) await exec(sql);
}

/** Whether a statement names `target_status` (it is then refreshed first, so it never reads a stale evaluation). */
export function readsTargetStatus(sql: string): boolean {
  return sqlReferences(sql).identifiers.has(TARGET_STATUS_RELATION);
}
