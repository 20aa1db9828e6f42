import type { DialogKind } from '../desktop/lastFolders';

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Native dialogs and menu, provided by the desktop shell; absent in browser mode and the CLI. */
export interface NativeDialogs {
  /** Puts a PNG on the system clipboard as an image. */
  copyImage?(png: Uint8Array): Promise<void>;
  /** `kind` picks the remembered folder the dialog starts in (default: exports). */
  chooseSavePath(options: { defaultPath: string; filters: FileFilter[]; kind?: DialogKind }): Promise<string | null>;
  chooseOpenPath?(options: { defaultPath: string; filters: FileFilter[]; kind: DialogKind }): Promise<string | null>;
  /** Rebuilds the application menu in the window's language. */
  setMenuLanguage?(locale: 'zh-CN' | 'en'): void;
}
