import type { TargetProjectionMethod } from '@shared/domain/notebook/NotebookDocument';
import { targetProjection, type TargetProjectionFacts } from '@shared/domain/notebook/targetProjection';
import type { TargetCardFacts } from '@shared/domain/notebook/targetSummarySql';
import type { BoardTarget } from '@shared/domain/targets/boardTarget';
import { factNotesText } from '@shared/domain/targets/targetFactText';
import type { ExecResult } from '../engine/engineProtocol';
import { loadTargetFacts } from '../targets/targetFactsLoader';

type Exec = (sql: string, params?: Record<string, string | number | boolean | null>) => Promise<ExecResult>;

/** The card's facts from the one target loader. */
export function targetCardFacts(target: BoardTarget): TargetCardFacts {
  const { latest } = target;
  return {
    actual: latest ? { year: latest.year, period: latest.period, value: latest.value, unit: target.unit, status: latest.status, sourceId: latest.sourceId } : null,
    gap: target.gap?.absolute ?? null,
    met: target.latestMeets,
    targetYearReached: latest !== null && (latest.year > target.year || (latest.year === target.year && latest.period === 'annual')),
    comparator: target.comparator,
    caveat: factNotesText(target, 'zh'),
  };
}

/**
 * Reads a target through the one loader and, for a projecting method,
 * projects its annual values; null when the target does not exist (the card
 * says so).
 */
export async function loadTargetCard(
  exec: Exec,
  targetId: string,
  method: TargetProjectionMethod | 'latest',
): Promise<{ facts: TargetCardFacts; projection: TargetProjectionFacts | null } | null> {
  const { targets } = await loadTargetFacts(async (sql, params) => (await exec(sql, params)).rows as Record<string, unknown>[], { targetId });
  const target = targets[0];
  if (target === undefined) return null;
  const projection =
    method === 'latest'
      ? null
      : targetProjection(target.history, { year: target.year, comparator: target.comparator, value: target.value }, method, target.unit, target.upperBound);
  return { facts: targetCardFacts(target), projection };
}
