import { isIsoDate } from './cellCodec';
import {
  NOTEBOOK_FORMAT_VERSION,
  cellName,
  isValidName,
  type CellId,
  type NotebookCell,
  type ParameterCell,
} from './NotebookDocument';
import { analyzeNotebook } from './notebookDependencies';
import { bilingual, type Bilingual } from '../bilingual';
import { problem, type NotebookProblem } from './notebookProblem';
import { notebookProblemPhrase } from './notebookProblemTexts';
import { nonQueryKeyword } from './viewableQuery';
import type { ParsedNotebook } from './notebookText';

/**
 * Problems a notebook can have without running it: cells that do not
 * decode, duplicate or malformed names, charts whose source is missing,
 * parameters whose value is outside their range, SQL reading a view that is
 * only defined further down or a parameter that does not exist.
 */
export function checkNotebook(parsed: Pick<ParsedNotebook, 'document' | 'cellLines'>): NotebookProblem[] {
  const { document, cellLines } = parsed;
  const problems: NotebookProblem[] = [];
  const push = (cellId: CellId, item: NotebookProblem) => problems.push({ ...item, cellId });
  const lineOf = new Map<CellId, number>(document.cells.map((cell, index) => [cell.id, cellLines[index] ?? 1]));

  if (document.formatVersion > NOTEBOOK_FORMAT_VERSION) {
    problems.push(
      problem('warning', 2, 'newer-version', { version: document.formatVersion, current: NOTEBOOK_FORMAT_VERSION }),
    );
  }

  const names = new Map<string, CellId>();
  const parameterNames = new Map<string, CellId>();
  for (const cell of document.cells) {
    const line = lineOf.get(cell.id)!;
    if (cell.kind === 'raw') {
      if (cell.reason === 'invalid' && cell.problem) {
        push(cell.id, problem('error', cell.problem.line, 'cell-invalid', { problem: notebookProblemPhrase(cell.problem.code, cell.problem.params) }));
      } else {
        const type = cell.info.split(/\s/)[0] ?? '';
        push(cell.id, problem('warning', line, 'cell-unknown', { type }));
      }
      continue;
    }
    const name = cellName(cell);
    if (name !== null) {
      if (!isValidName(name)) {
        push(cell.id, problem('error', line, 'name-invalid', { name }));
      }
      const registry = cell.kind === 'parameter' ? parameterNames : names;
      const key = cell.kind === 'parameter' ? name : name.toLowerCase();
      const earlier = registry.get(key);
      if (earlier) {
        push(cell.id, problem('error', line, 'name-duplicate', { name, other: lineOf.get(earlier)! }));
      } else {
        registry.set(key, cell.id);
      }
    }
    if (cell.kind === 'parameter') checkParameter(cell, line).forEach((item) => push(cell.id, item));
    if (cell.kind === 'sql' && cell.sql.trim() === '') push(cell.id, problem('warning', line, 'sql-empty', { cell: cellLabel(cell) }));
    const keyword = cell.kind === 'sql' && cell.name !== null ? nonQueryKeyword(cell.sql) : null;
    if (keyword !== null) {
      push(cell.id, problem('error', line, 'name-not-query', { cell: cellLabel(cell), keyword }));
    }
  }

  const graph = analyzeNotebook(document);
  const cellById = new Map<CellId, NotebookCell>(document.cells.map((cell) => [cell.id, cell]));
  for (const cell of document.cells) {
    const links = graph.cells.get(cell.id)!;
    const line = lineOf.get(cell.id)!;
    for (const later of links.laterNames) {
      push(cell.id, problem('error', line, 'name-later', { cell: cellLabel(cell), name: later.name, other: lineOf.get(later.definedBy)! }));
    }
    for (const variable of links.unknownVariables) {
      push(cell.id, problem('error', line, 'variable-unknown', { cell: cellLabel(cell), name: variable }));
    }
    if (cell.kind === 'chart') {
      const sourceId = links.readsCells[0];
      const sourceCell = sourceId === undefined ? undefined : cellById.get(sourceId);
      if (!sourceCell && links.laterNames.length === 0) {
        push(cell.id, problem('error', line, 'chart-source', { name: cell.chart.source }));
      } else if (sourceCell && sourceCell.kind !== 'sql' && sourceCell.kind !== 'target') {
        push(cell.id, problem('error', line, 'chart-source-kind', { name: cell.chart.source }));
      }
    }
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function checkParameter(cell: ParameterCell, line: number): NotebookProblem[] {
  const problems: NotebookProblem[] = [];
  const parameter = cell.name;
  const { value, min, max, step, options, control } = cell;
  if (min !== null && max !== null && min > max) problems.push(problem('error', line, 'param-range', { parameter, min, max }));
  if (step !== null && !(step > 0)) problems.push(problem('error', line, 'param-step', { parameter }));
  if (control === 'slider' && (min === null || max === null)) problems.push(problem('error', line, 'param-slider', { parameter }));
  if (typeof value === 'number') {
    if (min !== null && value < min) problems.push(problem('warning', line, 'param-below', { parameter, value, min }));
    if (max !== null && value > max) problems.push(problem('warning', line, 'param-above', { parameter, value, max }));
  }
  if (control === 'select' && options && !options.includes(value)) {
    problems.push(problem('error', line, 'param-option', { parameter, value: JSON.stringify(value) }));
  }
  if (control === 'date' && options) {
    const bad = options.find((option) => typeof option !== 'string' || !isIsoDate(option));
    if (bad !== undefined) problems.push(problem('error', line, 'param-date', { parameter, option: JSON.stringify(bad) }));
  }
  return problems;
}

const KIND_NAMES: Record<NotebookCell['kind'], Bilingual> = {
  markdown: bilingual('markdown', '文字'),
  sql: bilingual('sql', 'SQL'),
  parameter: bilingual('parameter', '参数'),
  chart: bilingual('chart', '图表'),
  target: bilingual('target', '目标'),
  raw: bilingual('raw', '原样保留的'),
};

/** `sql cell "a"` / `SQL 单元格“a”`: how a problem names the cell it is in. */
function cellLabel(cell: NotebookCell): Bilingual {
  const name = cell.kind === 'raw' ? null : cellName(cell);
  const kind = KIND_NAMES[cell.kind];
  return name ? bilingual(`${kind.en} cell "${name}"`, `${kind.zh} 单元格“${name}”`) : bilingual(`${kind.en} cell`, `${kind.zh} 单元格`);
}
