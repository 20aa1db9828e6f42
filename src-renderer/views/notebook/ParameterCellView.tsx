import { useEffect, useRef, useState } from 'react';
import { isIsoDate } from '@shared/domain/notebook/cellCodec';
import { PARAMETER_CONTROLS, type ParameterCell, type ParameterControl, type ParameterValue } from '@shared/domain/notebook/NotebookDocument';
import { useT, useWorkbench } from '../../store/StoreContext';

/** How long a slider or number box waits after the last change before the notebook re-runs. */
const COMMIT_DELAY_MS = 250;

function numberOrNull(text: string): number | null {
  const value = Number(text);
  return text.trim() === '' || !Number.isFinite(value) ? null : value;
}

/** A parameter: its widget, and (folded) its settings. Changing the value re-runs the cells that read it. */
export function ParameterCellView({ cell }: { cell: ParameterCell }) {
  const t = useT();
  const setParameterValue = useWorkbench((state) => state.setParameterValue);
  const updateCell = useWorkbench((state) => state.updateCell);
  const [draft, setDraft] = useState<ParameterValue>(cell.value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);

  // A new value from outside (undo, reload) replaces the draft; adjusting state while rendering avoids a second pass.
  const [shownValue, setShownValue] = useState<ParameterValue>(cell.value);
  if (shownValue !== cell.value) {
    setShownValue(cell.value);
    setDraft(cell.value);
  }
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const commitSoon = (value: ParameterValue) => {
    setDraft(value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setParameterValue(cell.id, value), COMMIT_DELAY_MS);
  };
  const commitNow = (value: ParameterValue) => {
    if (timer.current) clearTimeout(timer.current);
    setDraft(value);
    setParameterValue(cell.id, value);
  };
  const change = (patch: Partial<ParameterCell>) => updateCell(cell.id, (current) => (current.kind === 'parameter' ? { ...current, ...patch } : current));

  let widget;
  switch (cell.control) {
    case 'slider':
      widget = (
        <span className="nb-param-slider">
          <input
            type="range"
            min={cell.min ?? 0}
            max={cell.max ?? 100}
            step={cell.step ?? 1}
            value={Number(draft)}
            onChange={(event) => commitSoon(Number(event.target.value))}
            aria-label={cell.label ?? cell.name}
            data-testid="nb-param-input"
          />
          <output className="nb-param-value">{String(draft)}</output>
        </span>
      );
      break;
    case 'number':
      widget = (
        <input
          type="number"
          value={String(draft)}
          step={cell.step ?? 'any'}
          min={cell.min ?? undefined}
          max={cell.max ?? undefined}
          onChange={(event) => {
            const value = numberOrNull(event.target.value);
            if (value === null) setDraft(event.target.value);
            else commitSoon(value);
          }}
          aria-label={cell.label ?? cell.name}
          data-testid="nb-param-input"
        />
      );
      break;
    case 'date':
      widget = (
        <input
          type="date"
          value={String(draft)}
          onChange={(event) => {
            if (isIsoDate(event.target.value)) commitNow(event.target.value);
          }}
          aria-label={cell.label ?? cell.name}
          data-testid="nb-param-input"
        />
      );
      break;
    case 'select':
      widget = (
        <select
          value={String(draft)}
          onChange={(event) => {
            const option = (cell.options ?? []).find((candidate) => String(candidate) === event.target.value);
            if (option !== undefined) commitNow(option);
          }}
          aria-label={cell.label ?? cell.name}
          data-testid="nb-param-input"
        >
          {(cell.options ?? []).map((option) => (
            <option key={String(option)} value={String(option)}>
              {String(option)}
            </option>
          ))}
        </select>
      );
      break;
  }

  return (
    <div className="nb-param">
      <label className="nb-param-row">
        <span className="nb-param-label">{cell.label ?? cell.name}</span>
        {widget}
      </label>
      <div className="nb-param-hint muted small">{t('nb.param.usage', { name: cell.name })}</div>
      <details className="nb-param-settings" open={settingsOpen} onToggle={(event) => setSettingsOpen((event.target as HTMLDetailsElement).open)}>
        <summary>{t('nb.param.settings')}</summary>
        {settingsOpen ? (
          <div className="nb-settings-grid">
            <label>
              {t('nb.param.control')}
              <select value={cell.control} onChange={(event) => change(withControl(cell, event.target.value as ParameterControl))}>
                {PARAMETER_CONTROLS.map((control) => (
                  <option key={control} value={control}>
                    {t(`nb.param.${control}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('nb.param.label')}
              <input type="text" value={cell.label ?? ''} onChange={(event) => change({ label: event.target.value === '' ? null : event.target.value })} />
            </label>
            <label>
              {t('nb.param.min')}
              <input type="number" value={cell.min ?? ''} onChange={(event) => change({ min: numberOrNull(event.target.value) })} />
            </label>
            <label>
              {t('nb.param.max')}
              <input type="number" value={cell.max ?? ''} onChange={(event) => change({ max: numberOrNull(event.target.value) })} />
            </label>
            <label>
              {t('nb.param.step')}
              <input type="number" value={cell.step ?? ''} onChange={(event) => change({ step: numberOrNull(event.target.value) })} />
            </label>
            <label className="nb-settings-wide">
              {t('nb.param.options')}
              <input
                type="text"
                value={(cell.options ?? []).join(', ')}
                onChange={(event) => {
                  const parts = event.target.value.split(/[,，]/).map((part) => part.trim()).filter(Boolean);
                  change({ options: parts.length === 0 ? null : parts.map((part) => numberOrNull(part) ?? part) });
                }}
              />
            </label>
          </div>
        ) : null}
      </details>
    </div>
  );
}

/** Switching the control keeps the value when it still fits, else picks one that does. */
function withControl(cell: ParameterCell, control: ParameterControl): Partial<ParameterCell> {
  let value = cell.value;
  if ((control === 'slider' || control === 'number') && typeof value !== 'number') value = numberOrNull(String(value)) ?? cell.min ?? 0;
  if (control === 'date' && (typeof value !== 'string' || !isIsoDate(value))) value = new Date().toISOString().slice(0, 10);
  const options = control === 'select' ? (cell.options ?? [value]) : cell.options;
  const range = control === 'slider' ? { min: cell.min ?? 0, max: cell.max ?? Math.max(100, Number(value)) } : {};
  return { control, value, options, ...range };
}
