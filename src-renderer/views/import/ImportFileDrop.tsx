import { useEffect } from 'react';
import { useWorkbench } from '../../store/StoreContext';

/** Extensions the import view takes; other files (notebooks) are left to their own drop handler. */
import { IMPORT_EXTENSIONS } from '@shared/contract/services/importContract';

export { IMPORT_EXTENSIONS };

export function isImportFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return IMPORT_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

/**
 * A data file dropped anywhere on the window opens the import view with it.
 * Listens in the capture phase and marks the drop handled
 * (`preventDefault`) so the notebook drop handler leaves it alone.
 */
export function ImportFileDrop() {
  const importFile = useWorkbench((state) => state.importFile);
  const setView = useWorkbench((state) => state.setView);
  useEffect(() => {
    const onDrop = (event: DragEvent) => {
      const file = event.dataTransfer?.files[0];
      if (!file || !isImportFileName(file.name)) return;
      event.preventDefault();
      setView('import');
      void importFile(file);
    };
    window.addEventListener('drop', onDrop, { capture: true });
    return () => window.removeEventListener('drop', onDrop, { capture: true });
  }, [importFile, setView]);
  return null;
}
