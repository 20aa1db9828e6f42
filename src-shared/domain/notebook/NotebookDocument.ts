import type { TextParams } from '../bilingual';
import type { ChartKind, ChartOptions } from '../chart/ChartSpec';
import type { NotebookProblemCode } from './notebookProblemTexts';
/**
 * The notebook as a document: what is saved in the `.iwb.md` file and nothing
 * else. Session state (results, run records, scroll, selection, which cell
 * is being edited) lives in the renderer's store and is never written.
 *
 * Cells carry an `id` for the session's bookkeeping (React keys, run
 * records); ids are assigned when a file is read and are not written to it.
 */

/** The format version this build writes. See docs/notebook-format.md. */
export const NOTEBOOK_FORMAT_VERSION = 1;
/** File name ending of notebooks. */
export const NOTEBOOK_EXTENSION = '.iwb.md';

export type CellId = string & { readonly __brand: 'CellId' };

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * Fields this version does not know (written by a newer version, or by hand),
 * kept in their original order and written back unchanged.
 */
export type ExtraFields = [string, JsonValue][];

interface CellBase {
  id: CellId;
  extra: ExtraFields;
}

export interface MarkdownCell extends CellBase {
  kind: 'markdown';
  text: string;
}

/**
 * SQL. A named cell's last statement becomes a temporary view of that name
 * for the cells after it; parameters are read with `getvariable('name')`.
 */
export interface SqlCell extends CellBase {
  kind: 'sql';
  name: string | null;
  sql: string;
}

export type ParameterControl = 'slider' | 'number' | 'date' | 'select';
export const PARAMETER_CONTROLS: readonly ParameterControl[] = ['slider', 'number', 'date', 'select'];

/** A date parameter's value is an ISO date `YYYY-MM-DD`; select options are numbers or strings. */
export type ParameterValue = number | string;

/** A value the user sets with a widget; SQL reads it as the DuckDB variable `name`. */
export interface ParameterCell extends CellBase {
  kind: 'parameter';
  name: string;
  control: ParameterControl;
  label: string | null;
  value: ParameterValue;
  min: number | null;
  max: number | null;
  step: number | null;
  options: ParameterValue[] | null;
}

export type { ChartKind } from '../chart/ChartSpec';
export { CHART_KINDS } from '../chart/ChartSpec';

/**
 * A small, serializable chart description bound to a named SQL cell's
 * result. The optional style fields (second axis, preset, scaling, target
 * lines, fan and waterfall settings) are the chart domain's ChartOptions.
 */
export interface ChartCellSpec extends ChartOptions {
  kind: ChartKind;
  /** Name of the SQL (or target) cell whose result is drawn. */
  source: string;
  x: string;
  y: string[];
  title: string | null;
  /** Unit of the y values (亿元, 家, %), shown on the axis. */
  unit: string | null;
}

export interface ChartCell extends CellBase {
  kind: 'chart';
  name: string | null;
  chart: ChartCellSpec;
}

/**
 * How a target cell judges progress: the latest actual value alone, or that
 * value plus a projection of the indicator's annual series to the target
 * year with one of the projection module's methods (fitted from the series).
 */
export const TARGET_METHODS = ['latest', 'cagr', 'exponential', 'linear', 'holt', 'damped', 'logistic'] as const;
export type TargetMethod = (typeof TARGET_METHODS)[number];
/** The target methods that project. */
export type TargetProjectionMethod = Exclude<TargetMethod, 'latest'>;

/** Where a 2024 target stands: latest actual against the target, gap computed in SQL. */
export interface TargetCell extends CellBase {
  kind: 'target';
  name: string | null;
  targetId: string;
  method: TargetMethod;
}

/**
 * A block this version cannot use, kept byte for byte: a cell type from a
 * newer version (`unknown-type`), or a known type whose fields do not
 * decode (`invalid`, with the problem and its line). The user can fix an
 * invalid cell's text in place.
 */
export interface RawCell {
  kind: 'raw';
  id: CellId;
  /** The info string after the opening fence, e.g. `sql name {"x":1}` or `map regions`. */
  info: string;
  body: string;
  reason: 'unknown-type' | 'invalid';
  /**
   * Why an invalid cell did not decode: the code and values of its text in
   * notebookProblemTexts, and that text in English. `line` counts in the
   * file (or, after an edit, in the cell text from its fence).
   */
  problem: { line: number; code: NotebookProblemCode; params: TextParams; message: string } | null;
}

export type NotebookCell = MarkdownCell | SqlCell | ParameterCell | ChartCell | TargetCell | RawCell;
export type CellKind = NotebookCell['kind'];

export interface NotebookDocument {
  /** The version in the file; a newer one than this build writes is kept as is. */
  formatVersion: number;
  title: string | null;
  /** `hmac-sha256:<hex>` over the canonical content, made with the saving user's key. */
  signature: string | null;
  headerExtra: ExtraFields;
  cells: NotebookCell[];
}

/** Names of SQL cells, parameters and charts: a letter (any script) or `_`, then letters, digits or `_`. */
export const NAME_PATTERN = /^[\p{L}_][\p{L}\p{N}_]{0,63}$/u;

export function isValidName(name: string): boolean {
  return NAME_PATTERN.test(name);
}

/** The name a cell defines for later cells, if any. */
export function cellName(cell: NotebookCell): string | null {
  switch (cell.kind) {
    case 'sql':
    case 'chart':
    case 'target':
    case 'parameter':
      return cell.name;
    default:
      return null;
  }
}

let idCounter = 0;

/** A fresh id for a cell created in this session. */
export function newCellId(prefix = 'cell'): CellId {
  idCounter += 1;
  return `${prefix}-${Date.now().toString(36)}-${idCounter.toString(36)}` as CellId;
}

export function emptyNotebook(title: string | null = null): NotebookDocument {
  return { formatVersion: NOTEBOOK_FORMAT_VERSION, title, signature: null, headerExtra: [], cells: [] };
}
