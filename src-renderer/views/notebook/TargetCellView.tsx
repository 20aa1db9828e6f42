import type { Table } from 'apache-arrow';
import { cellDisplayText, cellPlainText } from '@shared/domain/arrowCells';
import { TARGET_METHODS, type TargetCell, type TargetMethod } from '@shared/domain/notebook/NotebookDocument';
import { useT, useWorkbench } from '../../store/StoreContext';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatNumber } from '@shared/domain/units';

function field(table: Table, name: string): { text: string; raw: unknown } {
  const index = table.schema.fields.findIndex((candidate) => candidate.name === name);
  if (index === -1 || table.numRows === 0) return { text: '', raw: null };
  const value = table.getChildAt(index)?.get(0);
  const arrowField = table.schema.fields[index]!;
  return { text: value === null || value === undefined ? '' : cellDisplayText(value, arrowField), raw: value === null || value === undefined ? null : cellPlainText(value, arrowField) };
}

/** Where a target stands, as a card: the target, the latest actual value, the gap (computed in SQL). */
export function TargetCellView({ cell }: { cell: TargetCell }) {
  const t = useT();
  const updateCell = useWorkbench((state) => state.updateCell);
  const run = useWorkbench((state) => state.notebook?.runs[cell.id]);
  const table = run?.status === 'done' ? run.table : null;
  const change = (patch: Partial<TargetCell>) => updateCell(cell.id, (current) => (current.kind === 'target' ? { ...current, ...patch } : current));

  let card = <div className="muted">{t('nb.target.waiting')}</div>;
  if (run?.error) card = <ErrorBanner error={run.error} testId="nb-cell-error" />;
  else if (table && table.numRows === 0) card = <div className="nb-problem-error">{t('nb.target.notFound', { id: cell.targetId })}</div>;
  else if (table) {
    const met = field(table, 'met').raw;
    const actual = field(table, 'actual_value');
    const targetUnit = field(table, 'target_unit').text;
    const actualUnit = field(table, 'actual_unit').text;
    const source = field(table, 'target_source').text;
    const final = field(table, 'target_year_reached').raw === 'true';
    const actualYear = field(table, 'actual_year').text;
    const projecting = cell.method !== 'latest';
    const projectedValue = field(table, 'projected_value');
    const projectedStatus = field(table, 'projected_status').raw;
    const requiredGrowth = field(table, 'required_growth').raw;
    const projectionNote = field(table, 'projection_note').text;
    const verdict =
      met === null || actual.raw === null
        ? t('nb.target.unknown')
        : final
          ? t(met === 'true' ? 'nb.target.met' : 'nb.target.notMet')
          : t(met === 'true' ? 'nb.target.pendingMet' : 'nb.target.pendingNotMet', { year: actualYear });
    card = (
      <div className={`nb-target-card ${met === 'true' ? 'met' : met === 'false' ? 'not-met' : 'unknown'}`} data-testid="nb-target-card">
        <div className="nb-target-figure">
          <div className="nb-target-caption">{t('nb.target.target', { year: field(table, 'target_year').text })}</div>
          <div className="nb-target-value">
            {field(table, 'comparator').text} {field(table, 'target_value').text} <span className="nb-unit">{targetUnit}</span>
          </div>
        </div>
        <div className="nb-target-figure">
          <div className="nb-target-caption">{actual.raw === null ? t('nb.target.noActual') : t('nb.target.actual', { year: field(table, 'actual_year').text })}</div>
          <div className="nb-target-value">
            {actual.text || '—'} <span className="nb-unit">{actualUnit}</span>
          </div>
        </div>
        <div className="nb-target-figure">
          <div className="nb-target-caption">{t('nb.target.gap')}</div>
          <div className="nb-target-value">
            {field(table, 'gap').text || '—'} <span className="nb-unit">{targetUnit}</span>
          </div>
        </div>
        {projecting ? (
          <div className="nb-target-figure" data-testid="nb-target-projection">
            <div className="nb-target-caption">
              {projectedValue.raw === null ? t('nb.target.noProjection') : t('nb.target.projected', { year: field(table, 'projected_year').text })}
            </div>
            <div className="nb-target-value">
              {/* A projection is an estimate: one decimal place (two for percentages) is all it can claim. */}
              {projectedValue.raw === null ? '—' : formatNumber(Number(projectedValue.raw), { maximumFractionDigits: targetUnit === '%' ? 2 : 1 })}{' '}
              <span className="nb-unit">{targetUnit}</span>
            </div>
          </div>
        ) : null}
        <div className="nb-target-verdict" data-testid="nb-target-verdict">
          {verdict}
          {projecting && projectedStatus !== null ? <div>{t(`nb.target.status.${projectedStatus as 'on-track' | 'at-risk' | 'off-track'}`)}</div> : null}
          {projecting && requiredGrowth !== null && !final ? (
            <div className="muted small">{t('nb.target.requiredGrowth', { rate: `${(Number(requiredGrowth) * 100).toFixed(1)}%` })}</div>
          ) : null}
          {projecting && projectionNote ? <div className="muted small">{projectionNote}</div> : null}
        </div>
        {source ? <div className="nb-target-source muted small">{t('nb.target.source', { source })}</div> : null}
      </div>
    );
  }

  return (
    <div className="nb-target">
      <div className="nb-target-controls">
        <label>
          {t('nb.target.id')}
          <input type="text" value={cell.targetId} onChange={(event) => event.target.value.trim() && change({ targetId: event.target.value.trim() })} data-testid="nb-target-id" />
        </label>
        <label>
          {t('nb.target.method')}
          <select value={cell.method} onChange={(event) => change({ method: event.target.value as TargetMethod })}>
            {TARGET_METHODS.map((method) => (
              <option key={method} value={method}>
                {t(`nb.target.${method}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {card}
    </div>
  );
}
