import { createContext, useContext, useMemo } from 'react';
import { useStore } from 'zustand';
import type { WorkbenchApi } from '../api/createWorkbenchClient';
import { languageOf, translator, type Translate } from '../i18n/translate';
import type { WorkbenchState, WorkbenchStore } from './workbenchStore';

interface StoreContextValue {
  store: WorkbenchStore;
  api: WorkbenchApi;
}

export const StoreContext = createContext<StoreContextValue | null>(null);

function useStoreContext(): StoreContextValue {
  const value = useContext(StoreContext);
  if (!value) throw new Error('StoreContext is missing: render inside <StoreContext.Provider>');
  return value;
}

/** Narrow selection from the one store. */
export function useWorkbench<T>(selector: (state: WorkbenchState) => T): T {
  return useStore(useStoreContext().store, selector);
}

export function useWorkbenchStore(): WorkbenchStore {
  return useStoreContext().store;
}

/** The translate function for the current locale. */
export function useT(): Translate {
  const locale = useWorkbench((state) => state.locale);
  return useMemo(() => translator(locale), [locale]);
}

/** The UI language, for text that comes in both languages (errors and reasons from the main side). */
export function useLanguage(): 'zh' | 'en' {
  return useWorkbench((state) => languageOf(state.locale));
}
