import { enCatalog, zhCatalog, type MessageKey } from './catalog';

export type Locale = 'zh-CN' | 'en';
export type { MessageKey };

const catalogs: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCatalog, en: enCatalog };

/** The language of text that comes in both languages (errors, reasons, data labels) for a UI locale. */
export function languageOf(locale: Locale): 'zh' | 'en' {
  return locale === 'en' ? 'en' : 'zh';
}

/**
 * The name of an indicator or target as the UI shows it: the English name in
 * English, the Chinese name otherwise, and the Chinese name where an English
 * one was never given (a planner's own indicator). The one pick every view uses.
 */
export function nameIn(locale: Locale, named: { nameZh: string; nameEn: string }): string {
  return locale === 'en' && named.nameEn.trim() !== '' ? named.nameEn : named.nameZh;
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** English counts the catalog writes in the plural ("{count} rows"): one of them is singular ("1 row"). */
const COUNTED_WORDS = /\{(\w+)\} (rows|figures|tables|charts|points|columns|values|indicators|targets|cells|problems|years|months|names|characters|footnote rows|percentage points)\b/g;

function singularWhereOne(template: string, params: Record<string, string | number>): string {
  return template.replace(COUNTED_WORDS, (whole, name: string, word: string) => (name in params && String(params[name]) === '1' ? `{${name}} ${word.slice(0, -1)}` : whole));
}

/** Looks the key up in the locale's catalog and fills `{name}` placeholders. */
export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, params) => {
    const template = catalog[key] ?? zhCatalog[key] ?? key;
    if (!params) return template;
    const counted = locale === 'en' ? singularWhereOne(template, params) : template;
    return counted.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

/** Numbers in UI text: grouped per locale (both use 1,234.5). */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCatalog, key);
}
