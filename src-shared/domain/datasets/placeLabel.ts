import type { Bilingual } from '../bilingual';
import type { Scope } from './datasetRecords';

/**
 * How a place (region and scope) reads in each UI language. The data keep
 * the Chinese words (慈溪市 · 全市); the English UI shows Cixi · whole city.
 * A region or scope the table does not know (a user's 某镇) is shown as written.
 */
const SCOPE_LABELS: Record<Scope, Bilingual> = {
  全市: { zh: '全市', en: 'whole city' },
  市级: { zh: '市级', en: 'city level (without Qianwan)' },
  前湾新区: { zh: '前湾新区', en: 'Qianwan New Area' },
  全省: { zh: '全省', en: 'whole province' },
};

const REGION_LABELS: Partial<Record<string, Bilingual>> = {
  慈溪市: { zh: '慈溪市', en: 'Cixi' },
  宁波市: { zh: '宁波市', en: 'Ningbo' },
  浙江省: { zh: '浙江省', en: 'Zhejiang' },
};

export function scopeLabel(scope: string, language: keyof Bilingual): string {
  return (SCOPE_LABELS as Partial<Record<string, Bilingual>>)[scope]?.[language] ?? scope;
}

function regionLabel(region: string, language: keyof Bilingual): string {
  return REGION_LABELS[region]?.[language] ?? region;
}

/** 慈溪市 · 全市 / Cixi · whole city. */
export function placeLabel(place: { region: string; scope: string }, language: keyof Bilingual): string {
  return `${regionLabel(place.region, language)} · ${scopeLabel(place.scope, language)}`;
}
