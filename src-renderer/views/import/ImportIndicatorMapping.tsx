import { unitChange } from '@shared/domain/units';
import type { ImportIndicator } from '../../store/importSlice';
import { useT, useWorkbench } from '../../store/StoreContext';

/**
 * 指标对应 / Indicator mapping: before unpivoted rows are appended to the
 * observations, each name in the file is mapped to an indicator (matched
 * ones are pre-selected) or left out. Units are checked here as the import
 * will: 万元 converts to 亿元, 家 never becomes 亿元.
 */
export function ImportIndicatorMapping({ disabled }: { disabled: boolean }) {
  const t = useT();
  const labels = useWorkbench((state) => state.importPreview?.indicatorLabels ?? []);
  const indicators = useWorkbench((state) => state.importIndicators);
  const codes = useWorkbench((state) => state.importIndicatorCodes);
  const setCode = useWorkbench((state) => state.setImportIndicatorCode);
  if (labels.length === 0) return null;
  const problems = mappingProblems(labels, codes, indicators);
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
            const indicator = code ? indicators.find((candidate) => candidate.code === code) : undefined;
            let status: { text: string; bad: boolean } | null = null;
            if (code === undefined) status = { text: t('import.mapping.unmapped'), bad: true };
            else if (code === '') status = { text: t('import.mapping.skipped'), bad: false };
            else if (indicator) {
              const change = unitChange(label.unit, indicator.unit);
              if (change === 'convert') status = { text: t('import.mapping.converted', { from: label.unit ?? '', to: indicator.unit ?? '' }), bad: false };
              else if (change === 'no-unit' && indicator.unit !== null) status = { text: t('import.mapping.noUnit', { to: indicator.unit }), bad: true };
              else if (change !== 'same') status = { text: t('import.mapping.unitMismatch', { from: label.unit ?? '—', to: indicator.unit ?? '—' }), bad: true };
            }
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

/**
 * What stops the rows from being appended: names with no indicator chosen yet,
 * and names whose unit the chosen indicator cannot take (`unitChange`, the
 * import's own rule). The Import button waits until both are none.
 */
export function mappingProblems(
  labels: readonly { name: string; unit: string | null }[],
  codes: Readonly<Record<string, string>>,
  indicators: readonly Pick<ImportIndicator, 'code' | 'unit'>[],
): { unmapped: number; wrongUnit: number } {
  let unmapped = 0;
  let wrongUnit = 0;
  for (const label of labels) {
    const code = codes[label.name];
    if (code === undefined) unmapped += 1;
    else if (code !== '') {
      const indicator = indicators.find((candidate) => candidate.code === code);
      const change = indicator ? unitChange(label.unit, indicator.unit) : 'same';
      if (change === 'no-unit' || change === 'mismatch') wrongUnit += 1;
    }
  }
  return { unmapped, wrongUnit };
}
