import { useState, type FormEvent } from 'react';
import { TARGET_MAX_YEAR, TARGET_MIN_YEAR, type BoardTarget, type UserTargetInput } from '@shared/contract/services/targetsContract';
import { toErrorEnvelope } from '@shared/contract/WorkbenchError';
import { readYear, SCOPES } from '@shared/domain/datasets/datasetRecords';
import { scopeLabel } from '@shared/domain/datasets/placeLabel';
import { readTypedNumber } from '@shared/domain/import/numberText';
import { nameIn } from '../../i18n/translate';
import { useLanguage, useT, useWorkbench } from '../../store/StoreContext';
import { errorBannerMessage } from '../../components/errorBannerText';
import { ModalDialog } from '../../components/ModalDialog';

const NO_INDICATORS: readonly { code: string; nameZh: string; nameEn: string; unit: string }[] = [];

/** Adds or edits a user target: any indicator, year, comparator and value, with its source. */
export function TargetForm({ initial, onClose }: { initial: BoardTarget | null; onClose: () => void }) {
  const t = useT();
  const language = useLanguage();
  const addTarget = useWorkbench((state) => state.addTarget);
  const updateTarget = useWorkbench((state) => state.updateTarget);
  const indicators = useWorkbench((state) => state.board?.indicators ?? NO_INDICATORS);
  const locale = useWorkbench((state) => state.locale);
  const [indicatorCode, setIndicatorCode] = useState(initial?.indicatorCode ?? '');
  const [year, setYear] = useState(String(initial?.year ?? new Date().getFullYear()));
  const [comparator, setComparator] = useState<'>' | '>=' | '='>(initial?.comparator ?? '>=');
  const [value, setValue] = useState(initial ? String(initial.value) : '');
  const [unit, setUnit] = useState(initial?.unit ?? '');
  const [region, setRegion] = useState(initial?.region ?? '慈溪市');
  const [scope, setScope] = useState(initial?.scope ?? '全市');
  const [note, setNote] = useState(initial?.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    // Said here in the UI's language, before the main side's contract refuses the call.
    const yearNumber = readYear(year, TARGET_MIN_YEAR, TARGET_MAX_YEAR);
    if (indicatorCode.trim() === '') return setError(t('target.form.needIndicator'));
    if (yearNumber === null) return setError(t('target.form.badYear', { min: TARGET_MIN_YEAR, max: TARGET_MAX_YEAR }));
    const valueNumber = readTypedNumber(value, unit.trim() || (indicators.find((indicator) => indicator.code === indicatorCode.trim())?.unit ?? ''));
    if (valueNumber === null) return setError(value.trim() === '' ? t('target.form.badValue') : t('target.form.notNumber', { text: value.trim() }));
    if (note.trim() === '') return setError(t('target.form.needNote'));
    const target: UserTargetInput = {
      indicatorCode: indicatorCode.trim(),
      year: yearNumber,
      comparator,
      value: valueNumber,
      region,
      scope,
      note,
      ...(unit.trim() ? { unit: unit.trim() } : {}),
    };
    setBusy(true);
    try {
      if (initial) await updateTarget(initial.targetId, target);
      else await addTarget(target);
      onClose();
    } catch (caught) {
      setError(errorBannerMessage(toErrorEnvelope(caught), locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalDialog
      backdropClassName="tb-dialog-backdrop"
      className="tb-dialog"
      labelledBy="tb-form-title"
      onClose={busy ? undefined : onClose}
      onSubmit={(event) => void submit(event)}
      testId="target-form"
    >
      <h2 id="tb-form-title">{initial ? t('target.form.editTitle') : t('target.form.addTitle')}</h2>
      <label>
        {t('target.form.indicator')}
        {indicators.length > 0 ? (
          <select value={indicatorCode} onChange={(event) => setIndicatorCode(event.target.value)} aria-required data-testid="target-form-indicator">
            <option value="">{t('target.form.chooseIndicator')}</option>
            {indicators.map((indicator) => (
              <option key={indicator.code} value={indicator.code}>
                {`${nameIn(locale, indicator)}（${indicator.unit}）· ${indicator.code}`}
              </option>
            ))}
          </select>
        ) : (
          <input value={indicatorCode} onChange={(event) => setIndicatorCode(event.target.value)} aria-required data-testid="target-form-indicator" />
        )}
      </label>
      <div className="tb-form-row">
        <label>
          {t('target.form.year')}
          <input type="number" value={year} onChange={(event) => setYear(event.target.value)} step={1} data-testid="target-form-year" />
        </label>
        <label>
          {t('target.form.comparator')}
          <select value={comparator} onChange={(event) => setComparator(event.target.value as '>' | '>=' | '=')}>
            <option value=">">{`> ${t('target.cmp.>')}`}</option>
            <option value=">=">{`≥ ${t('target.cmp.>=')}`}</option>
            <option value="=">{`= ${t('target.cmp.=')}`}</option>
          </select>
        </label>
        <label>
          {t('target.form.value')}
          <input value={value} onChange={(event) => setValue(event.target.value)} inputMode="decimal" data-testid="target-form-value" />
        </label>
      </div>
      <label>
        {t('target.form.unit')}
        <input value={unit} onChange={(event) => setUnit(event.target.value)} />
      </label>
      <div className="tb-form-row">
        <label>
          {t('target.form.region')}
          <input value={region} onChange={(event) => setRegion(event.target.value)} />
        </label>
        <label>
          {t('target.form.scope')}
          <select value={scope} onChange={(event) => setScope(event.target.value)}>
            {[...new Set([...SCOPES, scope])].map((choice) => (
              <option key={choice} value={choice}>
                {scopeLabel(choice, language)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        {t('target.form.note')}
        <textarea value={note} onChange={(event) => setNote(event.target.value)} rows={2} data-testid="target-form-note" />
      </label>
      {error ? (
        <div className="tb-form-error" role="alert" data-testid="target-form-error">
          {error}
        </div>
      ) : null}
      <div className="tb-dialog-actions">
        <button type="button" onClick={onClose}>
          {t('target.form.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy} data-testid="target-form-save">
          {t('target.form.save')}
        </button>
      </div>
    </ModalDialog>
  );
}
