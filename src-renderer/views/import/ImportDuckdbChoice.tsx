import { useT, useWorkbench } from '../../store/StoreContext';

/**
 * A DuckDB file: which of its tables and views to bring in, and how:
 * copied into the workspace (kept when the file goes away) or attached
 * read-only under a name of its own (always current, never changed).
 */
export function ImportDuckdbChoice({ disabled }: { disabled: boolean }) {
  const t = useT();
  const relations = useWorkbench((state) => state.importPreview?.relations ?? []);
  const chosen = useWorkbench((state) => state.importRelations);
  const mode = useWorkbench((state) => state.importDuckdbMode);
  const setMode = useWorkbench((state) => state.setImportDuckdbMode);
  const setRelation = useWorkbench((state) => state.setImportRelation);
  return (
    <fieldset className="import-duckdb" data-testid="import-duckdb">
      <legend>{t('import.duckdb.title')}</legend>
      <div className="import-row">
        {(['copy', 'attach'] as const).map((option) => (
          <label key={option}>
            <input type="radio" name="import-duckdb-mode" checked={mode === option} disabled={disabled} onChange={() => setMode(option)} data-testid={`import-duckdb-${option}`} />{' '}
            {t(`import.duckdb.${option}`)}
          </label>
        ))}
      </div>
      {relations.length === 0 ? (
        <p className="import-mapping-bad small">{t('import.duckdb.none')}</p>
      ) : (
        <ul className="import-relations">
          {relations.map((relation) => (
            <li key={relation.name}>
              <label>
                <input
                  type="checkbox"
                  checked={mode === 'attach' || chosen.includes(relation.name)}
                  disabled={disabled || mode === 'attach'}
                  onChange={(event) => setRelation(relation.name, event.target.checked)}
                  data-testid={`import-relation-${relation.name}`}
                />{' '}
                <span className="mono">{relation.name}</span>
                {relation.rowCount === null ? ` ${t('import.duckdb.view')}` : ` ${t('import.duckdb.rows', { count: relation.rowCount })}`}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
