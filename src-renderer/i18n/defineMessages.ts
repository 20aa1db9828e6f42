/**
 * A feature's UI strings in both languages. Chinese is the source; the type
 * requires an English string for every Chinese key.
 */
export function defineMessages<Keys extends string>(bundle: {
  zh: Record<Keys, string>;
  en: NoInfer<Record<Keys, string>>;
}): { zh: Record<Keys, string>; en: Record<Keys, string> } {
  return bundle;
}
