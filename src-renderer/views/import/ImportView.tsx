import { useEffect, useRef } from 'react';
import { IMPORT_COLUMN_TYPES, type ImportColumnType } from '@shared/domain/import/columnTypes';
import { TEXT_ENCODINGS, type TextEncodingName } from '@shared/domain/import/textEncoding';
import { quoteIdentifier, quoteLiteral } from '@shared/domain/sqlIdentifier';
import { formatByteSize } from '@shared/domain/byteSize';
import { isMessageKey } from '../../i18n/translate';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLanguage, useT, useWorkbench } from '../../store/StoreContext';
import type { ImportMode } from '../../store/importSlice';
import { IMPORT_EXTENSIONS } from './ImportFileDrop';
import { ImportDuckdbChoice } from './ImportDuckdbChoice';
import { ImportIndicatorMapping, mappingProblems } from './ImportIndicatorMapping';
import { SampleCell } from './SampleCell';
import '../../styles/import.css';

/** 导入数据 / Import: choose or drop a file, check the preview, adjust names and types, import. */
export function ImportView() {
  const t = useT();
  const language = useLanguage();
  const phase = useWorkbench((state) => state.importPhase);
  const uploadPercent = useWorkbench((state) => state.importUploadPercent);
  const preview = useWorkbench((state) => state.importPreview);
  const columns = useWorkbench((state) => state.importColumns);
  const table = useWorkbench((state) => state.importTable);
  const mode = useWorkbench((state) => state.importMode);
  const unpivot = useWorkbench((state) => state.importUnpivot);
  const destination = useWorkbench((state) => state.importDestination);
  const progress = useWorkbench((state) => state.importProgress);
  const outcome = useWorkbench((state) => state.importOutcome);
  const error = useWorkbench((state) => state.importError);
  const cancelled = useWorkbench((state) => state.importCancelled);
  const history = useWorkbench((state) => state.importHistory);
  const indicatorCodes = useWorkbench((state) => state.importIndicatorCodes);
  const indicators = useWorkbench((state) => state.importIndicators);
  const duckdbAttach = useWorkbench((state) => state.importPreview?.settings.format === 'duckdb' && state.importDuckdbMode === 'attach');
  const relationsChosen = useWorkbench((state) => state.importRelations.length);
  const importFile = useWorkbench((state) => state.importFile);
  const nativeDialog = useWorkbench((state) => state.importNativeDialog);
  const chooseImportFile = useWorkbench((state) => state.chooseImportFile);
  const setImportSettings = useWorkbench((state) => state.setImportSettings);
  const setImportColumn = useWorkbench((state) => state.setImportColumn);
  const setImportTable = useWorkbench((state) => state.setImportTable);
  const setImportMode = useWorkbench((state) => state.setImportMode);
  const setImportUnpivot = useWorkbench((state) => state.setImportUnpivot);
  const setImportDestination = useWorkbench((state) => state.setImportDestination);
  const runImport = useWorkbench((state) => state.runImport);
  const cancelImport = useWorkbench((state) => state.cancelImport);
  const resetImport = useWorkbench((state) => state.resetImport);
  const loadImportHistory = useWorkbench((state) => state.loadImportHistory);
  const setSql = useWorkbench((state) => state.setSql);
  const setView = useWorkbench((state) => state.setView);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void loadImportHistory();
  }, [loadImportHistory]);

  const running = phase === 'running';
  const layout = preview?.layout ?? null;
  const plan = preview?.unpivot ?? null;
  const problems = mappingProblems(preview?.indicatorLabels ?? [], indicatorCodes, indicators);
  const mappingBlocks = problems.unmapped > 0 || problems.wrongUnit > 0;

  return (
    <div className="import-view" data-testid="import-view">
      <section className="import-source">
        <h2>{t('import.title')}</h2>
        <p className="muted">{t('import.hint')}</p>
        <div className="import-row">
          <input
            ref={input}
            type="file"
            hidden
            accept={IMPORT_EXTENSIONS.join(',')}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void importFile(file);
              event.target.value = '';
            }}
            data-testid="import-file-input"
          />
          <button type="button" className="primary" disabled={running} onClick={() => (nativeDialog ? void chooseImportFile() : input.current?.click())} data-testid="import-choose">
            {t('import.choose')}
          </button>
          {preview ? (
            <button type="button" disabled={running} onClick={() => void resetImport()}>
              {t('import.discard')}
            </button>
          ) : null}
          {phase === 'uploading' ? <span className="muted">{t('import.uploading', { percent: uploadPercent })}</span> : null}
          {phase === 'previewing' ? <span className="muted">{t('import.previewing')}</span> : null}
        </div>
      </section>

      {error ? <ErrorBanner error={error} testId="import-error" reveal /> : null}
      {cancelled ? (
        <div className="import-notice" data-testid="import-cancelled">
          {t('import.cancelled')}
        </div>
      ) : null}

      {preview ? (
        <section className="import-preview" data-testid="import-preview">
          <dl className="import-facts">
            <dt>{t('import.file')}</dt>
            <dd data-testid="import-file-name">{preview.source.fileName}</dd>
            <dt>{t('import.format')}</dt>
            <dd>{preview.settings.format.toUpperCase()}</dd>
            <dt>{t('import.size')}</dt>
            <dd>{formatByteSize(preview.source.sizeBytes)}</dd>
            {preview.settings.encoding ? (
              <>
                <dt>{t('import.encoding')}</dt>
                <dd>
                  <select
                    value={preview.settings.encoding}
                    disabled={running}
                    onChange={(event) => void setImportSettings({ encoding: event.target.value as TextEncodingName })}
                    data-testid="import-encoding"
                  >
                    {TEXT_ENCODINGS.map((encoding) => (
                      <option key={encoding} value={encoding}>
                        {encoding.toUpperCase()}
                      </option>
                    ))}
                  </select>{' '}
                  <span className="muted small">
                    {preview.encodingReason && isMessageKey(`import.encodingReason.${preview.encodingReason}`) ? t(`import.encodingReason.${preview.encodingReason}` as 'import.encodingReason.bom') : ''}
                  </span>
                </dd>
              </>
            ) : null}
            {preview.sheets.length > 0 ? (
              <>
                <dt>{t('import.sheet')}</dt>
                <dd>
                  <select value={preview.settings.sheet ?? ''} disabled={running} onChange={(event) => void setImportSettings({ sheet: event.target.value })} data-testid="import-sheet">
                    {preview.sheets.map((sheet) => (
                      <option key={sheet.name} value={sheet.name}>
                        {sheet.name}
                        {sheet.hasData ? '' : ` ${t('import.sheetEmpty')}`}
                      </option>
                    ))}
                  </select>
                </dd>
              </>
            ) : null}
          </dl>

          {preview.decodeIssues ? (
            <div className="import-warning" data-testid="import-decode-issues">
              {t('import.decodeIssues', { count: preview.decodeIssues.count, line: preview.decodeIssues.line })}
            </div>
          ) : null}
          {layout ? (
            <p className="muted small" data-testid="import-layout">
              {t(preview.rowCountExact ? 'import.layout' : 'import.layoutSample', { top: layout.headerTop + 1, headerRows: layout.headerRows, bottom: layout.dataBottom + 1 })}
              {layout.titles.length > 0 ? ` · ${t('import.titles', { text: layout.titles.join(' / ') })}` : ''}
              {layout.unit && !layout.titles.some((title) => title.includes(layout.unit ?? '')) ? ` · ${t('import.unitLine', { unit: layout.unit })}` : ''}
              {layout.notes.length > 0 ? ` · ${t('import.notes', { count: layout.notes.length })}` : ''}
            </p>
          ) : null}

          {layout ? (
            <div className="import-row small">
              <label>
                {t('import.headerTop')}{' '}
                <input
                  type="number"
                  min={1}
                  max={preview.gridRowsTotal ?? undefined}
                  value={layout.headerTop + 1}
                  disabled={running}
                  onChange={(event) => {
                    const top = Number(event.target.value) - 1;
                    if (Number.isInteger(top) && top >= 0) void setImportSettings({ layout: { headerTop: top, headerRows: layout.headerRows } });
                  }}
                  data-testid="import-header-top"
                />
              </label>
              <label>
                {t('import.headerRows')}{' '}
                <input
                  type="number"
                  min={0}
                  max={5}
                  value={layout.headerRows}
                  disabled={running}
                  onChange={(event) => {
                    const rows = Number(event.target.value);
                    if (Number.isInteger(rows) && rows >= 0 && rows <= 5) void setImportSettings({ layout: { headerTop: layout.headerTop, headerRows: rows } });
                  }}
                  data-testid="import-header-rows"
                />
              </label>
            </div>
          ) : null}
          {preview.settings.format === 'duckdb' ? <ImportDuckdbChoice disabled={running} /> : null}
          {preview.columns.length > 0 ? <h3>{t('import.columns')}</h3> : null}
          <div className="import-table-scroll" hidden={preview.columns.length === 0}>
            <table className="import-columns" data-testid="import-columns">
              <thead>
                <tr>
                  {columns.map((column, index) => (
                    <th key={column.sourceIndex}>
                      <label className="import-include">
                        <input
                          type="checkbox"
                          checked={column.include}
                          disabled={running}
                          aria-label={t('import.column.include')}
                          onChange={(event) => setImportColumn(index, { include: event.target.checked })}
                        />
                      </label>
                      <input
                        className="import-column-name"
                        value={column.name}
                        disabled={running}
                        aria-label={t('import.column.name')}
                        onChange={(event) => setImportColumn(index, { name: event.target.value })}
                        data-testid={`import-column-name-${index}`}
                      />
                      <select
                        value={column.type}
                        disabled={running}
                        aria-label={t('import.column.type')}
                        onChange={(event) => setImportColumn(index, { type: event.target.value as ImportColumnType })}
                        data-testid={`import-column-type-${index}`}
                      >
                        {IMPORT_COLUMN_TYPES.map((type) => (
                          <option key={type} value={type}>
                            {t(`import.type.${type}`)}
                          </option>
                        ))}
                      </select>
                      {column.cleaned ? <div className="muted small">{t(column.type === 'BIGINT' || column.type === 'DOUBLE' ? 'import.column.cleaned' : 'import.column.cleanedForms')}</div> : null}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.sampleRows.map((row, rowIndex) => (
                  <tr key={rowIndex}>
                    {columns.map((column, index) => (
                      <SampleCell key={column.sourceIndex} text={row[index] ?? ''} type={column.type} include={column.include} />
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.rowCount !== null ? (
            <p className="muted small" data-testid="import-row-count">
              {preview.rowCountExact ? t('import.rows', { count: preview.rowCount }) : t('import.rowsEstimate', { count: preview.rowCount })}
            </p>
          ) : null}
          {preview.warnings.length > 0 ? (
            <ul className="import-warning">
              {preview.warnings.map((warning) => (
                <li key={warning.en}>{warning[language]}</li>
              ))}
            </ul>
          ) : null}

          {plan && plan.indicatorColumn !== null ? (
            <fieldset className="import-unpivot">
              <label>
                <input type="checkbox" checked={unpivot} disabled={running} onChange={(event) => setImportUnpivot(event.target.checked)} data-testid="import-unpivot" />{' '}
                {t('import.unpivot')}
              </label>
              <div className="muted small">
                {t('import.unpivotYears', { years: plan.yearColumns.map((column) => column.year).join(', ') })}
                {plan.defaultUnit ? ` · ${t('import.unpivotUnit', { unit: plan.defaultUnit })}` : ''}
              </div>
              {unpivot ? (
                <div className="import-row">
                  {(['table', 'observations'] as const).map((option) => (
                    <label key={option}>
                      <input
                        type="radio"
                        name="import-destination"
                        checked={destination === option}
                        disabled={running}
                        onChange={() => setImportDestination(option)}
                        data-testid={`import-destination-${option}`}
                      />{' '}
                      {t(`import.destination.${option}`)}
                    </label>
                  ))}
                </div>
              ) : null}
              {unpivot && destination === 'observations' ? <ImportIndicatorMapping disabled={running} problems={problems} /> : null}
            </fieldset>
          ) : null}

          <div className="import-row import-target">
            {!(unpivot && destination === 'observations') ? (
              <>
                {preview.settings.format === 'duckdb' && !duckdbAttach && relationsChosen > 1 ? (
                  <span className="muted small">{t('import.duckdb.keepNames')}</span>
                ) : (
                  <label>
                    {duckdbAttach ? t('import.duckdb.alias') : t('import.table')}{' '}
                    <input value={table} disabled={running} onChange={(event) => setImportTable(event.target.value)} data-testid="import-table" />
                  </label>
                )}
                <label hidden={duckdbAttach}>
                  {t('import.mode')}{' '}
                  <select value={mode} disabled={running} onChange={(event) => setImportMode(event.target.value as ImportMode)} data-testid="import-mode">
                    {(['create', 'replace', 'append'] as const).map((option) => (
                      <option key={option} value={option}>
                        {t(`import.mode.${option}`)}
                      </option>
                    ))}
                  </select>
                </label>
              </>
            ) : null}
            <button
              type="button"
              className="primary"
              disabled={running || (phase !== 'ready' && phase !== 'done') ||
                (preview.settings.format === 'duckdb' && relationsChosen === 0) || (unpivot && destination === 'observations' && mappingBlocks)}
              onClick={() => void runImport()}
              data-testid="import-run"
            >
              {t('import.run')}
            </button>
            {running ? (
              <button type="button" onClick={() => void cancelImport()} data-testid="import-cancel">
                {t('import.cancel')}
              </button>
            ) : null}
          </div>
          {running ? (
            <div className="import-progress" data-testid="import-progress">
              <progress max={100} {...(progress?.percent !== null && progress?.percent !== undefined ? { value: progress.percent } : {})} />
              <span className="muted small">{progress ? t(`import.phase.${progress.phase}`) : t('import.phase.read')}</span>
            </div>
          ) : null}
          {outcome ? (
            <div className="import-done" data-testid="import-done">
              {t('import.done', { count: outcome.rowCount, table: outcome.table, seconds: (outcome.elapsedMs / 1000).toFixed(outcome.elapsedMs < 1000 ? 2 : 1) })}{' '}
              <button
                type="button"
                onClick={() => {
                  setSql(
                    outcome.provenance.mode === 'observations'
                      ? `SELECT * FROM user_observations WHERE note = ${quoteLiteral(`import ${outcome.importId}`)} ORDER BY indicator_code, year;`
                      : `SELECT * FROM ${quoteIdentifier(outcome.table)} LIMIT 100;`,
                  );
                  setView('sql');
                }}
                data-testid="import-query"
              >
                {t('import.query')}
              </button>
            </div>
          ) : null}
        </section>
      ) : null}

      <section className="import-history">
        <h3>{t('import.history')}</h3>
        {history.length === 0 ? (
          <p className="muted small">{t('import.history.empty')}</p>
        ) : (
          <table className="import-history-table" data-testid="import-history">
            <thead>
              <tr>
                <th>{t('import.table')}</th>
                <th>{t('import.file')}</th>
                <th>{t('import.sheet')}</th>
                <th>{t('import.encoding')}</th>
                <th>{t('import.history.when')}</th>
                <th>{t('import.history.sha')}</th>
              </tr>
            </thead>
            <tbody>
              {history.slice(0, 20).map((entry) => (
                <tr key={entry.id}>
                  <td>{entry.tableName}</td>
                  <td>{entry.fileName}</td>
                  <td>{[entry.sheet, entry.range].filter(Boolean).join(' ')}</td>
                  <td>{entry.encoding ?? ''}</td>
                  <td>{entry.importedAt.slice(0, 19)}</td>
                  <td className="mono" title={entry.contentSha256}>
                    {entry.contentSha256.slice(0, 12)}…
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
