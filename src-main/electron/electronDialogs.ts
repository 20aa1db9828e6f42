import { BrowserWindow, clipboard, ClipboardItem, dialog } from 'electron';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { dialogStartPath, rememberFolder, type DialogKind, type LastFolders } from '../desktop/lastFolders';
import type { NativeDialogs } from '../services/NativeDialogs';

/**
 * Native dialogs for the desktop app, parented to the focused window. Each
 * kind of file starts in the folder it was last chosen in (`folders`, kept
 * by the caller in desktop-state.json).
 */
export function electronDialogs(options: {
  folders: () => LastFolders;
  onDidChooseFolder: (folders: LastFolders) => void;
  setMenuLanguage: (locale: 'zh-CN' | 'en') => void;
}): NativeDialogs {
  const remember = (kind: DialogKind, path: string | undefined) => {
    if (path) options.onDidChooseFolder(rememberFolder(options.folders(), kind, path));
  };
  return {
    async chooseSavePath({ defaultPath, filters, kind = 'export' }) {
      const window = BrowserWindow.getFocusedWindow();
      const remembered = options.folders()[kind];
      const start = remembered !== undefined && existsSync(remembered) ? dialogStartPath(options.folders(), kind, '', basename(defaultPath)) : defaultPath;
      const dialogOptions = { defaultPath: start, filters, properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[] };
      const result = window ? await dialog.showSaveDialog(window, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
      if (result.canceled || !result.filePath) return null;
      remember(kind, result.filePath);
      return result.filePath;
    },
    async chooseOpenPath({ defaultPath, filters, kind }) {
      const window = BrowserWindow.getFocusedWindow();
      const dialogOptions = { defaultPath: dialogStartPath(options.folders(), kind, defaultPath, undefined, process.platform, existsSync), filters, properties: ['openFile'] as 'openFile'[] };
      const result = window ? await dialog.showOpenDialog(window, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
      const path = result.canceled ? undefined : result.filePaths[0];
      remember(kind, path);
      return path ?? null;
    },
    async copyImage(png) {
      await clipboard.write([new ClipboardItem({ 'image/png': new Blob([new Uint8Array(png)], { type: 'image/png' }) })]);
    },
    setMenuLanguage: options.setMenuLanguage,
  };
}
