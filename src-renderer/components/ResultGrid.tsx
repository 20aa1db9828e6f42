import type { Table } from 'apache-arrow';
import { cellDisplayText, columnKind, duckdbTypeOf, isNumericKind } from '@shared/domain/arrowCells';
import { useT } from '../store/StoreContext';

/** The first window of a result as a table: sticky header, numbers right-aligned and grouped, NULL marked. */
export function ResultGrid({ table }: { table: Table }) {
  const t = useT();
  const fields = table.schema.fields;
  const columns = fields.map((_field, index) => table.getChildAt(index));
  const kinds = fields.map((field) => columnKind(field));
  const rows = Array.from({ length: table.numRows }, (_unused, row) => row);
  return (
    <div className="grid-scroll" data-testid="result-grid">
      <table className="result-grid">
        <thead>
          <tr>
            <th className="row-number">#</th>
            {fields.map((field, index) => (
              <th key={index} className={isNumericKind(kinds[index]!) ? 'numeric' : undefined} title={duckdbTypeOf(field)}>
                <div className="column-name">{field.name}</div>
                <div className="column-type">{duckdbTypeOf(field)}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row}>
              <td className="row-number">{row + 1}</td>
              {fields.map((field, index) => {
                const value = columns[index]?.get(row);
                if (value === null || value === undefined) {
                  return (
                    <td key={index} className="null-cell">
                      {t('result.null')}
                    </td>
                  );
                }
                return (
                  <td key={index} className={isNumericKind(kinds[index]!) ? 'numeric' : undefined}>
                    {cellDisplayText(value, field)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
