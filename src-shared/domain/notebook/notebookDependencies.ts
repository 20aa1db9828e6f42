import type { CellId, NotebookCell, NotebookDocument, ParameterValue, SqlCell, TargetCell } from './NotebookDocument';
import { encodeCell } from './cellCodec';
import { sqlReferences } from './sqlReferences';
import { parseInfo } from './notebookSource';

/**
 * Which cells read which: named SQL cells (and tables or views a cell
 * creates) are read by later cells that mention the name; parameters are
 * read through getvariable('name'); a chart reads its source cell. Built
 * from the text with `sqlReferences` (see there for what it cannot see).
 */

export interface CellLinks {
  id: CellId;
  /** Lower-cased names this cell defines for later cells. */
  defines: string[];
  /** Earlier cells whose names this cell mentions, in notebook order. */
  readsCells: CellId[];
  /** Parameters this cell reads, by name. */
  readsParameters: string[];
  /** Names mentioned here that only a later cell defines (the run order would break). */
  laterNames: { name: string; definedBy: CellId }[];
  /** getvariable('x') calls naming no parameter of the notebook. */
  unknownVariables: string[];
}

export interface NotebookGraph {
  cells: Map<CellId, CellLinks>;
  order: CellId[];
  /** Parameter name → its cell. */
  parameters: Map<string, CellId>;
}

/** Cells that run in the engine; markdown, parameters, charts and raw cells do not. */
export function isRunnable(cell: NotebookCell): boolean {
  return cell.kind === 'sql' || cell.kind === 'target';
}

function definedNames(cell: NotebookCell): string[] {
  if (cell.kind === 'sql') {
    const names = [...sqlReferences(cell.sql).creates];
    if (cell.name) names.unshift(cell.name.toLowerCase());
    return [...new Set(names)];
  }
  if ((cell.kind === 'target' || cell.kind === 'chart') && cell.name) return [cell.name.toLowerCase()];
  return [];
}

/** The position of the first value above `index` in ascending `sorted` (its length when none is). */
function firstAbove(sorted: readonly number[], index: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! <= index) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The name of a parameter cell whose text did not decode (its own problem is reported on it), or null. */
function brokenParameterName(cell: NotebookCell): string | null {
  if (cell.kind !== 'raw' || cell.reason !== 'invalid') return null;
  try {
    const info = parseInfo(cell.info, 1);
    return info.type === 'parameter' ? info.name : null;
  } catch {
    return null;
  }
}

export function analyzeNotebook(document: NotebookDocument): NotebookGraph {
  const parameters = new Map<string, CellId>();
  for (const cell of document.cells) if (cell.kind === 'parameter' && !parameters.has(cell.name)) parameters.set(cell.name, cell.id);
  // A reader of a parameter whose cell is broken is not told "there is no parameter": the cell says what is wrong.
  const broken = new Set(document.cells.map(brokenParameterName).filter((name): name is string => name !== null));

  const definitions = document.cells.map((cell) => ({ id: cell.id, names: definedNames(cell) }));
  // Name → the indices of the cells defining it, ascending: lookups stay cheap in a notebook of thousands of cells.
  const definers = new Map<string, number[]>();
  definitions.forEach((definition, index) => {
    for (const name of definition.names) {
      const list = definers.get(name);
      if (list === undefined) definers.set(name, [index]);
      else if (list[list.length - 1] !== index) list.push(index);
    }
  });
  const cells = new Map<CellId, CellLinks>();
  document.cells.forEach((cell, index) => {
    const links: CellLinks = { id: cell.id, defines: definitions[index]!.names, readsCells: [], readsParameters: [], laterNames: [], unknownVariables: [] };
    let mentioned = new Set<string>();
    if (cell.kind === 'sql') {
      const references = sqlReferences(cell.sql);
      mentioned = references.identifiers;
      for (const own of links.defines) mentioned.delete(own);
      if (references.readsAnyVariable) links.readsParameters = [...parameters.keys()];
      else {
        links.readsParameters = [...references.variables].filter((name) => parameters.has(name));
        links.unknownVariables = [...references.variables].filter((name) => !parameters.has(name) && !broken.has(name));
      }
    } else if (cell.kind === 'chart') {
      mentioned = new Set([cell.chart.source.toLowerCase()]);
    }
    const reads = new Set<number>();
    for (const name of mentioned) {
      const indices = definers.get(name);
      if (indices === undefined) continue;
      // The nearest definition above wins; failing that, the first one below is the problem to report.
      const after = firstAbove(indices, index);
      if (after > 0 && indices[after - 1]! < index) reads.add(indices[after - 1]!);
      else if (after < indices.length) links.laterNames.push({ name, definedBy: definitions[indices[after]!]!.id });
    }
    links.readsCells = [...reads].sort((a, b) => a - b).map((at) => definitions[at]!.id);
    cells.set(cell.id, links);
  });
  return { cells, order: document.cells.map((cell) => cell.id), parameters };
}

/**
 * The cell whose result a chart cell draws: the nearest SQL or target cell
 * above it with the name its source gives (case ignored).
 * One rule for the app's chart cells, its briefing export and `iwb run`.
 */
export function chartSourceCell(document: NotebookDocument, chartId: CellId): SqlCell | TargetCell | null {
  return sourceOfChartAt(document, document.cells.findIndex((cell) => cell.id === chartId));
}

function sourceOfChartAt(document: NotebookDocument, index: number): SqlCell | TargetCell | null {
  const chart = document.cells[index];
  if (!chart || chart.kind !== 'chart') return null;
  const wanted = chart.chart.source.toLowerCase();
  for (let above = index - 1; above >= 0; above--) {
    const cell = document.cells[above]!;
    if ((cell.kind === 'sql' || cell.kind === 'target') && cell.name?.toLowerCase() === wanted) return cell;
  }
  return null;
}

/** Whether a chart cell draws cell `id`'s result (`chartSourceCell`). */
export function isChartedCell(document: NotebookDocument, id: CellId): boolean {
  return document.cells.some((_cell, index) => sourceOfChartAt(document, index)?.id === id);
}

/**
 * Cells downstream of the given cells or parameters (transitively), in
 * notebook order, not including the starting cells themselves.
 */
export function downstreamOf(graph: NotebookGraph, start: { cells?: readonly CellId[]; parameters?: readonly string[] }): CellId[] {
  const affected = new Set<CellId>(start.cells ?? []);
  const parameters = new Set(start.parameters ?? []);
  const result: CellId[] = [];
  for (const id of graph.order) {
    const links = graph.cells.get(id)!;
    if (affected.has(id) && (start.cells ?? []).includes(id)) continue;
    const reads = links.readsCells.some((cell) => affected.has(cell)) || links.readsParameters.some((name) => parameters.has(name));
    if (reads) {
      affected.add(id);
      result.push(id);
    }
  }
  return result;
}

/** Everything a cell's result depends on, recorded when it runs. */
export interface CellRunRecord {
  inputKey: string;
  /** Increases each time the cell runs successfully; downstream records remember the version they saw. */
  outputVersion: number;
}

export type CellRunStatus = 'idle' | 'fresh' | 'stale';

/**
 * The key of a cell's inputs right now: its own text, the values of the
 * parameters it reads, and the output versions of the cells it reads.
 */
export function cellInputKey(
  cell: NotebookCell,
  graph: NotebookGraph,
  parameterValues: ReadonlyMap<string, ParameterValue>,
  records: ReadonlyMap<CellId, CellRunRecord>,
): string {
  const links = graph.cells.get(cell.id);
  const encoded = encodeCell(cell);
  return JSON.stringify([
    encoded.info,
    encoded.bodyLines,
    (links?.readsParameters ?? []).map((name) => [name, parameterValues.get(name) ?? null]),
    (links?.readsCells ?? []).map((id) => [id, records.get(id)?.outputVersion ?? -1]),
  ]);
}

/**
 * Run status of every runnable cell: `idle` (not run in this session),
 * `fresh`, or `stale` (its text, a parameter it reads, or an earlier cell it
 * reads changed since it ran, or a cell it reads is itself stale). A chart
 * takes the status of its source.
 */
export function cellStatuses(
  document: NotebookDocument,
  graph: NotebookGraph,
  parameterValues: ReadonlyMap<string, ParameterValue>,
  records: ReadonlyMap<CellId, CellRunRecord>,
): Map<CellId, CellRunStatus> {
  const statuses = new Map<CellId, CellRunStatus>();
  for (const cell of document.cells) {
    const links = graph.cells.get(cell.id)!;
    if (cell.kind === 'chart') {
      const source = links.readsCells[0];
      statuses.set(cell.id, source ? (statuses.get(source) ?? 'idle') : 'idle');
      continue;
    }
    if (!isRunnable(cell)) continue;
    const record = records.get(cell.id);
    if (!record) {
      statuses.set(cell.id, 'idle');
      continue;
    }
    const upstreamStale = links.readsCells.some((id) => statuses.get(id) === 'stale');
    statuses.set(cell.id, upstreamStale || record.inputKey !== cellInputKey(cell, graph, parameterValues, records) ? 'stale' : 'fresh');
  }
  return statuses;
}

/** Current parameter values by name (the first cell of a name wins, as in the graph). */
export function parameterValues(document: NotebookDocument): Map<string, ParameterValue> {
  const values = new Map<string, ParameterValue>();
  for (const cell of document.cells) if (cell.kind === 'parameter' && !values.has(cell.name)) values.set(cell.name, cell.value);
  return values;
}
