import { z } from 'zod';
import { method } from '../contractKit';
import type { ImportSourceInfo } from './importContract';

/**
 * The desktop shell's own requests: native open and save dialogs for
 * notebooks (starting in the folder a notebook was last chosen in), and the
 * language of the application menu. In browser mode the dialogs answer
 * `{ path: null }` and the renderer falls back to its own panels. Data files
 * are chosen with `chooseDataFile`: the main side shows the dialog and holds
 * the chosen path itself (the renderer never names a path); in browser mode
 * the import view's file input uploads the file instead.
 */

/** What the application menu (and its shortcuts) asks the window to do. */
export const MENU_COMMANDS = [
  'notebook.new',
  'notebook.open',
  'notebook.save',
  'notebook.saveAs',
  /** Open the notebook at `path` (recent files, a second launch, a double-clicked .iwb.md). */
  'notebook.openPath',
  'data.import',
  /** Ctrl+P: the open notebook's briefing as PDF, or print the window when no notebook is open. */
  'briefing.pdf',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface MenuCommandEvent {
  command: MenuCommand;
  path: string | null;
}

export const MENU_LOCALES = ['zh-CN', 'en'] as const;

export const ChooseNotebookOpenPathInput = z.object({}).strict();
export const ChooseNotebookSavePathInput = z.object({ defaultName: z.string().min(1).max(255) }).strict();
export const ChooseDataFileInput = z.object({}).strict();
export const SetMenuLanguageInput = z.object({ locale: z.enum(MENU_LOCALES) }).strict();

export const desktopContract = {
  desktop: {
    /** A native open dialog for a notebook; `{ path: null }` when cancelled or in browser mode. */
    chooseNotebookOpenPath: method<typeof ChooseNotebookOpenPathInput, { path: string | null }>(ChooseNotebookOpenPathInput),
    /** A native save dialog for a notebook (.iwb.md); `{ path: null }` when cancelled or in browser mode. */
    chooseNotebookSavePath: method<typeof ChooseNotebookSavePathInput, { path: string | null }>(ChooseNotebookSavePathInput),
    /**
     * A native open dialog for a data file to import (starting in the folder a data file was last chosen in);
     * the chosen file is held for importing like an upload. `available: false` in browser mode.
     */
    chooseDataFile: method<typeof ChooseDataFileInput, { available: boolean; source: ImportSourceInfo | null }>(ChooseDataFileInput),
    /** The window switched language: the application menu follows. */
    setMenuLanguage: method<typeof SetMenuLanguageInput, { applied: boolean }>(SetMenuLanguageInput),
  },
} as const;
