import { convertCell, type ImportColumnType } from '@shared/domain/import/columnTypes';
import { useLanguage, useT } from '../../store/StoreContext';

/**
 * One cell of the preview as it will be imported: `1,234.5`, `１２３` and
 * `12%` show the number they become (the text from the file on hover), a
 * missing marker shows as empty, and a value the column's type cannot hold
 * is marked, so a wrong type is caught before the import stops on it.
 */
export function SampleCell({ text, type, include }: { text: string; type: ImportColumnType; include: boolean }) {
  const t = useT();
  const language = useLanguage();
  if (!include) return <td className="excluded">{text}</td>;
  const converted = convertCell(text, type);
  if (!converted.ok) {
    return (
      <td className="import-cell-bad" title={t('import.cell.bad', { reason: converted.reason[language] })}>
        {text}
      </td>
    );
  }
  const shown = converted.value === null ? '' : String(converted.value);
  const changed = type !== 'VARCHAR' && shown !== text.trim();
  return (
    <td className={changed ? 'import-cell-cleaned' : ''} title={changed ? t('import.cell.source', { text }) : undefined}>
      {shown}
    </td>
  );
}
