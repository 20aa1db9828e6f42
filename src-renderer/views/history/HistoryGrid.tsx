import { useEffect, useMemo, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import {
  changesFromDraft,
  historyCellKey,
  historyRowsFor,
  IN_YEAR_PERIODS,
  readDraftCell,
  type HistoryColumn,
  type HistoryPlace,
  type HistoryRow,
} from '@shared/domain/history/historyGrid';
import { placeLabel } from '@shared/domain/datasets/placeLabel';
import { periodLabel } from '@shared/domain/targets/periodLabel';
import { formatNumber, formatValue } from '@shared/domain/units';
import { ErrorBanner } from '../../components/ErrorBanner';
import { nameIn } from '../../i18n/translate';
import { useLanguage, useT, useWorkbench } from '../../store/StoreContext';
import { historyGridColumns } from '../../store/historyGridSlice';
import '../../styles/historyGrid.css';

function cellTestId(row: HistoryRow, column: HistoryColumn): string {
  return `hgrid-cell-${row.code}-${column.year}-${column.period === 'annual' ? 'annual' : column.period}`;
}

/**
 * Indicators × years: type into a cell or paste a block copied from Excel or
 * WPS; each cell shows the value as it will be stored, unreadable cells are
 * red with the reason, and 保存 writes every edit in one batch.
 */
export function HistoryGrid({ rows, testId = 'history-grid' }: { rows: HistoryRow[]; testId?: string }) {
  const t = useT();
  const language = useLanguage();
  const locale = useWorkbench((state) => state.locale);
  const stored = useWorkbench((state) => state.historyStored);
  const draft = useWorkbench((state) => state.historyDraft);
  const undo = useWorkbench((state) => state.historyUndo);
  const loading = useWorkbench((state) => state.historyLoading);
  const issues = useWorkbench((state) => state.historyPasteIssues);
  const error = useWorkbench((state) => state.historyError);
  const saved = useWorkbench((state) => state.historySaved);
  const saving = useWorkbench((state) => state.historySaving);
  const lastYear = useWorkbench((state) => state.historyLastYear);
  const inYearPeriod = useWorkbench((state) => state.historyInYearPeriod);
  const gridRows = useWorkbench((state) => state.historyRows);
  const openHistoryGrid = useWorkbench((state) => state.openHistoryGrid);
  const setInYearPeriod = useWorkbench((state) => state.setHistoryInYearPeriod);
  const editCell = useWorkbench((state) => state.editHistoryCell);
  const pasteBlock = useWorkbench((state) => state.pasteHistoryBlock);
  const undoHistory = useWorkbench((state) => state.undoHistory);
  const discard = useWorkbench((state) => state.discardHistoryDraft);
  const save = useWorkbench((state) => state.saveHistory);

  const rowsKey = rows.map((row) => `${row.code}|${row.region}|${row.scope}`).join(',');
  useEffect(() => {
    void openHistoryGrid(rows);
    // Reopens only when the set of rows changes, not on every new array.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rowsKey]);

  const columns = useMemo(() => historyGridColumns({ historyLastYear: lastYear, historyInYearPeriod: inYearPeriod }), [lastYear, inYearPeriod]);
  const { changes, problems } = useMemo(() => changesFromDraft(gridRows, columns, draft, stored), [gridRows, columns, draft, stored]);
  const name = (row: HistoryRow) => nameIn(locale, row);
  const columnLabel = (column: HistoryColumn) =>
    column.period === 'annual' ? t('hgrid.annual', { year: column.year }) : t('hgrid.inYear', { year: column.year, period: periodLabel(column.period, language) });
  const editedCount = Object.keys(draft).length;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      undoHistory();
    }
  };
  const onPaste = (event: ClipboardEvent<HTMLInputElement>, row: number, column: number) => {
    const text = event.clipboardData.getData('text/plain');
    event.preventDefault();
    pasteBlock(text, { row, column });
  };
  const moveDown = (event: KeyboardEvent<HTMLInputElement>, row: number, column: number) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const next = gridRows[row + 1];
    if (next) document.querySelector<HTMLInputElement>(`[data-testid="${cellTestId(next, columns[column]!)}"]`)?.focus();
  };

  if (gridRows.length === 0) return <p className="muted">{t('hgrid.noRows')}</p>;
  return (
    <div className="hg" data-testid={testId} onKeyDown={onKeyDown}>
      <p className="hg-hint muted small">{t('hgrid.hint')}</p>
      <div className="hg-toolbar">
        <label className="small">
          {t('hgrid.inYearLabel')}{' '}
          <select value={inYearPeriod ?? ''} onChange={(event) => setInYearPeriod(event.target.value === '' ? null : event.target.value)} data-testid="hgrid-in-year">
            <option value="">{t('hgrid.inYearNone')}</option>
            {IN_YEAR_PERIODS.map((period) => (
              <option key={period} value={period}>
                {t('hgrid.inYear', { year: lastYear + 1, period: periodLabel(period, language) })}
              </option>
            ))}
          </select>
        </label>
        <span className="hg-legend small">
          <span className="hg-swatch hg-bundled">{t('hgrid.legend.bundled')}</span>
          <span className="hg-swatch hg-user">{t('hgrid.legend.user')}</span>
          <span className="hg-swatch hg-edited">{t('hgrid.legend.edited')}</span>
          <span className="hg-swatch hg-error">{t('hgrid.legend.error')}</span>
        </span>
        <span className="hg-spacer" />
        <button type="button" onClick={undoHistory} disabled={undo.length === 0} data-testid="hgrid-undo">
          {t('hgrid.undo')}
        </button>
        <button type="button" onClick={discard} disabled={editedCount === 0} data-testid="hgrid-discard">
          {t('hgrid.discard')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => void save()}
          disabled={saving || editedCount === 0 || problems.length > 0}
          data-testid="hgrid-save"
        >
          {saving ? t('hgrid.saving') : t('hgrid.save', { count: changes.length + problems.length })}
        </button>
      </div>
      {loading && Object.keys(stored).length === 0 ? <p className="muted small">{t('hgrid.loading')}</p> : null}
      <div className="hg-wrap">
        <table className="hg-table">
          <thead>
            <tr>
              <th className="hg-name">{t('hgrid.indicator')}</th>
              <th>{t('hgrid.unit')}</th>
              {columns.map((column) => (
                <th key={`${column.year}-${column.period}`} className={column.period === 'annual' ? '' : 'hg-in-year'}>
                  {columnLabel(column)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {gridRows.map((row, rowIndex) => (
              <tr key={`${row.code}|${row.region}|${row.scope}`}>
                <th className="hg-name" scope="row" title={row.code}>
                  {name(row)}
                  <span className="muted small hg-place">{placeLabel(row, language)}</span>
                </th>
                <td className="hg-unit">{row.unit}</td>
                {columns.map((column, columnIndex) => {
                  const key = historyCellKey(row, column);
                  const cell = draft[key];
                  const { bundled, user } = stored[key] ?? {};
                  const reading = cell ? readDraftCell(row, cell) : null;
                  let className = 'hg-cell';
                  let preview = '';
                  const titles: string[] = [];
                  if (user) {
                    const origin = user.obsId.startsWith('imp_') ? t('hgrid.origin.import') : t('hgrid.origin.typed');
                    titles.push(t('hgrid.userTitle', { value: formatValue(user.value, user.unit), origin }) + (bundled ? t('hgrid.userOverBundled', { value: formatValue(bundled.value, bundled.unit) }) : ''));
                  }
                  if (bundled && !user) titles.push(t('hgrid.bundledTitle', { value: formatValue(bundled.value, bundled.unit), source: bundled.source ?? '' }));
                  if (reading?.kind === 'error') {
                    className += ' hg-error';
                    titles.unshift(reading.reason[language]);
                    preview = reading.reason[language];
                  } else if (reading?.kind === 'value') {
                    className += ' hg-edited';
                    preview = t('hgrid.stored', { value: formatValue(reading.value, reading.unit) });
                  } else if (reading && user) {
                    className += ' hg-edited';
                    preview = t('hgrid.clears');
                  } else if (user) className += ' hg-user';
                  else if (bundled) className += ' hg-bundled';
                  const value = cell ? cell.text : user ? formatNumber(user.value, { maximumFractionDigits: 6 }) : '';
                  return (
                    <td key={key} className={className} title={titles.join('\n') || undefined}>
                      <input
                        value={value}
                        placeholder={bundled && !user ? formatNumber(bundled.value, { maximumFractionDigits: 6 }) : ''}
                        onChange={(event) => editCell(key, event.target.value)}
                        onPaste={(event) => onPaste(event, rowIndex, columnIndex)}
                        onKeyDown={(event) => moveDown(event, rowIndex, columnIndex)}
                        aria-label={`${name(row)} ${columnLabel(column)}`}
                        aria-invalid={reading?.kind === 'error' ? true : undefined}
                        data-testid={cellTestId(row, column)}
                      />
                      {preview ? (
                        <div className="hg-preview" data-testid={`${cellTestId(row, column)}-preview`}>
                          {preview}
                        </div>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="hg-summary" role="status" data-testid="hgrid-summary">
        {editedCount > 0 ? <div>{t('hgrid.edited', { count: editedCount })}</div> : null}
        {problems.length > 0 ? (
          <div className="hg-problems" data-testid="hgrid-problems">
            {t('hgrid.problems', { count: problems.length })}
            <ul>
              {problems.map((problem) => (
                <li key={`${problem.row}-${problem.column}`}>
                  {t('hgrid.problem', { indicator: name(gridRows[problem.row]!), column: columnLabel(columns[problem.column]!), reason: problem.reason[language] })}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {issues.length > 0 ? (
          <div className="hg-issues" data-testid="hgrid-paste-issues">
            {t('hgrid.pasteIssues')}
            <ul>
              {issues.map((issue, index) => (
                <li key={index}>{issue[language]}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {saved && editedCount === 0 ? <div className="form-ok" data-testid="hgrid-saved">{t('hgrid.saved', saved)}</div> : null}
        {error ? <ErrorBanner error={error} testId="hgrid-error" /> : null}
      </div>
    </div>
  );
}

/** The board's empty state: while most targets lack actual values the grid is open, otherwise one click away. */
export function BoardHistoryEntry() {
  const t = useT();
  const targets = useWorkbench((state) => state.board?.targets);
  const missing = targets ? targets.filter((target) => target.latest === null).length : 0;
  const [open, setOpen] = useState(targets !== undefined && missing * 2 >= targets.length);
  const rows = useMemo(() => historyRowsFor(targets ?? []), [targets]);
  if (!targets || targets.length === 0) return null;
  return (
    <section className="hg-board" data-testid="board-history-entry">
      <button type="button" className="link-button" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="board-history-toggle">
        {open ? t('hgrid.close') : t('hgrid.open')}
      </button>
      {open ? <HistoryGrid rows={rows} /> : null}
    </section>
  );
}

/** 数据来源: the same grid over the targets' indicators and the open one, to enter history or correct an import. */
export function DataSourcesHistoryEntry({ indicator, places }: { indicator: Pick<HistoryRow, 'code' | 'nameZh' | 'nameEn' | 'unit' | 'kind'>; places: HistoryPlace[] }) {
  const t = useT();
  const targets = useWorkbench((state) => state.board?.targets);
  const boardLoading = useWorkbench((state) => state.boardLoading);
  const loadBoard = useWorkbench((state) => state.loadBoard);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (open && !targets && !boardLoading) void loadBoard();
  }, [open, targets, boardLoading, loadBoard]);
  const rows = useMemo(() => historyRowsFor(targets ?? [], { indicator, places }), [targets, indicator, places]);
  return (
    <section className="hg-board" data-testid="data-history-entry">
      <h3>{t('hgrid.title')}</h3>
      <button type="button" className="link-button" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="data-history-toggle">
        {open ? t('hgrid.close') : t('hgrid.open')}
      </button>
      {open ? <HistoryGrid rows={rows} testId="data-history-grid" /> : null}
    </section>
  );
}
