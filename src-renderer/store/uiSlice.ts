import type { Locale } from '../i18n/translate';
import type { SliceCreator } from './workbenchStore';

/** Id of a view in views/viewRegistry.tsx. */
export type MainView = string;

export interface UiSlice {
  locale: Locale;
  view: MainView;
  /** A passing notice such as "engine restarted"; null when none. */
  notice: string | null;
  setLocale(locale: Locale): void;
  setView(view: MainView): void;
  setNotice(notice: string | null): void;
}

const LOCALE_KEY = 'iwb.locale';

function initialLocale(): Locale {
  try {
    return globalThis.localStorage?.getItem(LOCALE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

const VIEW_KEY = 'iwb.view';

function initialView(): MainView {
  try {
    return globalThis.localStorage?.getItem(VIEW_KEY) ?? '';
  } catch {
    return '';
  }
}

export const createUiSlice: SliceCreator<UiSlice> = () => (set) => ({
  locale: initialLocale(),
  view: initialView(),
  notice: null,
  setLocale: (locale) => {
    try {
      globalThis.localStorage?.setItem(LOCALE_KEY, locale);
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this session.
    }
    set({ locale });
  },
  setView: (view) => {
    try {
      globalThis.localStorage?.setItem(VIEW_KEY, view);
    } catch {
      // Remembering the view is a convenience only.
    }
    set({ view });
  },
  setNotice: (notice) => set({ notice }),
});
