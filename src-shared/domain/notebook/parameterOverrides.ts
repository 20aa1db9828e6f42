import { bilingual, type Bilingual } from '../bilingual';
import { isIsoDate, noSuchDay } from './cellCodec';
import type { NotebookDocument, ParameterCell, ParameterValue } from './NotebookDocument';

/**
 * `--param name=value` for `iwb run`: the text is read the way the
 * parameter's control reads it (a number, a date, one of the options).
 * Returns the document with the new values, or the problems in words, in
 * both languages (the app's 导出简报 passes its values through here too).
 */
export function applyParameterOverrides(
  document: NotebookDocument,
  overrides: readonly (readonly [string, string])[],
): { document: NotebookDocument; problems: Bilingual[]; warnings: Bilingual[] } {
  const problems: Bilingual[] = [];
  const warnings: Bilingual[] = [];
  const values = new Map<string, ParameterValue>();
  const parameters = new Map<string, ParameterCell>();
  for (const cell of document.cells) if (cell.kind === 'parameter' && !parameters.has(cell.name)) parameters.set(cell.name, cell);

  for (const [name, text] of overrides) {
    const parameter = parameters.get(name);
    if (!parameter) {
      const known = [...parameters.keys()];
      problems.push(
        bilingual(
          `there is no parameter "${name}"${known.length > 0 ? ` (the notebook has: ${known.join(', ')})` : ' (the notebook has none)'}`,
          `没有名为“${name}”的参数${known.length > 0 ? `（笔记本中有：${known.join('、')}）` : '（笔记本中没有参数）'}`,
        ),
      );
      continue;
    }
    const value = readValue(parameter, text);
    if (typeof value === 'object') {
      problems.push(bilingual(`parameter "${name}": ${value.problem.en}`, `参数“${name}”：${value.problem.zh}`));
      continue;
    }
    if (typeof value === 'number' && ((parameter.min !== null && value < parameter.min) || (parameter.max !== null && value > parameter.max))) {
      const range = `${parameter.min ?? '…'}–${parameter.max ?? '…'}`;
      warnings.push(bilingual(`parameter "${name}": ${value} is outside its range ${range}`, `参数“${name}”：${value} 超出其范围 ${range}（仍按此值运行）`));
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

function readValue(parameter: ParameterCell, text: string): ParameterValue | { problem: Bilingual } {
  switch (parameter.control) {
    case 'slider':
    case 'number': {
      const number = Number(text.trim());
      return text.trim() !== '' && Number.isFinite(number) ? number : { problem: bilingual(`"${text}" is not a number`, `“${text}”不是数字`) };
    }
    case 'date':
    {
      if (isIsoDate(text.trim())) return text.trim();
      const reason = noSuchDay(text.trim());
      if (reason) return { problem: bilingual(`"${text}" is no day of the calendar: ${reason.en}`, `“${text}”不是日历上存在的日期：${reason.zh}`) };
      return { problem: bilingual(`"${text}" is not a date written YYYY-MM-DD`, `“${text}”不是 YYYY-MM-DD 格式的日期`) };
    }
    case 'select': {
      const option = (parameter.options ?? []).find((candidate) => String(candidate) === text.trim());
      const options = (parameter.options ?? []).map(String);
      return option ?? { problem: bilingual(`"${text}" is not one of ${options.join(', ')}`, `“${text}”不是可选值（${options.join('、')}）之一`) };
    }
  }
}
