import { useRef, useState } from 'react';
import type { NotebookFileEntry } from '@shared/contract/services/notebookContract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ModalDialog } from '../../components/ModalDialog';
import { useT, useWorkbench } from '../../store/StoreContext';

function FileList({ entries, onPick, testId }: { entries: NotebookFileEntry[]; onPick(path: string): void; testId: string }) {
  const t = useT();
  if (entries.length === 0) return <div className="muted small">{t('nb.start.none')}</div>;
  return (
    <ul className="nb-file-list" data-testid={testId}>
      {entries.map((entry) => (
        <li key={entry.path}>
          <button type="button" className="link-button" onClick={() => onPick(entry.path)} title={entry.path}>
            {entry.title ?? entry.name}
          </button>
          <span className="muted small"> {entry.name}</span>
        </li>
      ))}
    </ul>
  );
}

/** Reads a chosen or dropped file and opens it as a notebook (it has no path until saved). */
export async function openFileObject(file: File, openBytes: (name: string, bytes: Uint8Array<ArrayBuffer>) => Promise<void>): Promise<void> {
  await openBytes(file.name, new Uint8Array(await file.arrayBuffer()));
}

/** Open: the workspace's notebooks, the samples, recent files, a typed path, or a file from this computer. */
export function OpenDialog() {
  const t = useT();
  const listing = useWorkbench((state) => state.notebookListing);
  const openNotebook = useWorkbench((state) => state.openNotebook);
  const openNotebookBytes = useWorkbench((state) => state.openNotebookBytes);
  const setNotebookDialog = useWorkbench((state) => state.setNotebookDialog);
  const [path, setPath] = useState('');
  const upload = useRef<HTMLInputElement>(null);
  // A file that cannot be opened is said here, not only in the page behind the dialog (errors from before it opened are not).
  const error = useWorkbench((state) => state.notebookError);
  const [errorBefore] = useState(error);
  const openError = error && error !== errorBefore ? error : null;
  return (
    <ModalDialog backdropClassName="nb-modal" className="nb-modal-box" label={t('nb.dialog.openTitle')} onClose={() => setNotebookDialog(null)} testId="nb-open-dialog">
      <h2>{t('nb.dialog.openTitle')}</h2>
      {openError ? <ErrorBanner error={openError} testId="nb-open-error" /> : null}
      <form
        className="nb-path-row"
        onSubmit={(event) => {
          event.preventDefault();
          if (path.trim()) void openNotebook(path.trim());
        }}
      >
        <input type="text" value={path} placeholder={t('nb.dialog.pathHint')} onChange={(event) => setPath(event.target.value)} aria-label={t('nb.dialog.path')} data-testid="nb-open-path" />
        <button type="submit" className="primary" disabled={!path.trim()}>
          {t('nb.dialog.openPath')}
        </button>
      </form>
      <div className="nb-dialog-columns">
        <section>
          <h3>{t('nb.start.workspace')}</h3>
          <FileList entries={listing?.workspace ?? []} onPick={(picked) => void openNotebook(picked)} testId="nb-open-workspace" />
        </section>
        <section>
          <h3>{t('nb.start.samples')}</h3>
          <FileList entries={listing?.samples ?? []} onPick={(picked) => void openNotebook(picked)} testId="nb-open-samples" />
        </section>
      </div>
      <div className="nb-modal-actions">
        <input
          ref={upload}
          type="file"
          accept=".md,text/markdown,text/plain"
          hidden
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void openFileObject(file, openNotebookBytes);
            event.target.value = '';
          }}
          data-testid="nb-upload-input"
        />
        <button type="button" onClick={() => upload.current?.click()}>
          {t('nb.dialog.upload')}
        </button>
        <span className="nb-spacer" />
        <button type="button" onClick={() => setNotebookDialog(null)}>
          {t('nb.dialog.cancel')}
        </button>
      </div>
    </ModalDialog>
  );
}

/** Save as: a file name in the workspace's notebooks folder, or a full path. */
export function SaveAsDialog() {
  const t = useT();
  const notebook = useWorkbench((state) => state.notebook);
  const listing = useWorkbench((state) => state.notebookListing);
  const saveNotebook = useWorkbench((state) => state.saveNotebook);
  const setNotebookDialog = useWorkbench((state) => state.setNotebookDialog);
  const [name, setName] = useState(notebook?.name ?? '');
  return (
    <ModalDialog
      backdropClassName="nb-modal"
      className="nb-modal-box"
      label={t('nb.dialog.saveAsTitle')}
      onClose={() => setNotebookDialog(null)}
      onSubmit={(event) => {
        event.preventDefault();
        if (name.trim()) void saveNotebook({ path: name.trim() });
      }}
      testId="nb-save-as-dialog"
    >
        <h2>{t('nb.dialog.saveAsTitle')}</h2>
        <input type="text" value={name} autoFocus onChange={(event) => setName(event.target.value)} aria-label={t('nb.dialog.saveAsTitle')} data-testid="nb-save-as-name" />
        <div className="muted small">{t('nb.dialog.saveAsHint', { folder: listing?.notebooksFolder ?? '…' })}</div>
        <div className="nb-modal-actions">
          <span className="nb-spacer" />
          <button type="button" onClick={() => setNotebookDialog(null)}>
            {t('nb.dialog.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!name.trim()} data-testid="nb-save-as-confirm">
            {t('nb.dialog.saveAsButton')}
          </button>
        </div>
    </ModalDialog>
  );
}

/** New from a template: blank, or a copy of any sample. */
export function NewDialog() {
  const t = useT();
  const listing = useWorkbench((state) => state.notebookListing);
  const newNotebook = useWorkbench((state) => state.newNotebook);
  const setNotebookDialog = useWorkbench((state) => state.setNotebookDialog);
  return (
    <ModalDialog backdropClassName="nb-modal" className="nb-modal-box" label={t('nb.dialog.newTitle')} onClose={() => setNotebookDialog(null)} testId="nb-new-dialog">
      <h2>{t('nb.dialog.newTitle')}</h2>
      <ul className="nb-file-list">
        <li>
          <button type="button" className="link-button" onClick={() => void newNotebook('blank')} data-testid="nb-new-blank">
            {t('nb.dialog.blank')}
          </button>
        </li>
        {(listing?.samples ?? []).map((sample) => (
          <li key={sample.path}>
            <button type="button" className="link-button" onClick={() => void newNotebook(sample.name)}>
              {sample.title ?? sample.name}
            </button>
          </li>
        ))}
      </ul>
      <div className="nb-modal-actions">
        <span className="nb-spacer" />
        <button type="button" onClick={() => setNotebookDialog(null)}>
          {t('nb.dialog.cancel')}
        </button>
      </div>
    </ModalDialog>
  );
}

/** The file changed on disk, or the save-as name is taken: the user decides. */
export function ConflictDialog() {
  const t = useT();
  const conflict = useWorkbench((state) => state.notebookConflict);
  const notebook = useWorkbench((state) => state.notebook);
  const saveNotebook = useWorkbench((state) => state.saveNotebook);
  const reloadNotebook = useWorkbench((state) => state.reloadNotebook);
  const dismiss = useWorkbench((state) => state.dismissNotebookConflict);
  const setNotebookDialog = useWorkbench((state) => state.setNotebookDialog);
  if (!conflict || !notebook) return null;
  const name = conflict.path ?? notebook.name;
  return (
    <ModalDialog backdropClassName="nb-modal" className="nb-modal-box" role="alertdialog" labelledBy="nb-conflict-text" onClose={dismiss} testId="nb-conflict">
      <p id="nb-conflict-text">{conflict.kind === 'exists' ? t('nb.conflict.exists', { name }) : t('nb.conflict.changed', { name })}</p>
      <div className="nb-modal-actions">
        <button type="button" className="danger" onClick={() => void saveNotebook({ path: conflict.path, overwrite: true })} data-testid="nb-conflict-overwrite">
          {t('nb.conflict.overwrite')}
        </button>
        {conflict.kind === 'changed-on-disk' ? (
          <>
            <button type="button" onClick={() => void reloadNotebook()} data-testid="nb-conflict-reload">
              {t('nb.conflict.reload')}
            </button>
            <button
              type="button"
              onClick={() => {
                dismiss();
                setNotebookDialog('saveAs');
              }}
            >
              {t('nb.conflict.saveAs')}
            </button>
          </>
        ) : null}
        <span className="nb-spacer" />
        {/* The safe answer has the focus: Enter must not overwrite a colleague's changes. */}
        <button type="button" onClick={dismiss} autoFocus data-testid="nb-conflict-cancel">
          {t('nb.conflict.cancel')}
        </button>
      </div>
    </ModalDialog>
  );
}
