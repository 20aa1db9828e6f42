/**
 * The history grid: a planner's indicators × years table, typed into or
 * pasted from Excel/WPS. Reading a cell (`readHistoryCell`), mapping a pasted
 * block onto the grid (`planPaste`) and turning the edits into the rows to
 * store (`changesFromDraft`) are plain functions over plain data; numbers are
 * read by the import's `parseNumberText`, units converted only by `convertUnit`.
 */
import { bilingual, type Bilingual } from '../bilingual';
import { foldCellText, foldWidth, isMissingText, parseNumberText } from '../import/numberText';
import { matchIndicator, normalizeIndicatorName } from '../import/indicatorMatch';
import { parseYearLabel } from '../import/unpivotPlan';
import { canonicalUnit, isUnitHeader, splitLabelUnit, splitNumberUnit, unitFromText } from '../unitText';
import { rowsFromTsv } from '../tsvText';
import { impossibleValue } from '../targets/targetMeaning';
import { canConvert, convertUnit, formatValue, isKnownUnit, KNOWN_UNITS, unitDimension } from '../units';

/** One row of the grid: an indicator in a region and scope, with the unit values are stored in. */
export interface HistoryRow {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  /** The `indicators.kind` column, for `impossibleValue`; null when not known (no judgement then). */
  kind: string | null;
  region: string;
  scope: string;
}

/** One column: a year's annual figure (`period: 'annual'`) or an in-year cumulative figure such as `1-11月`. */
export interface HistoryColumn {
  year: number;
  period: string;
}

export const FIRST_HISTORY_YEAR = 2015;
/** The in-year periods a planner can choose for the grid's last column. */
export const IN_YEAR_PERIODS: readonly string[] = ['1-2月', '1-3月', '1-4月', '1-5月', '1-6月', '上半年', '1-7月', '1-8月', '1-9月', '前三季度', '1-10月', '1-11月'];

/** Annual columns from 2015 to `lastAnnualYear`, then the in-year column when one is chosen. */
export function historyColumns(lastAnnualYear: number, inYear: HistoryColumn | null): HistoryColumn[] {
  const columns: HistoryColumn[] = [];
  for (let year = FIRST_HISTORY_YEAR; year <= lastAnnualYear; year++) columns.push({ year, period: 'annual' });
  if (inYear) columns.push(inYear);
  return columns;
}

/** What a cell's text means once read. */
export type CellReading =
  | { kind: 'blank' }
  /** An explicit "no value" (— – 空 /): clears a value entered earlier. */
  | { kind: 'missing' }
  /** `entered` in `enteredUnit` as typed; `value` in the indicator's `unit` as it will be stored. */
  | { kind: 'value'; entered: number; enteredUnit: string; value: number; unit: string }
  | { kind: 'error'; reason: Bilingual };

/** A number followed by a word that is no unit we know: `12吨`, `3.5倍`. */
const NUMBER_AND_WORD = /^([-+(]?[\d.,\s]+\)?)\s*([^\d.,\s%][^\d]*)$/;

function shorten(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

/**
 * Reads one cell for an indicator stored in `indicatorUnit`. `contextUnit` is
 * the unit the block states outside the cell (its header row, the row's
 * label such as `研发费用（万元）`, a 单位 column); a unit in the cell wins
 * over it, and the indicator's own unit is assumed when neither is given.
 */
export function readHistoryCell(raw: string, indicatorUnit: string, contextUnit: string | null = null): CellReading {
  const text = foldCellText(raw);
  if (text === '') return { kind: 'blank' };
  if (isMissingText(text)) return { kind: 'missing' };
  const { number: numberText, unit: writtenUnit } = splitNumberUnit(text);
  let cellUnit = writtenUnit;
  const parsed = parseNumberText(numberText);
  if (parsed.kind !== 'number') {
    const word = NUMBER_AND_WORD.exec(text);
    if (word && parseNumberText(word[1]!).kind === 'number') {
      return {
        kind: 'error',
        reason: bilingual(
          `"${shorten(word[2]!.trim())}" is not a unit the workbench knows (known: ${KNOWN_UNITS.join(' ')})`,
          `“${shorten(word[2]!.trim())}”不是可识别的单位（可用：${KNOWN_UNITS.join(' ')}）`,
        ),
      };
    }
    return { kind: 'error', reason: bilingual(`"${shorten(raw.trim())}" is not a number`, `“${shorten(raw.trim())}”不是数字`) };
  }
  if (parsed.percent) cellUnit = '%';
  const enteredUnit = cellUnit ?? (contextUnit === null ? indicatorUnit : canonicalUnit(contextUnit));
  if (!isKnownUnit(enteredUnit) || !canConvert(enteredUnit, indicatorUnit)) {
    const from = enteredUnit === '%' ? bilingual('a percentage', '百分比') : bilingual(enteredUnit, `“${enteredUnit}”`);
    return {
      kind: 'error',
      reason: bilingual(
        `${from.en} cannot be converted to ${indicatorUnit}, the indicator's unit`,
        `${from.zh}不能换算为该指标的单位“${indicatorUnit}”`,
      ),
    };
  }
  const value = convertUnit(parsed.value, enteredUnit, indicatorUnit);
  if (unitDimension(indicatorUnit) === 'count' && !Number.isInteger(value)) {
    return { kind: 'error', reason: bilingual(`${value} ${indicatorUnit} is not a whole number`, `${value} ${indicatorUnit}不是整数`) };
  }
  return { kind: 'value', entered: parsed.value, enteredUnit, value, unit: indicatorUnit };
}

/** The grid cell a row and column address, 0-based. */
export interface CellAddress {
  row: number;
  column: number;
}

/** A cell as the planner left it: the text, and the unit the pasted block stated outside the cell. */
export interface DraftCell {
  text: string;
  unit: string | null;
}

/**
 * Reads a draft cell of a row as the save will: `readHistoryCell`, then
 * `impossibleValue` on the stored value (a share over 100 %, a count below
 * zero), so the cell turns red while it is typed and not only when the
 * save is refused. The one reading the grid's cells and `changesFromDraft`
 * use.
 */
export function readDraftCell(row: HistoryRow, cell: DraftCell): CellReading {
  const reading = readHistoryCell(cell.text, row.unit, cell.unit);
  if (reading.kind !== 'value') return reading;
  const why = impossibleValue({ code: row.code, nameZh: row.nameZh, unit: row.unit, kind: row.kind }, reading.value);
  if (!why) return reading;
  const entered = formatValue(reading.entered, reading.enteredUnit);
  return { kind: 'error', reason: bilingual(`${entered}: ${why.en}`, `${entered}：${why.zh}`) };
}

export interface PastePlan {
  edits: { row: number; column: number; cell: DraftCell }[];
  /** Parts of the block that were not pasted, and why. */
  issues: Bilingual[];
}


function sameText(a: string, b: string): boolean {
  const fold = (text: string) => foldWidth(text).replace(/[\s\u3000]/g, '').replace(/[—–－~～至]/g, '-');
  return fold(a) === fold(b);
}

/** The grid row a pasted label names (code, Chinese or English name, any width or spacing), or -1. */
function rowForLabel(label: string, rows: readonly HistoryRow[]): number {
  const name = splitLabelUnit(label).label;
  const code = matchIndicator(name, rows.map((row) => ({ code: row.code, nameZh: row.nameZh, unit: row.unit })));
  if (code !== null) return rows.findIndex((row) => row.code === code);
  const folded = normalizeIndicatorName(name);
  const english = rows.findIndex((row) => normalizeIndicatorName(row.nameEn) === folded);
  if (english !== -1 || folded.length < 4) return english;
  // A planner's shorter or longer name (`R&D经费占GDP比重` for `全社会R&D经费占GDP比重`) counts when it fits one row only.
  const fits = rows.flatMap((row, index) => {
    const own = normalizeIndicatorName(row.nameZh);
    return own.includes(folded) || folded.includes(own) ? [index] : [];
  });
  return fits.length === 1 ? fits[0]! : -1;
}

interface HeaderColumn {
  column: number;
  unit: string | null;
}

/** A header cell as a grid column: `2023`, `2023年`, `2023年（万元）`, `2024年1-11月`; null when it names no year. */
function headerColumn(header: string, columns: readonly HistoryColumn[]): HeaderColumn | 'outside' | null {
  const parsed = parseYearLabel(foldWidth(header).trim());
  if (!parsed) {
    // `1-11月` alone names the in-year column.
    const inYear = header.trim() === '' ? -1 : columns.findIndex((column) => column.period !== 'annual' && sameText(column.period, header));
    return inYear === -1 ? null : { column: inYear, unit: null };
  }
  // `2024年1-11月`: the year pattern leaves 年 on the rest when a digit follows it.
  let rest = parsed.rest.replace(/^年\s*/, '');
  let unit: string | null = null;
  const split = splitLabelUnit(rest);
  if (split.unit) {
    unit = split.unit;
    rest = split.label;
  } else if (unitFromText(rest)) {
    unit = unitFromText(rest);
    rest = '';
  }
  const annual = rest === '' || rest === '全年' || rest === '年度';
  const index = columns.findIndex((column) => column.year === parsed.year && (annual ? column.period === 'annual' : sameText(column.period, rest)));
  return index === -1 ? 'outside' : { column: index, unit: unit === null ? null : canonicalUnit(unit) };
}

function isHeaderRow(cells: readonly string[], rows: readonly HistoryRow[], columns: readonly HistoryColumn[]): boolean {
  const headers = cells.map((cell) => headerColumn(cell, columns));
  const years = headers.filter((header) => header !== null).length;
  if (years === 0) return false;
  // Plain numbers such as 2023 could be values (2023 家): the row is a header only if some label says 年 or no cell is another number.
  const saysYear = cells.some((cell) => /年/.test(cell) && headerColumn(cell, columns) !== null);
  const others = cells.filter((cell, index) => headers[index] === null && cell.trim() !== '');
  if (others.some((cell) => parseNumberText(cell).kind === 'number')) return saysYear;
  // A lone plain year beside text is a header only when that text is a heading (指标, 单位), not an indicator's name.
  return saysYear || years >= 2 || others.every((cell) => rowForLabel(cell, rows) === -1);
}

function columnsText(columns: readonly HistoryColumn[]): Bilingual {
  const annual = columns.filter((column) => column.period === 'annual');
  const inYear = columns.filter((column) => column.period !== 'annual');
  const range = annual.length > 0 ? `${annual[0]!.year}–${annual.at(-1)!.year}` : '';
  return bilingual(
    [range, ...inYear.map((column) => `${column.year} ${column.period}`)].filter(Boolean).join(', '),
    [range ? `${range} 年` : '', ...inYear.map((column) => `${column.year}年${column.period}`)].filter(Boolean).join('、'),
  );
}

/**
 * Where a block pasted at `anchor` goes. A first row of years (`2019`,
 * `2019年`, `2023年（万元）`, `2024年1-11月`) places each column by its year;
 * a column of indicator names or codes places each row by its indicator;
 * without them the block fills the grid from the anchor. Units stated above
 * a table (`单位：万元`), in the header row, in a row's label or in a 单位
 * column travel with the cells they apply to.
 */
export function planPaste(text: string, rows: readonly HistoryRow[], columns: readonly HistoryColumn[], anchor: CellAddress): PastePlan {
  const block = rowsFromTsv(text.replace(/^\uFEFF/, ''));
  const edits: PastePlan['edits'] = [];
  const issues: Bilingual[] = [];
  if (block.length === 0) return { edits, issues };
  let blockUnit: string | null = null;
  let start = 0;
  // Title and unit lines above the table: a unit line gives every cell its unit.
  while (start < block.length - 1 && start < 3 && block[start]!.filter((cell) => cell.trim() !== '').length <= 1 && !isHeaderRow(block[start]!, rows, columns)) {
    const unit = unitFromText(block[start]!.join(' '), true);
    if (unit) blockUnit = canonicalUnit(unit);
    start += 1;
  }
  if (start > 0 && blockUnit === null && !block.slice(start).some((row) => isHeaderRow(row, rows, columns))) start = 0;
  // A lone row is values (a count of 2023 pasted into a cell), never a header.
  const header = block.length > start + 1 && isHeaderRow(block[start]!, rows, columns) ? block[start]! : null;
  const data = block.slice(header ? start + 1 : start);
  const width = Math.max(...block.map((row) => row.length));

  let unitColumn: number | null = null;
  if (header) {
    const found = header.findIndex((cell) => isUnitHeader(cell));
    if (found !== -1) unitColumn = found;
  }
  let labelColumn: number | null = null;
  for (let column = 0; column < width && labelColumn === null; column++) {
    if (column === unitColumn || (header && headerColumn(header[column] ?? '', columns) !== null)) continue;
    const labels = data.map((row) => (row[column] ?? '').trim()).filter((cell) => cell !== '');
    if (labels.some((label) => parseNumberText(label).kind !== 'number' && rowForLabel(label, rows) !== -1)) labelColumn = column;
  }
  // A first column of text that names no indicator is still a label column: its rows are reported, not pasted as values.
  if (labelColumn === null && width >= 2 && unitColumn !== 0 && !(header && headerColumn(header[0] ?? '', columns) !== null)) {
    const first = data.map((row) => (row[0] ?? '').trim()).filter((cell) => cell !== '' && !isMissingText(cell));
    if (first.length > 0 && first.every((cell) => parseNumberText(cell).kind === 'text')) labelColumn = 0;
  }

  // Which grid column each block column fills, with the unit its header states.
  const targets = new Map<number, HeaderColumn>();
  if (header) {
    header.forEach((cell, column) => {
      if (column === labelColumn || column === unitColumn) return;
      const found = headerColumn(cell, columns);
      if (found === 'outside') {
        issues.push(bilingual(`Column "${shorten(cell.trim())}" is not in the grid (${columnsText(columns).en}); not pasted.`, `列“${shorten(cell.trim())}”不在表格中（${columnsText(columns).zh}），未粘贴。`));
      } else if (found !== null) {
        targets.set(column, found);
      } else if (cell.trim() !== '') {
        issues.push(bilingual(`Column "${shorten(cell.trim())}" is not a year; not pasted.`, `列“${shorten(cell.trim())}”不是年份，未粘贴。`));
      }
    });
  } else {
    let next = anchor.column;
    for (let column = 0; column < width; column++) {
      if (column === labelColumn || column === unitColumn) continue;
      targets.set(column, { column: next, unit: null });
      next += 1;
    }
  }

  let outside = 0;
  data.forEach((cells, index) => {
    if (cells.every((cell) => cell.trim() === '')) return;
    let row: number;
    let rowUnit: string | null = null;
    if (labelColumn !== null) {
      const label = (cells[labelColumn] ?? '').trim();
      row = label === '' ? -1 : rowForLabel(label, rows);
      if (row === -1) {
        const line = (header ? start + 2 : start + 1) + index;
        issues.push(
          label === ''
            ? bilingual(`Row ${line} has no indicator name; not pasted.`, `第 ${line} 行没有指标名称，未粘贴。`)
            : bilingual(`Row ${line}: "${shorten(label)}" is not an indicator of this grid; not pasted.`, `第 ${line} 行：“${shorten(label)}”不是表格中的指标，未粘贴。`),
        );
        return;
      }
      rowUnit = splitLabelUnit(label).unit;
    } else {
      row = anchor.row + index;
    }
    if (unitColumn !== null && (cells[unitColumn] ?? '').trim() !== '') rowUnit = foldWidth(cells[unitColumn]!).trim();
    for (const [blockColumn, target] of targets) {
      const textInCell = cells[blockColumn] ?? '';
      if (row < 0 || row >= rows.length || target.column < 0 || target.column >= columns.length) {
        if (textInCell.trim() !== '') outside += 1;
        continue;
      }
      const unit = rowUnit ?? target.unit ?? blockUnit;
      edits.push({ row, column: target.column, cell: { text: textInCell, unit: unit === null ? null : canonicalUnit(unit) } });
    }
  });
  if (outside > 0) issues.push(bilingual(`${outside} cells fall outside the grid and were not pasted.`, `有 ${outside} 个单元格超出表格范围，未粘贴。`));
  return { edits, issues };
}

/** What makes one observation: the workspace holds at most one user row per identity. */
export interface ObservationIdentity {
  indicatorCode: string;
  region: string;
  scope: string;
  year: number;
  period: string;
}

export function observationKey(identity: ObservationIdentity): string {
  return [identity.indicatorCode, identity.region, identity.scope, identity.year, identity.period].join('|');
}

/** The key of a grid cell: the identity of the observation it shows. */
export function historyCellKey(row: HistoryRow, column: HistoryColumn): string {
  return observationKey({ indicatorCode: row.code, region: row.region, scope: row.scope, year: column.year, period: column.period });
}

/** A value the workspace already holds for a cell. */
export interface StoredValue {
  obsId: string;
  value: number;
  unit: string;
  status: string;
  /** Where it came from: the source title or note. */
  source: string | null;
}

/** Per cell key: the bundled value and the user's own row (typed, pasted or imported), either or both. */
export type StoredCells = Record<string, { bundled?: StoredValue; user?: StoredValue }>;

/** A stored point as the datasets API returns it. */
export interface StoredPoint extends ObservationIdentity {
  obsId: string;
  value: number;
  unit: string;
  status: string;
  origin: string;
  note: string | null;
}

export function storedCells(points: readonly StoredPoint[], sourceOf: (point: StoredPoint) => string | null = (point) => point.note): StoredCells {
  const cells: StoredCells = {};
  for (const point of points) {
    const key = observationKey(point);
    const stored: StoredValue = { obsId: point.obsId, value: point.value, unit: point.unit, status: point.status, source: sourceOf(point) };
    const cell = (cells[key] ??= {});
    if (point.origin === 'user') cell.user = stored;
    else cell.bundled ??= stored;
  }
  return cells;
}

/** One row to write: `value` (in `unit`, as entered) null removes the user's row for that cell. */
export interface ObservationChange extends ObservationIdentity {
  value: number | null;
  unit: string;
}

export interface CellProblem extends CellAddress {
  reason: Bilingual;
}

/**
 * The rows a save writes: every edited cell whose reading differs from the
 * user's stored row. A blank or — over a user's row removes it; over a
 * bundled value it changes nothing. Cells that cannot be read, or hold a
 * value the indicator cannot have (`readDraftCell`), are problems
 * and block the save.
 */
export function changesFromDraft(
  rows: readonly HistoryRow[],
  columns: readonly HistoryColumn[],
  draft: Readonly<Record<string, DraftCell>>,
  stored: StoredCells,
): { changes: ObservationChange[]; problems: CellProblem[] } {
  const changes: ObservationChange[] = [];
  const problems: CellProblem[] = [];
  rows.forEach((row, rowIndex) => {
    columns.forEach((column, columnIndex) => {
      const key = historyCellKey(row, column);
      const cell = draft[key];
      if (!cell) return;
      const reading = readDraftCell(row, cell);
      const user = stored[key]?.user;
      const identity = { indicatorCode: row.code, region: row.region, scope: row.scope, year: column.year, period: column.period };
      if (reading.kind === 'error') problems.push({ row: rowIndex, column: columnIndex, reason: reading.reason });
      else if (reading.kind === 'value') {
        if (!user || user.value !== reading.value) changes.push({ ...identity, value: reading.entered, unit: reading.enteredUnit });
      } else if (user) changes.push({ ...identity, value: null, unit: row.unit });
    });
  });
  return { changes, problems };
}

/** Where a row's figures belong. */
export interface HistoryPlace {
  region: string;
  scope: string;
}

/** The place of an indicator that has neither a target nor an observation yet: the county as a whole. */
export const DEFAULT_HISTORY_PLACE: HistoryPlace = { region: '慈溪市', scope: '全市' };

type RowIndicator = Pick<HistoryRow, 'code' | 'nameZh' | 'nameEn' | 'unit' | 'kind'>;

/**
 * The grid's rows: each target's indicator in the target's own region and
 * scope (board order, each once), then an extra indicator (the one open in
 * 数据来源) in every place its observations have that no row has yet; with
 * neither a target nor an observation it gets DEFAULT_HISTORY_PLACE. A row
 * saves with its own region and scope.
 */
export function historyRowsFor(
  targets: readonly (HistoryPlace & { indicatorCode: string; nameZh: string; nameEn: string; unit: string; indicatorKind: string | null })[],
  extra: { indicator: RowIndicator; places: readonly HistoryPlace[] } | null = null,
): HistoryRow[] {
  const rows: HistoryRow[] = [];
  const seen = new Set<string>();
  const add = (row: HistoryRow) => {
    const key = `${row.code}|${row.region}|${row.scope}`;
    if (seen.has(key)) return;
    seen.add(key);
    rows.push(row);
  };
  for (const target of targets) add({ code: target.indicatorCode, nameZh: target.nameZh, nameEn: target.nameEn, unit: target.unit, kind: target.indicatorKind, region: target.region, scope: target.scope });
  if (extra) {
    const places = extra.places.length > 0 ? extra.places : rows.some((row) => row.code === extra.indicator.code) ? [] : [DEFAULT_HISTORY_PLACE];
    for (const place of places) add({ ...extra.indicator, region: place.region, scope: place.scope });
  }
  return rows;
}

