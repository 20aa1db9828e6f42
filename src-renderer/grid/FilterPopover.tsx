import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Field } from 'apache-arrow';
import type { ColumnFilter } from '@shared/contract/workbenchContract';
import type { ColumnKind } from '@shared/domain/arrowCells';
import type { FilterOperator } from '@shared/domain/resultViewSql';
import type { MessageKey } from '../i18n/translate';
import { useT } from '../store/StoreContext';

const TEXT_OPERATORS: FilterOperator[] = ['contains', 'notContains', 'startsWith', 'equals', 'notEquals', 'isNull', 'isNotNull'];
const ORDERED_OPERATORS: FilterOperator[] = ['equals', 'notEquals', 'gt', 'gte', 'lt', 'lte', 'between', 'isNull', 'isNotNull'];
const NO_VALUE = new Set<FilterOperator>(['isNull', 'isNotNull']);

interface FilterPopoverProps {
  /** The header cell it opens under, on screen. */
  anchor: DOMRect | null;
  field: Field;
  kind: ColumnKind;
  current: ColumnFilter | null;
  onApply(filter: ColumnFilter | null): void;
  onSummarize(): void;
  onClose(): void;
}

/** Filter one column (pushed down to DuckDB), or open its summary. */
const POPOVER_WIDTH = 240;

export function FilterPopover({ anchor, field, kind, current, onApply, onSummarize, onClose }: FilterPopoverProps) {
  const t = useT();
  const operators = kind === 'text' || kind === 'boolean' ? TEXT_OPERATORS : ORDERED_OPERATORS;
  const [operator, setOperator] = useState<FilterOperator>(current?.operator ?? operators[0]!);
  const [value, setValue] = useState(current?.value ?? '');
  const [value2, setValue2] = useState(current?.value2 ?? '');
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onDocumentDown = (event: globalThis.MouseEvent) => {
      if (box.current && !box.current.contains(event.target as Node)) onClose();
    };
    document.addEventListener('mousedown', onDocumentDown);
    return () => document.removeEventListener('mousedown', onDocumentDown);
  }, [onClose]);

  const apply = () => {
    if (NO_VALUE.has(operator)) return onApply({ column: field.name, operator });
    if (!value.trim()) return onApply(null);
    onApply({ column: field.name, operator, value: value.trim(), ...(operator === 'between' ? { value2: value2.trim() } : {}) });
  };
  const placeholder = kind === 'date' ? '2024-01-31' : kind === 'timestamp' ? '2024-01-31 08:00:00' : '';

  // Over the page (a portal), under its header cell and inside the window: a header cell clips what it holds.
  const left = anchor ? Math.max(4, Math.min(anchor.left, window.innerWidth - POPOVER_WIDTH - 24)) : 0;
  return createPortal(
    <div
      className="filter-popover"
      style={anchor ? { position: 'fixed', top: anchor.bottom + 2, left } : undefined}
      ref={box}
      onClick={(event) => event.stopPropagation()}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Escape') onClose();
        if (event.key === 'Enter') apply();
      }}
      role="dialog"
      aria-label={t('grid.filter')}
      data-testid="filter-popover"
    >
      <div className="filter-title">{field.name}</div>
      <select value={operator} onChange={(event) => setOperator(event.target.value as FilterOperator)} data-testid="filter-operator">
        {operators.map((candidate) => (
          <option key={candidate} value={candidate}>
            {t(`filter.${candidate}` as MessageKey)}
          </option>
        ))}
      </select>
      {NO_VALUE.has(operator) ? null : (
        <input type="text" value={value} placeholder={placeholder} onChange={(event) => setValue(event.target.value)} autoFocus data-testid="filter-value" />
      )}
      {operator === 'between' ? <input type="text" value={value2} placeholder={placeholder} onChange={(event) => setValue2(event.target.value)} data-testid="filter-value2" /> : null}
      <div className="filter-actions">
        <button type="button" className="primary" onClick={apply} data-testid="filter-apply">
          {t('grid.apply')}
        </button>
        <button type="button" onClick={() => onApply(null)} disabled={!current}>
          {t('grid.clearFilter')}
        </button>
        <button type="button" className="link-button" onClick={onSummarize} data-testid="summarize-button">
          {t('grid.summarize')}
        </button>
      </div>
    </div>,
    document.body,
  );
}
