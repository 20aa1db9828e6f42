/**
 * Matching the row labels of an unpivoted table to the workspace's
 * indicators, before its rows are appended to the observations. The
 * labels are what the import's SQL will produce (`unpivotSql`): the label
 * without a unit in parentheses, with the column's measure when the header
 * has one.
 */
import { indicatorName, type UnpivotPlan } from './unpivotPlan';
import { canonicalUnit, splitLabelUnit, splitNumberUnit } from '../unitText';
import { foldCellText, isMissingText } from './numberText';

export interface LongLabel {
  /** The indicator name the long rows will carry. */
  name: string;
  /** The unit those rows will carry (the first one stated: a cell's own, else its row's, header's or table's), or null when none is stated. */
  unit: string | null;
  /** Years whose value states no unit while others of the name do (`12亿`, then a bare `15.5`): the import refuses those rows. */
  unitMissingYears: number[];
}

export interface IndicatorChoice {
  code: string;
  nameZh: string;
  unit: string | null;
}

/**
 * The distinct indicator names (and units) an unpivot of `rows` gives, in
 * table order. `rows` are the data rows, `cellText` turns a cell into text.
 */
export function longLabels(rows: readonly (readonly unknown[])[], plan: UnpivotPlan, cellText: (value: unknown) => string, limit = 1000): LongLabel[] {
  if (plan.indicatorColumn === null) return [];
  const seen = new Map<string, LongLabel>();
  for (const row of rows) {
    const raw = cellText(row[plan.indicatorColumn] ?? null).trim();
    if (!raw) continue;
    const split = splitLabelUnit(raw);
    const rowUnit = plan.unitColumn === null ? '' : cellText(row[plan.unitColumn] ?? null).trim();
    for (const year of plan.yearColumns) {
      const name = indicatorName(split.label || raw, year.measure);
      let label = seen.get(name);
      if (!label) {
        if (seen.size >= limit) continue;
        label = { name, unit: null, unitMissingYears: [] };
        seen.set(name, label);
      }
      const written = foldCellText(cellText(row[year.column] ?? null));
      // As `unpivotSql` gives each row its unit: the cell's own (`12亿`) first.
      const unit = splitNumberUnit(written).unit ?? (rowUnit || split.unit || year.unit || plan.defaultUnit);
      if (unit) label.unit ??= canonicalUnit(unit);
      else if (!isMissingText(written) && !label.unitMissingYears.includes(year.year)) label.unitMissingYears.push(year.year);
    }
  }
  const labels = [...seen.values()];
  // A name that states no unit anywhere is `unit: null`; the years matter only beside a unit stated elsewhere.
  for (const label of labels) if (label.unit === null) label.unitMissingYears = [];
  return labels;
}

/** Folds width, brackets and spacing, so `研究与试验发展（R&D）经费支出` and `研究与试验发展(R&D)经费 支出` compare equal. */
export function normalizeIndicatorName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[“”"'‘’]/g, '')
    .toLowerCase();
}

/**
 * The indicator a label names: its code, its Chinese name, or its Chinese
 * name written with other widths or spacing. Null when none or more than one fits.
 */
export function matchIndicator(label: string, indicators: readonly IndicatorChoice[]): string | null {
  const trimmed = label.trim();
  const byCode = indicators.find((indicator) => indicator.code === trimmed);
  if (byCode) return byCode.code;
  const exact = indicators.filter((indicator) => indicator.nameZh === trimmed);
  if (exact.length === 1) return exact[0]!.code;
  const folded = normalizeIndicatorName(trimmed);
  const loose = indicators.filter((indicator) => normalizeIndicatorName(indicator.nameZh) === folded);
  return loose.length === 1 ? loose[0]!.code : null;
}
