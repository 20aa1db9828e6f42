import { isUnitHeader, splitLabelUnit } from '../unitText';
import { namesWantRows } from './categoryLabels';
import { foldWidth } from '../import/numberText';

/**
 * What a chart shows and how, as plain serializable data: the chart builder
 * edits it, notebook chart cells store it (docs/notebook-format.md), and
 * buildChartFigure turns it plus a result's columns into a Plotly figure.
 */

/** `barh`: horizontal bars, one row per category, for long names (townships, firms, programmes). */
export type ChartKind = 'line' | 'bar' | 'barh' | 'combo' | 'area' | 'scatter' | 'fan' | 'waterfall';
export const CHART_KINDS: readonly ChartKind[] = ['line', 'bar', 'barh', 'combo', 'area', 'scatter', 'fan', 'waterfall'];

/** `print`: white, black and greys, series told apart by dash and fill pattern. `screen`: the app's colours. */
export type ChartPreset = 'print' | 'screen';
export const CHART_PRESETS: readonly ChartPreset[] = ['print', 'screen'];

/** How large values are shown: `auto` picks 万 or 亿 from the data; `wan`/`yi` force it; `none` keeps the unit. */
export type ValueScaling = 'auto' | 'none' | 'wan' | 'yi';
export const VALUE_SCALINGS: readonly ValueScaling[] = ['auto', 'none', 'wan', 'yi'];

/** A target line, in the data's own unit (before 万/亿 scaling): horizontal, or vertical across the rows of `barh`. */
export interface ChartTargetLine {
  value: number;
  label?: string;
}

/**
 * The target line moved to `value`: its label stays unless it writes the old
 * value (`完成目标（100%）` would now lie), then the chart's default label
 * (`目标 120%`) takes its place. A label written in display units (`3亿元`
 * for 300,000,000) is not recognised and stays.
 */
export function movedTarget(target: ChartTargetLine | undefined, value: number): ChartTargetLine {
  if (target?.label === undefined) return { value };
  const old = String(target.value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The old number on its own (full-width digits and thousands separators folded): 10 is not written in 100, 2010 or 10.5.
  const writesOld = new RegExp(`(^|[^\\d.])${old}(?!\\.?\\d)`).test(foldWidth(target.label).replace(/,/g, ''));
  return target.value === value || !writesOld ? { value, label: target.label } : { value };
}

/** A shaded band, e.g. the range a target counts as met: horizontal, or vertical on `barh`. */
export interface ChartBand {
  from: number;
  to: number;
  label?: string;
}

/** The optional parts of a chart; absent means the default named on each. */
export interface ChartOptions {
  /** Series drawn as lines on a second (right) axis, e.g. 同比增速. Default none; `combo` needs at least one; `barh` has none and refuses them. */
  y2?: string[];
  /** Bars stacked instead of side by side. Default false. */
  stacked?: boolean;
  subtitle?: string | null;
  /** Shown under the chart as 数据来源：… */
  sourceNote?: string | null;
  /** Unit of the second axis; default %. */
  unit2?: string | null;
  /** Axis titles without the unit (the unit is added in brackets). Defaults: the x column; the y column when one. On `barh` xTitle names the rows (the vertical axis) and yTitle the values (the horizontal one). */
  xTitle?: string | null;
  yTitle?: string | null;
  y2Title?: string | null;
  /** Default auto. */
  scaling?: ValueScaling;
  /** Values written on bars and points. Default false. */
  dataLabels?: boolean;
  /** Default screen. */
  preset?: ChartPreset;
  targets?: ChartTargetLine[];
  bands?: ChartBand[];
  /** Fan chart: the columns holding P10 and P90; rows where both are empty are history (solid line), the rest projection (dashed). */
  low?: string | null;
  high?: string | null;
  /** Waterfall: the label of the closing total bar. Default 合计. */
  totalLabel?: string | null;
}

export interface ChartSpec extends ChartOptions {
  kind: ChartKind;
  /** Column of the categories or the x values (the rows of `barh`). */
  x: string;
  /** Value columns on the main axis. */
  y: string[];
  title?: string | null;
  /** Unit of the main axis values as they are stored (元, 万元, 亿元, 家, %). */
  unit?: string | null;
}

/** One column of a result, as a chart reads it. */
export interface ChartColumn {
  name: string;
  numeric: boolean;
  /** Year-like columns are labels (2024, not 2,024) and are drawn as categories. */
  yearLike: boolean;
  /** Dates and times (DATE, TIMESTAMP, TIME): a series along x, drawn as a line at first, never read as names. */
  temporal?: boolean;
  values: (number | string | null)[];
}

/**
 * A first chart for a result: x is the first year-like or text column (else
 * the first column), y the first numeric column that is not x; a column
 * whose name says 增速/增长率/同比/% goes on the second axis as a line (the
 * classic 金额 + 同比增速 combination). Years draw a line; names draw bars,
 * horizontal when some name would wrap onto more than two lines under its
 * column (`namesWantRows`).
 */
export function defaultChartSpec(columns: readonly ChartColumn[]): ChartSpec {
  const x = columns.find((column) => column.yearLike) ?? columns.find((column) => !column.numeric) ?? columns[0];
  const numeric = columns.filter((column) => column.numeric && column !== x);
  const isRate = (name: string) => /增速|增长率|同比|占比|%|率$/.test(name);
  const amounts = numeric.filter((column) => !isRate(column.name));
  const rates = numeric.filter((column) => isRate(column.name));
  const combo = amounts.length > 0 && rates.length > 0;
  const first = combo ? amounts[0] : numeric[0];
  const unit = first ? statedUnit(columns, first) : null;
  const stated = unit === null ? {} : { unit };
  if (combo) return { kind: 'combo', x: x?.name ?? '', y: [amounts[0]!.name], y2: [rates[0]!.name], ...stated };
  const y = numeric.length > 0 ? [numeric[0]!.name] : [];
  if (x && !x.numeric && !x.yearLike && !x.temporal) return { kind: namesWantRows(categoryNames(x)) ? 'barh' : 'bar', x: x.name, y, ...stated };
  return { kind: 'line', x: x?.name ?? '', y, ...stated };
}

/** The distinct names of a category column, in the result's order: what a category axis shows. */
export function categoryNames(column: ChartColumn): string[] {
  return [...new Set(column.values.filter((value) => value !== null).map(String))];
}

/**
 * The unit a result states for its values, so a first chart's axis says
 * 亿元 and not just "value": a unit column (`unit`, `单位`, `计量单位`) holding one unit
 * in every row (observations' rows carry theirs), else the value column's
 * own header (`金额（亿元）`). Null when the rows mix units or say none.
 */
function statedUnit(columns: readonly ChartColumn[], value: ChartColumn): string | null {
  const unitColumn = columns.find((column) => !column.numeric && isUnitHeader(column.name));
  if (unitColumn) {
    const units = new Set(unitColumn.values.filter((unit) => unit !== null && String(unit).trim() !== '').map((unit) => String(unit).trim()));
    if (units.size === 1) return [...units][0]!;
    if (units.size > 1) return null;
  }
  return splitLabelUnit(value.name).unit;
}
