import type { JsonValue } from './NotebookDocument';

/**
 * Values of `key: value` lines. A value is JSON when it looks like JSON (a
 * quote, bracket or brace first, a whole JSON number, or `true`/`false`/
 * `null`); anything else is plain text up to the end of the line, so
 * `label: 统计年份` and `value: 2024-06-30` need no quotes. Strings are
 * written plain whenever reading them back plain gives the same string.
 */

const JSON_START = /^(["[{]|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$|true$|false$|null$)/;
export const FIELD_LINE = /^([A-Za-z][A-Za-z0-9_-]*):(?:[ \t]+(.*)|[ \t]*)$/;

/** `detail` is the JSON parser's own (English) text, shown in brackets. */
export type DecodedValue = { ok: true; value: JsonValue } | { ok: false; detail: string };

export function decodeFieldValue(raw: string): DecodedValue {
  const text = raw.trim();
  if (text === '') return { ok: true, value: '' };
  if (!JSON_START.test(text)) return { ok: true, value: text };
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
}

export function encodeFieldValue(value: JsonValue): string {
  if (typeof value === 'string' && isPlainString(value)) return value;
  return jsonText(value);
}

function isPlainString(text: string): boolean {
  return text !== '' && text === text.trim() && !/[\r\n\u2028\u2029]/.test(text) && !JSON_START.test(text);
}

/**
 * One-line JSON with a space after commas and colons, as people write it
 * (`["实际值", "目标值"]`). Backticks are escaped (`\u0060`) so a value can
 * never look like a code fence to a Markdown viewer; non-ASCII text stays
 * readable.
 */
export function jsonText(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(jsonText).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([key, item]) => `${jsonText(key)}: ${jsonText(item)}`).join(', ')}}`;
  }
  return JSON.stringify(value).replaceAll('`', '\\u0060');
}

export function fieldLine(key: string, value: JsonValue): string {
  return `${key}: ${encodeFieldValue(value)}`;
}

/** Structural equality of JSON values (object key order ignored). */
export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]!));
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return keysA.length === keysB.length && keysA.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key]!, b[key]!));
}
