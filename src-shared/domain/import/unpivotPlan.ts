/**
 * Wide statistical tables (years as columns) to long rows: which columns
 * are years, which holds the indicator name, where each value's unit comes
 * from.
 */

import { isUnitHeader, isUnitText, splitLabelUnit, unitFromText } from '../unitText';

const YEAR_PART = /^\s*((?:19|20)\d{2})\s*(?:年度|年末|年底|年)?(?![0-9])\s*(.*)$/s;

/** `2019`, `2019年`, `2021年度`, `2023年（亿元）` → the year and what follows it. */
export function parseYearLabel(label: string | number): { year: number; rest: string } | null {
  if (typeof label === 'number') {
    return Number.isInteger(label) && label >= 1900 && label <= 2100 ? { year: label, rest: '' } : null;
  }
  const match = YEAR_PART.exec(label);
  if (!match) return null;
  const rest = match[2]!.trim();
  // `2019-05-01` or `2019.5` is a date or a number, not a year column.
  if (/^[-./]\s*\d/.test(rest)) return null;
  return { year: Number(match[1]), rest };
}

export interface YearColumn {
  /** Index among the table's columns. */
  column: number;
  year: number;
  /** What the header says besides the year and unit (`金额` in `2023年_金额（亿元）`), or null. */
  measure: string | null;
  /** Unit from this column's header, or null. */
  unit: string | null;
}

export interface UnpivotPlan {
  yearColumns: YearColumn[];
  /** The column holding indicator names, or null when none could be chosen. */
  indicatorColumn: number | null;
  /** A column holding each row's unit (`单位`, `计量单位`), or null. */
  unitColumn: number | null;
  /** Other non-year columns carried into every long row. */
  keepColumns: number[];
  /** The table's unit line, used when neither the row nor the header gives one. */
  defaultUnit: string | null;
}

const INDICATOR_HEADER = /指标|项目|名称|科目|indicator|item|name/i;
const GENERIC_GROUP = /^(?:年份|年度|年|时间|year|years)$/i;

/**
 * Plans the unpivot of a table with the given column names and types. At
 * least one year column is needed; the indicator column is the first text
 * column named like 指标/项目/名称, else the first text column.
 */
export function planUnpivot(columns: readonly { name: string; type: string }[], defaultUnit: string | null): UnpivotPlan | null {
  const yearColumns: YearColumn[] = [];
  const others: number[] = [];
  columns.forEach((column, index) => {
    const parts = column.name.split('_');
    const yearIndex = parts.findIndex((part) => parseYearLabel(part) !== null);
    if (yearIndex === -1) {
      others.push(index);
      return;
    }
    const parsed = parseYearLabel(parts[yearIndex]!)!;
    const restParts = [...parts.slice(0, yearIndex), parsed.rest, ...parts.slice(yearIndex + 1)].map((part) => part.trim()).filter((part) => part && !GENERIC_GROUP.test(part));
    let unit: string | null = null;
    const measures: string[] = [];
    for (const part of restParts) {
      const direct = unitFromText(part);
      const split = splitLabelUnit(part);
      if (split.unit) {
        unit ??= split.unit;
        if (split.label) measures.push(split.label);
      } else if (direct) {
        unit ??= direct;
        const remaining = part.replace(/[（(].*[)）]\s*$/, '').replace(/(?:计量)?单位\s*[:：]\s*\S+/, '').trim();
        if (remaining && !isUnitText(remaining)) measures.push(remaining);
      } else {
        measures.push(part);
      }
    }
    yearColumns.push({ column: index, year: parsed.year, measure: measures.length > 0 ? measures.join('_') : null, unit });
  });
  if (yearColumns.length === 0) return null;
  const unitColumn = others.find((index) => isUnitHeader(columns[index]!.name)) ?? null;
  const textColumns = others.filter((index) => index !== unitColumn && columns[index]!.type === 'VARCHAR');
  const indicatorColumn = textColumns.find((index) => INDICATOR_HEADER.test(columns[index]!.name)) ?? textColumns[0] ?? null;
  const keepColumns = others.filter((index) => index !== unitColumn && index !== indicatorColumn);
  return { yearColumns, indicatorColumn, unitColumn, keepColumns, defaultUnit };
}

/** The indicator name of a long row: the row label, with the column's measure when the header has one. */
export function indicatorName(label: string, measure: string | null): string {
  return measure ? `${label} - ${measure}` : label;
}
