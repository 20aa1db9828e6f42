import { unitChange, type UnitChange } from '@shared/domain/units';
import type { LongLabel } from '@shared/domain/import/indicatorMatch';
import type { ImportIndicator } from '../../store/importSlice';
import { useT, useWorkbench } from '../../store/StoreContext';

/**
 * 指标对应 / Indicator mapping: before unpivoted rows are appended to the
 * observations, each name in the file is mapped to an indicator (matched
 * ones are pre-selected) or left out. Units are checked here as the import
 * will: 万元 converts to 亿元, 家 never becomes 亿元.
 */
export function ImportIndicatorMapping({ disabled, problems }: { disabled: boolean; problems: MappingProblems }) {
  const t = useT();
  const labels = useWorkbench((state) => state.importPreview?.indicatorLabels ?? []);
  const indicators = useWorkbench((state) => state.importIndicators);
  const codes = useWorkbench((state) => state.importIndicatorCodes);
  const setCode = useWorkbench((state) => state.setImportIndicatorCode);
  if (labels.length === 0) return null;
  // What the row's last cell says of its state; `bad` ones are in red and keep Import waiting.
  const statusText = (state: MappingState, label: LongLabel): { text: string; bad: boolean } | null => {
    const to = state.indicator?.unit ?? null;
    const from = label.unit;
    if (state.kind === 'unmapped') return { text: t('import.mapping.unmapped'), bad: true };
    if (state.kind === 'skipped') return { text: t('import.mapping.skipped'), bad: false };
    if (state.kind === 'some-no-unit') {
      const years = label.unitMissingYears.slice(0, 3).join(t('app.listSeparator')) + (label.unitMissingYears.length > 3 ? '…' : '');
      return { text: t('import.mapping.someNoUnit', { years, from: from ?? '', to: to ?? '' }), bad: true };
    }
    if (state.kind === 'convert') return { text: t('import.mapping.converted', { from: from ?? '', to: to ?? '' }), bad: false };
    if (state.kind === 'no-unit' && to !== null) return { text: t('import.mapping.noUnit', { to }), bad: true };
    if (state.kind === 'no-unit' || state.kind === 'mismatch') return { text: t('import.mapping.unitMismatch', { from: from ?? '—', to: to ?? '—' }), bad: true };
    return null;
  };
  return (
    <div className="import-mapping" data-testid="import-mapping">
      <h4>{t('import.mapping.title')}</h4>
      <p className="muted small">{t('import.mapping.hint')}</p>
      <table className="import-mapping-table">
        <thead>
          <tr>
            <th>{t('import.mapping.name')}</th>
            <th>{t('import.mapping.unit')}</th>
            <th>{t('import.mapping.indicator')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {labels.map((label, index) => {
            const code = codes[label.name];
            const state = mappingState(label, code, indicators);
            const status = statusText(state, label);
            return (
              <tr key={label.name}>
                <td>{label.name}</td>
                <td>{label.unit ?? '—'}</td>
                <td>
                  <select
                    value={code ?? '\u0000'}
                    disabled={disabled}
                    onChange={(event) => setCode(label.name, event.target.value === '\u0000' ? null : event.target.value)}
                    aria-label={t('import.mapping.indicatorFor', { name: label.name })}
                    data-testid={`import-mapping-${index}`}
                  >
                    <option value={'\u0000'}>{t('import.mapping.choose')}</option>
                    <option value="">{t('import.mapping.leaveOut')}</option>
                    {indicators.map((choice) => (
                      <option key={choice.code} value={choice.code}>
                        {choice.nameZh}
                        {choice.unit ? `（${choice.unit}）` : ''}
                      </option>
                    ))}
                  </select>
                </td>
                <td className={status?.bad ? 'import-mapping-bad small' : 'muted small'}>{status?.text ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {problems.unmapped > 0 ? (
        <p className="import-mapping-bad small" data-testid="import-mapping-unmapped">
          {t('import.mapping.unmappedCount', { count: problems.unmapped })}
        </p>
      ) : null}
      {problems.wrongUnit > 0 ? (
        <p className="import-mapping-bad small" data-testid="import-mapping-wrong-unit">
          {t('import.mapping.wrongUnitCount', { count: problems.wrongUnit })}
        </p>
      ) : null}
    </div>
  );
}

type MappingState = { kind: 'unmapped' | 'skipped' | 'some-no-unit' | UnitChange; indicator: Pick<ImportIndicator, 'code' | 'unit'> | null };

/**
 * Where one name of the file stands: no indicator chosen, left out, some
 * values without the unit the others state, or its unit against the chosen
 * indicator's (`unitChange`, the import's own rule).
 */
function mappingState(label: LongLabel, code: string | undefined, indicators: readonly Pick<ImportIndicator, 'code' | 'unit'>[]): MappingState {
  if (code === undefined) return { kind: 'unmapped', indicator: null };
  if (code === '') return { kind: 'skipped', indicator: null };
  const indicator = indicators.find((candidate) => candidate.code === code) ?? null;
  if (indicator && label.unitMissingYears.length > 0) return { kind: 'some-no-unit', indicator };
  return { kind: indicator ? unitChange(label.unit, indicator.unit) : 'same', indicator };
}

export interface MappingProblems {
  unmapped: number;
  wrongUnit: number;
}

/**
 * What stops the rows from being appended: names with no indicator chosen yet,
 * and names whose unit the chosen indicator cannot take. The Import button
 * waits until both are none.
 */
export function mappingProblems(
  labels: readonly LongLabel[],
  codes: Readonly<Record<string, string>>,
  indicators: readonly Pick<ImportIndicator, 'code' | 'unit'>[],
): MappingProblems {
  const kinds = labels.map((label) => mappingState(label, codes[label.name], indicators).kind);
  return { unmapped: kinds.filter((kind) => kind === 'unmapped').length, wrongUnit: kinds.filter((kind) => kind === 'no-unit' || kind === 'mismatch' || kind === 'some-no-unit').length };
}
