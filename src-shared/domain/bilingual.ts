/** A phrase in both UI languages: domain modules say why something is wrong, the window picks the language. */
export interface Bilingual {
  en: string;
  zh: string;
}

export function bilingual(en: string, zh: string): Bilingual {
  return { en, zh };
}

/** Values that fill a text's `{name}` placeholders; a value can itself be a phrase in both languages. */
export type TextParams = Record<string, string | number | Bilingual>;

/** A template in one language with its `{name}` placeholders filled (an unknown name stays as written). */
export function fillText(template: string, params: TextParams, language: keyof Bilingual): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? value[language] : String(value);
  });
}

/** The `{name}` placeholders of a template, sorted (for tests that both languages use the same ones). */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
}
