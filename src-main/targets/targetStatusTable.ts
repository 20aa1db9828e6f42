import { sqlReferences } from '@shared/domain/notebook/sqlReferences';
import { TARGET_STATUS_RELATION } from '@shared/domain/targets/targetStatusTable';

/**
 * Whether a statement names `target_status` (it is then refreshed first, through
 * `TargetEvaluation`, so it never reads a stale evaluation).
 */
export function readsTargetStatus(sql: string): boolean {
  return sqlReferences(sql).identifiers.has(TARGET_STATUS_RELATION);
}
