import { useMemo, useState } from 'react';
import type { SchemaRelation } from '@shared/contract/workbenchContract';
import { identifierForEditor } from '@shared/domain/sqlIdentifier';
import { formatCount } from '../i18n/translate';
import { useT, useWorkbench } from '../store/StoreContext';

/** Tables and views of the workspace with their columns; a click inserts the name into the editor. */
export function SchemaSidebar() {
  const t = useT();
  const relations = useWorkbench((state) => state.relations);
  const loading = useWorkbench((state) => state.schemaLoading);
  const loadSchema = useWorkbench((state) => state.loadSchema);
  const insertText = useWorkbench((state) => state.insertText);
  const runInNewTab = useWorkbench((state) => state.runInNewTab);
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<Record<string, boolean>>({});

  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    if (!needle) return relations;
    return relations.filter(
      (relation) =>
        relation.name.toLowerCase().includes(needle) ||
        relation.columns.some((column) => column.name.toLowerCase().includes(needle)),
    );
  }, [relations, filter]);

  const key = (relation: SchemaRelation) => `${relation.schema}.${relation.name}`;
  const qualified = (relation: SchemaRelation) =>
    relation.schema === 'main' ? identifierForEditor(relation.name) : `${identifierForEditor(relation.schema)}.${identifierForEditor(relation.name)}`;

  return (
    <aside className="schema-sidebar" aria-label={t('schema.title')} data-testid="schema-sidebar">
      <div className="sidebar-header">
        <h2>{t('schema.title')}</h2>
        <button type="button" className="link-button" onClick={() => void loadSchema()} disabled={loading}>
          {t('schema.refresh')}
        </button>
      </div>
      <input className="sidebar-filter" type="search" placeholder={t('schema.filter')} value={filter} onChange={(event) => setFilter(event.target.value)} />
      {visible.length === 0 && !loading ? <p className="muted small">{t('schema.empty')}</p> : null}
      <ul className="relation-list">
        {visible.map((relation) => {
          const isOpen = open[key(relation)] ?? false;
          return (
            <li key={key(relation)} className="relation">
              <div className="relation-row">
                <button
                  type="button"
                  className="disclosure"
                  aria-expanded={isOpen}
                  onClick={() => setOpen((state) => ({ ...state, [key(relation)]: !isOpen }))}
                >
                  {isOpen ? '▾' : '▸'}
                </button>
                <button type="button" className="relation-name" title={`${qualified(relation)}\n${t('schema.insertHint')}`} onClick={() => insertText(qualified(relation))}>
                  <span className={`kind-badge kind-${relation.kind}`}>{relation.kind === 'view' ? t('schema.view') : t('schema.table')}</span>
                  {relation.schema !== 'main' ? <span className="muted">{relation.schema}.</span> : null}
                  {relation.name}
                </button>
                {relation.rowCount !== null ? <span className="row-count muted">{t('schema.rows', { count: formatCount(relation.rowCount) })}</span> : null}
                <button
                  type="button"
                  className="preview-button link-button"
                  title={t('schema.preview')}
                  onClick={() => void runInNewTab(`FROM ${qualified(relation)}`)}
                  data-testid={`preview-${relation.name}`}
                >
                  {t('schema.preview')}
                </button>
              </div>
              {isOpen ? (
                <ul className="column-list">
                  {relation.columns.map((column) => (
                    <li key={column.name}>
                      <button type="button" className="column-name" title={t('schema.insertHint')} onClick={() => insertText(identifierForEditor(column.name))}>
                        {column.name}
                      </button>
                      <span className="column-type muted">{column.type}</span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
