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
import { problem, type NotebookProblem } from './notebookProblem';
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
  const label = (cell: NotebookCell) => {
    const name = cell.kind === 'raw' ? null : cellName(cell);
    return name ? `${cell.kind} cell "${name}"` : `${cell.kind} cell`;
  };

  if (document.formatVersion > NOTEBOOK_FORMAT_VERSION) {
    problems.push(
      problem('warning', 2, 'newer-version', `written by a newer version (format ${document.formatVersion}; this app writes ${NOTEBOOK_FORMAT_VERSION}); parts it does not know are kept as they are`, {
        version: document.formatVersion,
      }),
    );
  }

  const names = new Map<string, CellId>();
  const parameterNames = new Map<string, CellId>();
  for (const cell of document.cells) {
    const line = lineOf.get(cell.id)!;
    if (cell.kind === 'raw') {
      if (cell.reason === 'invalid' && cell.problem) {
        push(cell.id, problem('error', cell.problem.line, 'cell-invalid', cell.problem.message));
      } else {
        const type = cell.info.split(/\s/)[0] ?? '';
        push(cell.id, problem('warning', line, 'cell-unknown', `"${type}" cells are not known to this version; the cell is kept as it is and not run`, { type }));
      }
      continue;
    }
    const name = cellName(cell);
    if (name !== null) {
      if (!isValidName(name)) {
        push(
          cell.id,
          problem('error', line, 'name-invalid', `"${name}" is not a usable name: start with a letter or _, then letters, digits or _ (at most 64)`, { name }),
        );
      }
      const registry = cell.kind === 'parameter' ? parameterNames : names;
      const key = cell.kind === 'parameter' ? name : name.toLowerCase();
      const earlier = registry.get(key);
      if (earlier) {
        push(cell.id, problem('error', line, 'name-duplicate', `the name "${name}" is already used by the cell on line ${lineOf.get(earlier)}`, { name, other: lineOf.get(earlier)! }));
      } else {
        registry.set(key, cell.id);
      }
    }
    if (cell.kind === 'parameter') checkParameter(cell, line).forEach((item) => push(cell.id, item));
    if (cell.kind === 'sql' && cell.sql.trim() === '') push(cell.id, problem('warning', line, 'sql-empty', `the ${label(cell)} has no SQL`));
    const keyword = cell.kind === 'sql' && cell.name !== null ? nonQueryKeyword(cell.sql) : null;
    if (keyword !== null) {
      push(
        cell.id,
        problem('error', line, 'name-not-query', `the ${label(cell)} ends with ${keyword}, not a query; a named cell becomes a view for later cells, so remove the name or end it with a SELECT`, {
          keyword,
        }),
      );
    }
  }

  const graph = analyzeNotebook(document);
  const cellById = new Map<CellId, NotebookCell>(document.cells.map((cell) => [cell.id, cell]));
  for (const cell of document.cells) {
    const links = graph.cells.get(cell.id)!;
    const line = lineOf.get(cell.id)!;
    for (const later of links.laterNames) {
      push(
        cell.id,
        problem('error', line, 'name-later', `the ${label(cell)} uses "${later.name}", which the cell on line ${lineOf.get(later.definedBy)} defines further down; cells run from top to bottom`, {
          name: later.name,
          other: lineOf.get(later.definedBy)!,
        }),
      );
    }
    for (const variable of links.unknownVariables) {
      push(cell.id, problem('error', line, 'variable-unknown', `the ${label(cell)} reads getvariable('${variable}'), but there is no parameter "${variable}"`, { name: variable }));
    }
    if (cell.kind === 'chart') {
      const sourceId = links.readsCells[0];
      const sourceCell = sourceId === undefined ? undefined : cellById.get(sourceId);
      if (!sourceCell && links.laterNames.length === 0) {
        push(cell.id, problem('error', line, 'chart-source', `the chart's source "${cell.chart.source}" is not the name of a cell above it`, { name: cell.chart.source }));
      } else if (sourceCell && sourceCell.kind !== 'sql' && sourceCell.kind !== 'target') {
        push(cell.id, problem('error', line, 'chart-source', `the chart's source "${cell.chart.source}" is not a SQL or target cell`, { name: cell.chart.source }));
      }
    }
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function checkParameter(cell: ParameterCell, line: number): NotebookProblem[] {
  const problems: NotebookProblem[] = [];
  const where = `parameter "${cell.name}"`;
  const { value, min, max, step, options, control } = cell;
  if (min !== null && max !== null && min > max) problems.push(problem('error', line, 'param-range', `${where}: min ${min} is above max ${max}`));
  if (step !== null && !(step > 0)) problems.push(problem('error', line, 'param-step', `${where}: step must be above 0`));
  if (control === 'slider' && (min === null || max === null)) problems.push(problem('error', line, 'param-slider', `${where}: a slider needs min and max`));
  if (typeof value === 'number') {
    if (min !== null && value < min) problems.push(problem('warning', line, 'param-below', `${where}: the value ${value} is below min ${min}`));
    if (max !== null && value > max) problems.push(problem('warning', line, 'param-above', `${where}: the value ${value} is above max ${max}`));
  }
  if (control === 'select' && options && !options.includes(value)) {
    problems.push(problem('error', line, 'param-option', `${where}: the value ${JSON.stringify(value)} is not one of the options`));
  }
  if (control === 'date' && options) {
    const bad = options.find((option) => typeof option !== 'string' || !isIsoDate(option));
    if (bad !== undefined) problems.push(problem('error', line, 'param-date', `${where}: option ${JSON.stringify(bad)} is not a date YYYY-MM-DD`));
  }
  return problems;
}
