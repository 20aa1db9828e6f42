import { useState } from 'react';
import { EXPORT_FILE_TYPES, EXPORT_FORMATS, type CsvEncoding, type ExportFormat } from '@shared/contract/workbenchContract';
import { formatByteSize } from '@shared/domain/byteSize';
import { formatCount } from '../i18n/translate';
import type { ResultTab } from '../store/resultsSlice';
import { useT, useWorkbench } from '../store/StoreContext';
import { useApi } from '../store/useApi';
import { ErrorBanner } from './ErrorBanner';
import { ModalDialog } from './ModalDialog';
import { exportFileBase } from './exportFileName';

const extensionOf = (format: ExportFormat) => `.${EXPORT_FILE_TYPES[format].extension}`;
/** A name ending in any export format's extension, with that extension taken off. */
const withoutExportExtension = (path: string) => {
  const lower = path.toLowerCase();
  const known = EXPORT_FORMATS.map(extensionOf).find((extension) => lower.endsWith(extension));
  return known ? path.slice(0, -known.length) : path;
};

/** The export format a typed name's extension names (out.xlsx → xlsx), or null. */
const formatOfPath = (path: string): ExportFormat | null => EXPORT_FORMATS.find((candidate) => path.toLowerCase().endsWith(extensionOf(candidate))) ?? null;

function joinPath(directory: string, name: string): string {
  const separator = directory.includes('\\') && !directory.includes('/') ? '\\' : '/';
  return directory.endsWith(separator) ? directory + name : directory + separator + name;
}

/** Choose format, encoding and file; then a progress bar with Cancel. */
export function ExportDialog({ tab, onClose }: { tab: ResultTab; onClose(): void }) {
  const t = useT();
  const api = useApi();
  const appInfo = useWorkbench((state) => state.appInfo);
  const job = useWorkbench((state) => state.exportJob);
  const exportResult = useWorkbench((state) => state.exportResult);
  const cancelExport = useWorkbench((state) => state.cancelExport);
  const dismissExport = useWorkbench((state) => state.dismissExport);
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [encoding, setEncoding] = useState<CsvEncoding>('utf-8-bom');
  const [baseName] = useState(() => exportFileBase(t('export.fileBase'), new Date()));
  const [path, setPath] = useState(() => joinPath(appInfo?.exportDirectory ?? '', baseName + extensionOf('csv')));
  const [overwrite, setOverwrite] = useState(false);
  const running = job?.status === 'running' && job.tabId === tab.id;

  const changeFormat = (next: ExportFormat) => {
    setFormat(next);
    setPath((current) => withoutExportExtension(current) + extensionOf(next));
  };
  // A name typed with another format's extension chooses that format: a file named .xlsx is never CSV inside.
  const choosePath = (next: string) => {
    setPath(next);
    const typed = formatOfPath(next);
    if (typed && typed !== format) setFormat(typed);
  };
  const browse = async () => {
    const name = path.split(/[\\/]/).pop() || baseName + extensionOf(format);
    const chosen = await api.app.chooseSavePath({ defaultName: name, format });
    if (chosen.path) {
      choosePath(chosen.path);
      setOverwrite(true);
    }
  };
  const close = () => {
    if (!running) dismissExport();
    onClose();
  };

  return (
    <ModalDialog backdropClassName="modal-backdrop" className="modal" label={t('export.title')} onClose={close} closeOnBackdrop testId="export-dialog">
      <h2>{t('export.title')}</h2>
      <p className="muted">{t('export.scope', { rows: formatCount(tab.viewRows) })}</p>
      <div className="form-grid">
        <label htmlFor="export-format">{t('export.format')}</label>
        <select id="export-format" value={format} onChange={(event) => changeFormat(event.target.value as ExportFormat)} disabled={running} data-testid="export-format">
          <option value="csv">{t('export.csv')}</option>
          <option value="xlsx">{t('export.xlsx')}</option>
          <option value="parquet">{t('export.parquet')}</option>
          <option value="arrow">{t('export.arrow')}</option>
        </select>
        {format === 'csv' ? (
          <>
            <label htmlFor="export-encoding">{t('export.encoding')}</label>
            <select id="export-encoding" value={encoding} onChange={(event) => setEncoding(event.target.value as CsvEncoding)} disabled={running} data-testid="export-encoding">
              <option value="utf-8-bom">{t('export.utf8bom')}</option>
              <option value="utf-8">{t('export.utf8')}</option>
              <option value="gb18030">{t('export.gb18030')}</option>
            </select>
          </>
        ) : null}
        <label htmlFor="export-path">{t('export.path')}</label>
        <div className="path-row">
          <input id="export-path" type="text" value={path} onChange={(event) => choosePath(event.target.value)} disabled={running} data-testid="export-path" />
          {appInfo?.nativeDialogs ? (
            <button type="button" onClick={() => void browse()} disabled={running}>
              {t('export.browse')}
            </button>
          ) : null}
        </div>
        <span />
        <label className="checkbox">
          <input type="checkbox" checked={overwrite} onChange={(event) => setOverwrite(event.target.checked)} disabled={running} />
          {t('export.overwrite')}
        </label>
      </div>
      {format === 'xlsx' ? <p className="muted small">{t('export.xlsxLimit')}</p> : null}
      {format === 'arrow' ? <p className="muted small">{t('export.arrowHint')}</p> : null}
      {job && job.tabId === tab.id ? (
        <div className="export-status" data-testid="export-status" aria-live="polite">
          {job.status === 'running' ? (
            <>
              <progress max={100} value={job.percent ?? undefined} />
              <span>{t('export.running', { percent: job.percent === null ? '' : `${job.percent.toFixed(0)}%` })}</span>
            </>
          ) : null}
          {job.status === 'done' && job.outcome ? (
            <span className="ok-text">{t('export.done', { rows: formatCount(job.outcome.rows), path: job.outcome.path, size: formatByteSize(job.outcome.bytes) })}</span>
          ) : null}
          {job.status === 'cancelled' ? <span>{t('export.cancelled')}</span> : null}
          {job.error ? <ErrorBanner error={job.error} /> : null}
        </div>
      ) : null}
      <div className="modal-actions">
        {running ? (
          <button type="button" onClick={() => void cancelExport()} data-testid="export-cancel">
            {t('export.cancel')}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={() => void exportResult(tab.id, { format, encoding, path: path.trim(), overwrite })}
            disabled={!path.trim()}
            data-testid="export-start"
          >
            {t('export.start')}
          </button>
        )}
        <button type="button" onClick={close} data-testid="export-close">
          {t('export.close')}
        </button>
      </div>
    </ModalDialog>
  );
}
