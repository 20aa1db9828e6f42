import { join } from 'node:path';
import type { ImplementationOf } from '@shared/contract/contractKit';
import type { desktopContract } from '@shared/contract/workbenchContract';
import { IMPORT_EXTENSIONS } from '@shared/contract/services/importContract';
import { publicInfo, type ImportSources } from '../import/importSources';
import { notebookFolders } from '../notebook/notebookFolders';
import type { FileFilter } from './NativeDialogs';
import type { ServiceContext } from './ServiceContext';

const NOTEBOOK_FILTERS: FileFilter[] = [{ name: '指标工作台笔记本 Notebook (.iwb.md)', extensions: ['iwb.md'] }];
/** The window's own list of importable files; "all files" last, for a CSV saved as .dat. */
export const DATA_FILE_FILTERS: FileFilter[] = [
  { name: '数据文件 Data files', extensions: IMPORT_EXTENSIONS.map((extension) => extension.slice(1)) },
  { name: '所有文件 All files', extensions: ['*'] },
];

/** Native notebook and data-file dialogs and the menu language; in browser mode every answer says "not here". */
export function createDesktopApi(context: ServiceContext, sources: ImportSources): ImplementationOf<typeof desktopContract> {
  const notebooks = () => notebookFolders(context.workspace).notebooks;
  return {
    desktop: {
      chooseNotebookOpenPath: async () => {
        if (!context.dialogs?.chooseOpenPath) return { path: null };
        return { path: await context.dialogs.chooseOpenPath({ defaultPath: notebooks(), filters: NOTEBOOK_FILTERS, kind: 'notebook' }) };
      },
      chooseNotebookSavePath: async ({ defaultName }) => {
        if (!context.dialogs) return { path: null };
        const name = defaultName.toLowerCase().endsWith('.iwb.md') ? defaultName : `${defaultName}.iwb.md`;
        return { path: await context.dialogs.chooseSavePath({ defaultPath: join(notebooks(), name), filters: NOTEBOOK_FILTERS, kind: 'notebook' }) };
      },
      chooseDataFile: async () => {
        if (!context.dialogs?.chooseOpenPath) return { available: false, source: null };
        const path = await context.dialogs.chooseOpenPath({ defaultPath: context.documentsDirectory(), filters: DATA_FILE_FILTERS, kind: 'data' });
        if (path === null) return { available: true, source: null };
        return { available: true, source: publicInfo(await sources.registerPath(path)) };
      },
      setMenuLanguage: async ({ locale }) => {
        if (!context.dialogs?.setMenuLanguage) return { applied: false };
        context.dialogs.setMenuLanguage(locale);
        return { applied: true };
      },
    },
  };
}
