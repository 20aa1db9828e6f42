import { BrowserWindow, clipboard, ClipboardItem, dialog } from 'electron';
import type { NativeDialogs } from '../services/NativeDialogs';

/** Native dialogs for the desktop app, parented to the focused window. */
export const electronDialogs: NativeDialogs = {
  async chooseSavePath({ defaultPath, filters }) {
    const window = BrowserWindow.getFocusedWindow();
    const options = { defaultPath, filters, properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[] };
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
  async copyImage(png) {
    await clipboard.write([new ClipboardItem({ 'image/png': new Blob([new Uint8Array(png)], { type: 'image/png' }) })]);
  },
};
