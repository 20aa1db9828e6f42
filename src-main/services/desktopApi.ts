import { join } from 'node:path';
import type { ImplementationOf } from '@shared/contract/contractKit';
import type { desktopContract } from '@shared/contract/workbenchContract';
import { notebookFolders } from '../notebook/notebookFolders';
import type { FileFilter } from './NativeDialogs';
import type { ServiceContext } from './ServiceContext';

const NOTEBOOK_FILTERS: FileFilter[] = [{ name: '指标工作台笔记本 Notebook (.iwb.md)', extensions: ['iwb.md'] }];

/** Native notebook dialogs and the menu language; in browser mode every answer says "not here". */
export function createDesktopApi(context: ServiceContext): ImplementationOf<typeof desktopContract> {
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
      setMenuLanguage: async ({ locale }) => {
        if (!context.dialogs?.setMenuLanguage) return { applied: false };
        context.dialogs.setMenuLanguage(locale);
        return { applied: true };
      },
    },
  };
}
