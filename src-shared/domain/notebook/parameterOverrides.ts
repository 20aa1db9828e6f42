import { isIsoDate } from './cellCodec';
import type { NotebookDocument, ParameterCell, ParameterValue } from './NotebookDocument';

/**
 * `--param name=value` for `iwb run`: the text is read the way the
 * parameter's control reads it (a number, a date, one of the options).
 * Returns the document with the new values, or the problems in words.
 */
export function applyParameterOverrides(
  document: NotebookDocument,
  overrides: readonly (readonly [string, string])[],
): { document: NotebookDocument; problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  const values = new Map<string, ParameterValue>();
  const parameters = new Map<string, ParameterCell>();
  for (const cell of document.cells) if (cell.kind === 'parameter' && !parameters.has(cell.name)) parameters.set(cell.name, cell);

  for (const [name, text] of overrides) {
    const parameter = parameters.get(name);
    if (!parameter) {
      const known = [...parameters.keys()];
      problems.push(`there is no parameter "${name}"${known.length > 0 ? ` (the notebook has: ${known.join(', ')})` : ' (the notebook has none)'}`);
      continue;
    }
    const value = readValue(parameter, text);
    if (typeof value === 'object') {
      problems.push(`parameter "${name}": ${value.problem}`);
      continue;
    }
    if (typeof value === 'number' && ((parameter.min !== null && value < parameter.min) || (parameter.max !== null && value > parameter.max))) {
      warnings.push(`parameter "${name}": ${value} is outside its range ${parameter.min ?? '…'}–${parameter.max ?? '…'}`);
    }
    values.set(name, value);
  }
  return {
    document: {
      ...document,
      cells: document.cells.map((cell) => (cell.kind === 'parameter' && parameters.get(cell.name) === cell && values.has(cell.name) ? { ...cell, value: values.get(cell.name)! } : cell)),
    },
    problems,
    warnings,
  };
}

function readValue(parameter: ParameterCell, text: string): ParameterValue | { problem: string } {
  switch (parameter.control) {
    case 'slider':
    case 'number': {
      const number = Number(text.trim());
      return text.trim() !== '' && Number.isFinite(number) ? number : { problem: `"${text}" is not a number` };
    }
    case 'date':
      return isIsoDate(text.trim()) ? text.trim() : { problem: `"${text}" is not a date written YYYY-MM-DD` };
    case 'select': {
      const option = (parameter.options ?? []).find((candidate) => String(candidate) === text.trim());
      return option ?? { problem: `"${text}" is not one of ${(parameter.options ?? []).map(String).join(', ')}` };
    }
  }
}
