import { isBlank, type GridValue } from './cellGrid';
import { parseNumberText } from './numberText';
import { bilingual, type Bilingual } from '../bilingual';

/** The column types an import can produce (DuckDB names). */
export type ImportColumnType = 'VARCHAR' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP';
export const IMPORT_COLUMN_TYPES: readonly ImportColumnType[] = ['VARCHAR', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'DATE', 'TIMESTAMP'];

export interface InferredColumn {
  type: ImportColumnType;
  /**
   * Some values need converting before DuckDB's own cast takes them: numbers
   * written as text (separators, full-width digits, %, missing markers), dates
   * written `2024/1/31` or `2024年1月31日`, cells of spaces only (empty).
   */
  cleaned: boolean;
  /** Values carried a percent sign (or percent format): the column's unit is %. */
  percent: boolean;
}

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const ISO_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const CHINESE_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/;
/** The forms DuckDB's CAST reads as they are; any other date, time or truth value is converted first. */
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;
const PLAIN_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
const PLAIN_BOOLEAN = /^(?:true|false)$/i;

/** A date written as `2024-01-31`, `2024/1/31` or `2024年1月31日`, as ISO text; null otherwise. */
export function parseDateText(text: string): string | null {
  const match = ISO_DATE.exec(text.trim()) ?? CHINESE_DATE.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isCode(text: string): boolean {
  // Leading zeros (postal codes, 001) and long digit strings (ID numbers) are identifiers, not amounts.
  const trimmed = text.trim();
  return /^0\d+$/.test(trimmed) || /^\d{16,}$/.test(trimmed);
}

/** Infers a column's type from its values, the way a careful Excel user reads them. */
export function inferColumnType(values: readonly GridValue[]): InferredColumn {
  let numbers = 0;
  let integers = 0;
  let cleaned = false;
  let percent = false;
  let booleans = 0;
  let dates = 0;
  let timestamps = 0;
  let present = 0;
  let other = 0;
  // Cells of spaces only are empty, but DuckDB's cast refuses them; so do other forms its cast cannot read.
  let padded = false;
  let unplain = false;
  for (const value of values) {
    if (isBlank(value)) {
      if (typeof value === 'string' && value !== '') padded = true;
      continue;
    }
    present += 1;
    if (typeof value === 'number') {
      numbers += 1;
      if (Number.isSafeInteger(value)) integers += 1;
      continue;
    }
    if (typeof value === 'boolean') {
      booleans += 1;
      continue;
    }
    const text = value as string;
    if (/^(true|false)$/i.test(text.trim())) {
      booleans += 1;
      if (!PLAIN_BOOLEAN.test(text)) unplain = true;
      continue;
    }
    if (isCode(text)) {
      other += 1;
      continue;
    }
    const parsed = parseNumberText(text);
    if (parsed.kind === 'missing') {
      cleaned = true;
      present -= 1;
      continue;
    }
    if (parsed.kind === 'number') {
      numbers += 1;
      if (Number.isSafeInteger(parsed.value) && !parsed.percent && !/[.eE]/.test(text)) integers += 1;
      if (parsed.percent) percent = true;
      // Only text DuckDB's own cast would refuse needs cleaning (`0.0` and `1e3` do not).
      if (!PLAIN_NUMBER.test(text.trim()) || parsed.percent) cleaned = true;
      continue;
    }
    if (parseDateText(text)) {
      dates += 1;
      if (!PLAIN_DATE.test(text)) unplain = true;
      continue;
    }
    if (ISO_TIMESTAMP.test(text.trim())) {
      timestamps += 1;
      if (!PLAIN_TIMESTAMP.test(text)) unplain = true;
      continue;
    }
    other += 1;
  }
  if (present === 0 || other > 0) return { type: 'VARCHAR', cleaned: false, percent: false };
  if (numbers === present) return { type: integers === numbers && !percent ? 'BIGINT' : 'DOUBLE', cleaned: cleaned || padded, percent };
  if (booleans === present) return { type: 'BOOLEAN', cleaned: padded || unplain, percent: false };
  if (dates === present) return { type: 'DATE', cleaned: padded || unplain, percent: false };
  // A date among times is read as midnight: converted, like any other form.
  if (dates + timestamps === present) return { type: 'TIMESTAMP', cleaned: padded || unplain || dates > 0, percent: false };
  return { type: 'VARCHAR', cleaned: false, percent: false };
}

export type ConvertedCell = { ok: true; value: string | number | boolean | null } | { ok: false; reason: Bilingual };

/**
 * A cell as the column's type: numbers parsed from text, missing markers
 * as null, dates as ISO text. A value that does not fit says why.
 */
export function convertCell(value: GridValue, type: ImportColumnType): ConvertedCell {
  if (isBlank(value)) return { ok: true, value: null };
  switch (type) {
    case 'VARCHAR':
      return { ok: true, value: typeof value === 'string' ? value : typeof value === 'number' ? String(value) : value ? 'TRUE' : 'FALSE' };
    case 'BIGINT':
    case 'DOUBLE': {
      let number: number;
      if (typeof value === 'number') number = value;
      else if (typeof value === 'boolean') return { ok: false, reason: bilingual('is TRUE/FALSE, not a number', '是 TRUE/FALSE，不是数字') };
      else {
        const parsed = parseNumberText(String(value));
        if (parsed.kind === 'missing') return { ok: true, value: null };
        if (parsed.kind === 'text') return { ok: false, reason: bilingual(`"${truncate(String(value))}" is not a number`, `“${truncate(String(value))}”不是数字`) };
        number = parsed.value;
      }
      if (type === 'BIGINT' && !Number.isSafeInteger(number)) return { ok: false, reason: bilingual(`${number} is not a whole number`, `${number} 不是整数`) };
      return { ok: true, value: number };
    }
    case 'BOOLEAN':
      if (typeof value === 'boolean') return { ok: true, value };
      if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return { ok: true, value: /^true$/i.test(value.trim()) };
      return { ok: false, reason: bilingual(`"${truncate(String(value))}" is not TRUE or FALSE`, `“${truncate(String(value))}”不是 TRUE 或 FALSE`) };
    case 'DATE': {
      const text = typeof value === 'string' ? (parseDateText(value) ?? (ISO_TIMESTAMP.test(value.trim()) ? value.trim().slice(0, 10) : null)) : null;
      return text ? { ok: true, value: text } : { ok: false, reason: bilingual(`"${truncate(String(value))}" is not a date`, `“${truncate(String(value))}”不是日期`) };
    }
    case 'TIMESTAMP': {
      if (typeof value !== 'string') return { ok: false, reason: bilingual(`${String(value)} is not a date and time`, `${String(value)} 不是日期时间`) };
      const date = parseDateText(value);
      if (date) return { ok: true, value: `${date} 00:00:00` };
      return ISO_TIMESTAMP.test(value.trim()) ? { ok: true, value: value.trim().replace('T', ' ') } : { ok: false, reason: bilingual(`"${truncate(value)}" is not a date and time`, `“${truncate(value)}”不是日期时间`) };
    }
  }
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
