/** A phrase in both UI languages: domain modules say why something is wrong, the window picks the language. */
export interface Bilingual {
  en: string;
  zh: string;
}

export function bilingual(en: string, zh: string): Bilingual {
  return { en, zh };
}
