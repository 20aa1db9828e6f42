import { useEffect } from 'react';
import { useApi } from '../store/useApi';
import { useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { menuCommandForKey, runMenuCommand } from './menuCommands';

/**
 * The application menu's shortcuts as keys in the page (so browser mode has
 * them too), run through the same runMenuCommand as the menu's own events
 * (subscribed in main.tsx), and the menu kept in the window's language.
 */
export function useMenuCommands(): void {
  const api = useApi();
  const store = useWorkbenchStore();
  const locale = useWorkbench((state) => state.locale);
  const desktop = useWorkbench((state) => state.appInfo?.nativeDialogs === true);

  useEffect(() => {
    const deps = { getState: store.getState, api, print: () => window.print() };
    const onKey = (event: KeyboardEvent) => {
      const command = menuCommandForKey(event);
      if (command === null) return;
      // Handled here, the key does not also reach the native menu's accelerator.
      event.preventDefault();
      void runMenuCommand({ command, path: null }, deps);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api, store]);

  useEffect(() => {
    if (desktop) void api.desktop.setMenuLanguage({ locale }).catch(() => undefined);
  }, [api, desktop, locale]);
}
