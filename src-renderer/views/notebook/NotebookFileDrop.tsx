import { useEffect, useState } from 'react';
import { useT, useWorkbench } from '../../store/StoreContext';
import { openFileObject } from './NotebookDialogs';

function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/**
 * Drop a notebook file anywhere on the window to open it: the file's bytes
 * go to the main side (browser pages never see paths), and the notebook
 * view comes forward. Also stops the browser from navigating to a file
 * dropped outside a drop zone.
 */
export function NotebookFileDrop() {
  const t = useT();
  const openNotebookBytes = useWorkbench((state) => state.openNotebookBytes);
  const setView = useWorkbench((state) => state.setView);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth += 1;
      setDragging(true);
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      // Already handled by another drop target (the import view takes data files).
      const claimed = event.defaultPrevented;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      if (claimed) return;
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      setView('notebook');
      void openFileObject(file, openNotebookBytes);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [openNotebookBytes, setView]);

  return dragging ? (
    <div className="nb-drop-overlay" data-testid="nb-drop-overlay">
      {t('nb.drop')}
    </div>
  ) : null;
}
