import type { MenuCommand, MenuCommandEvent } from '@shared/contract/workbenchContract';
import type { WorkbenchApi } from '../api/createWorkbenchClient';
import { downloadBytes } from '../charts/downloadBytes';
import type { WorkbenchState } from '../store/workbenchStore';

/** The keys of the application menu's shortcuts (Ctrl, or ⌘ on a Mac), handled in the page in both modes. */
export function menuCommandForKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): MenuCommand | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  switch (event.key.toLowerCase()) {
    case 'o':
      return event.shiftKey ? null : 'notebook.open';
    case 's':
      return event.shiftKey ? 'notebook.saveAs' : 'notebook.save';
    case 'n':
      return event.shiftKey ? null : 'notebook.new';
    case 'i':
      return event.shiftKey ? null : 'data.import';
    case 'p':
      return event.shiftKey ? null : 'briefing.pdf';
    default:
      return null;
  }
}

export interface MenuCommandDeps {
  getState: () => WorkbenchState;
  api: WorkbenchApi;
  /** The window's print dialog (its "Save as PDF" printer included). */
  print: () => void;
}

/**
 * Does what the menu, a shortcut, a second launch or a double-clicked file
 * asked for. The desktop app uses native dialogs (through the contract);
 * browser mode falls back to the page's own open and save-as panels.
 */
export async function runMenuCommand(event: MenuCommandEvent, { getState, api, print }: MenuCommandDeps): Promise<void> {
  const state = getState();
  const desktop = state.appInfo?.nativeDialogs === true;
  const saveAs = async () => {
    const notebook = getState().notebook;
    if (!notebook) return;
    if (!desktop) return getState().setNotebookDialog('saveAs');
    const { path } = await api.desktop.chooseNotebookSavePath({ defaultName: notebook.name });
    // The native dialog already asked before replacing a file.
    if (path) await getState().saveNotebook({ path, overwrite: true });
  };
  switch (event.command) {
    case 'notebook.new':
      state.setView('notebook');
      state.setNotebookDialog('new');
      return;
    case 'notebook.open': {
      state.setView('notebook');
      if (!desktop) return state.setNotebookDialog('open');
      const { path } = await api.desktop.chooseNotebookOpenPath({});
      if (path) await getState().openNotebook(path);
      return;
    }
    case 'notebook.openPath':
      if (event.path === null) return;
      state.setView('notebook');
      await state.openNotebook(event.path);
      return;
    case 'notebook.save':
      if (!state.notebook) return;
      state.setView('notebook');
      if (state.notebook.path === null || state.notebook.readOnly) return saveAs();
      await state.saveNotebook();
      return;
    case 'notebook.saveAs':
      if (!state.notebook) return;
      state.setView('notebook');
      return saveAs();
    case 'data.import':
      // The desktop app's native open dialog (starting where a data file was last chosen), then the preview.
      state.setView('import');
      if (state.importNativeDialog) await state.chooseImportFile();
      return;
    case 'briefing.pdf': {
      if (!state.notebook?.path) return print();
      state.setView('notebook');
      const outcome = await state.exportBriefing('pdf');
      if (outcome?.bytes) downloadBytes(outcome.bytes, outcome.fileName, outcome.mimeType);
      return;
    }
  }
}
