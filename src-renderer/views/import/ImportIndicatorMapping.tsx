import { canConvert } from '@shared/domain/units';
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
  const unmapped = unmappedIndicatorCount(labels, codes);
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
            else if (indicator && label.unit !== indicator.unit) {
              status =
                label.unit !== null && indicator.unit !== null && canConvert(label.unit, indicator.unit)
                  ? { text: t('import.mapping.converted', { from: label.unit, to: indicator.unit }), bad: false }
                  : label.unit === null && indicator.unit !== null
                    ? { text: t('import.mapping.noUnit', { to: indicator.unit }), bad: true }
                    : { text: t('import.mapping.unitMismatch', { from: label.unit ?? '—', to: indicator.unit ?? '—' }), bad: true };
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
      {unmapped > 0 ? (
        <p className="import-mapping-bad small" data-testid="import-mapping-unmapped">
          {t('import.mapping.unmappedCount', { count: unmapped })}
        </p>
      ) : null}
    </div>
  );
}

/** Names still to map before the rows can be appended. */
export function unmappedIndicatorCount(labels: readonly { name: string }[], codes: Readonly<Record<string, string>>): number {
  return labels.filter((label) => codes[label.name] === undefined).length;
}
