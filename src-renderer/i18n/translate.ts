import { enCatalog, zhCatalog, type MessageKey } from './catalog';

export type Locale = 'zh-CN' | 'en';
export type { MessageKey };

const catalogs: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCatalog, en: enCatalog };

/** The language of text that comes in both languages (errors, reasons, data labels) for a UI locale. */
export function languageOf(locale: Locale): 'zh' | 'en' {
  return locale === 'en' ? 'en' : 'zh';
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Looks the key up in the locale's catalog and fills `{name}` placeholders. */
export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, params) => {
    const template = catalog[key] ?? zhCatalog[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

/** Numbers in UI text: grouped per locale (both use 1,234.5). */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCatalog, key);
}
