/**
 * Units written in text: the unit in a header's parentheses
 * (`高新技术产业投资（亿元）`), a unit line above a table (`单位：万元`), a
 * unit on its own (`家`), a unit after a number in a cell (`12亿`,
 * `3,500 万元`). The one reading of such text for import, the history grid
 * and charts; converting between units is `units.ts`.
 */
import { KNOWN_UNITS } from './units';

/** Words that look like units inside parentheses: money, counts, percentages. */
const UNIT_WORD = '(?:元|美元|家|个|项|人|人次|%|％|‰|件|台|套|吨|亩|公顷|平方米|米|公里|千瓦时|度|次|所|名|户|辆|百分点|倍|册|篇|元/人)';
/** A unit such as `亿元`, `万元`, `家`, `%`: an optional multiplier and a unit word. */
const UNIT = `(?:[十百千万亿]{0,3}${UNIT_WORD})`;
const UNIT_ONLY = new RegExp(`^${UNIT}$`);

/** `亿元`, `家`, `%` and nothing else. */
export function isUnitText(text: string): boolean {
  return UNIT_ONLY.test(text);
}

/**
 * The regular expression (RE2 and JavaScript alike) splitting
 * `高新技术产业投资（亿元）` into the name and the unit in parentheses.
 * Used in SQL through `regexp_extract` as well as here.
 */
export const LABEL_UNIT_PATTERN = `^(.*?)\\s*[（(]\\s*(?:单位\\s*[:：]\\s*)?(${UNIT})\\s*[)）]\\s*$`;
const labelUnit = new RegExp(LABEL_UNIT_PATTERN, 's');

/** `高新技术产业投资（亿元）` → name and unit; a label without a unit comes back unchanged. */
export function splitLabelUnit(label: string): { label: string; unit: string | null } {
  const match = labelUnit.exec(label);
  if (!match || !match[1]) return { label: label.trim(), unit: null };
  return { label: match[1].trim(), unit: normalizeUnit(match[2]!) };
}

function normalizeUnit(unit: string): string {
  return unit.replace('％', '%').trim();
}

/**
 * A unit stated in a line of text: `单位：亿元`, `（单位：万元）`,
 * `金额单位：亿元`. With `lineOnly` the text must be just that statement
 * (a unit line above a table), otherwise it may be a header's parentheses.
 */
export function unitFromText(text: string, lineOnly = false): string | null {
  const statement = /(?:计量)?单位\s*[:：]\s*([^\s,，;；)）]+)/.exec(text);
  if (statement) return normalizeUnit(statement[1]!);
  if (lineOnly) return null;
  const parenthesized = /[（(]\s*([^（）()]+?)\s*[)）]\s*$/.exec(text);
  if (parenthesized && UNIT_ONLY.test(parenthesized[1]!)) return normalizeUnit(parenthesized[1]!);
  return UNIT_ONLY.test(text.trim()) ? normalizeUnit(text.trim()) : null;
}

const UNIT_HEADER = /^(?:计量)?单位$|^unit$/i;

/** A column header that names a unit column: `单位`, `计量单位`, `unit` (spaces around ignored). */
export function isUnitHeader(header: string): boolean {
  return UNIT_HEADER.test(header.trim());
}

/** Short forms planners write for units: `12亿` is 12 亿元. */
export const UNIT_ALIASES: Readonly<Record<string, string>> = { 亿: '亿元', 万: '万元', 千: '千元', 百万: '百万元', '％': '%' };

/** A unit as the catalog writes it: `亿` → `亿元`, `％` → `%`; other text unchanged. */
export function canonicalUnit(unit: string): string {
  return UNIT_ALIASES[unit] ?? unit;
}

/** Units a cell may carry after its number, longest first (a trailing % is the number's own: percentage points). */
const CELL_UNIT_WORDS = [...KNOWN_UNITS, ...Object.keys(UNIT_ALIASES)]
  .filter((word) => word !== '%' && word !== '％')
  .sort((a, b) => b.length - a.length);

/**
 * The regular expression (RE2 and JavaScript alike) splitting a cell such as
 * `12,345万元`, `1.2 亿` or `(1,200)（万元）` into its number (group 1) and
 * a unit the catalog knows (group 2, maybe an alias). Used in SQL through
 * `regexp_extract` by the import's unpivot, and here by `splitNumberUnit`.
 * Spaces are plain spaces: both sides fold every other space to one first
 * (RE2's `\s` and JavaScript's differ).
 */
export const NUMBER_UNIT_PATTERN = `^(.*?\\d.*?) *[（(]? *(${CELL_UNIT_WORDS.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}) *[)）]?$`;
const numberUnit = new RegExp(NUMBER_UNIT_PATTERN);

/**
 * A cell's number and the unit written after it (`12亿` → `12` and `亿元`);
 * the unit is null when the cell states none. `text` is already folded to
 * half width, its spaces to plain ones, and trimmed (`foldWidth`); the
 * number is not checked here.
 */
export function splitNumberUnit(text: string): { number: string; unit: string | null } {
  const match = numberUnit.exec(text);
  return match ? { number: match[1]!, unit: canonicalUnit(match[2]!) } : { number: text, unit: null };
}
