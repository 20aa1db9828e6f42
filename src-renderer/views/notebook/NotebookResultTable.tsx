import type { Table } from 'apache-arrow';
import { cellDisplayText, columnKind, isNumericKind } from '@shared/domain/arrowCells';
import { formatCount } from '../../i18n/translate';
import { useT } from '../../store/StoreContext';

/** Rows shown under a cell; the full result stays in the engine (and in `iwb run`'s CSV). */
const SHOWN_ROWS = 100;

/** A compact, read-only table of a cell's first rows. */
export function NotebookResultTable({ table, totalRows }: { table: Table; totalRows: number }) {
  const t = useT();
  const fields = table.schema.fields;
  const columns = fields.map((_field, index) => table.getChildAt(index));
  const numeric = fields.map((field) => isNumericKind(columnKind(field)));
  const shown = Math.min(SHOWN_ROWS, table.numRows);
  return (
    <div className="nb-result">
      <div className="nb-result-scroll">
        <table className="nb-table" data-testid="nb-result-table">
          <thead>
            <tr>
              {fields.map((field, index) => (
                <th key={index} className={numeric[index] ? 'numeric' : undefined}>
                  {field.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: shown }, (_unused, row) => (
              <tr key={row}>
                {fields.map((field, index) => {
                  const value = columns[index]?.get(row);
                  return value === null || value === undefined ? (
                    // As the briefing writes a missing value: a planner reads "—", not SQL's NULL.
                    <td key={index} className="nb-null" title={t('nb.result.null')}>
                      —
                    </td>
                  ) : (
                    <td key={index} className={numeric[index] ? 'numeric' : undefined}>
                      {cellDisplayText(value, field)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {totalRows > shown ? <div className="nb-result-note">{t('nb.result.showing', { shown: formatCount(shown), total: formatCount(totalRows) })}</div> : null}
    </div>
  );
}
