import type { Locale } from '../i18n/translate';
import type { SliceCreator } from './workbenchStore';

export type MainView = 'sql';

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

export const createUiSlice: SliceCreator<UiSlice> = () => (set) => ({
  locale: initialLocale(),
  view: 'sql',
  notice: null,
  setLocale: (locale) => {
    try {
      globalThis.localStorage?.setItem(LOCALE_KEY, locale);
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this session.
    }
    set({ locale });
  },
  setView: (view) => set({ view }),
  setNotice: (notice) => set({ notice }),
});
