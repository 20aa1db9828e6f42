import type { ImportPreview } from '@shared/contract/workbenchContract';
import { bilingual, localizedError, type Bilingual } from '@shared/contract/errorTexts';
import { WorkbenchError } from '@shared/contract/WorkbenchError';
import type { ImportSource } from './importSources';
import { closeSync, openSync, readSync } from 'node:fs';
import { firstMixedLineEnding } from '@shared/domain/import/lineEndings';
import { importCancelled } from './textSource';

/** A file DuckDB cannot open or read, named with what was tried. */
export function fileError(source: ImportSource, what: Bilingual, error: unknown): WorkbenchError {
  const detail = error instanceof Error ? error.message : String(error);
  return localizedError('import-read', { file: source.fileName, what, detail: detail.split('\n')[0]! }, detail);
}

/** ` (sheet "name")`, in both languages, or nothing for a text file. */
export function sheetPhrase(sheet: string | null): Bilingual {
  return sheet ? bilingual(` (sheet "${sheet}")`, `（工作表“${sheet}”）`) : bilingual('', '');
}

/**
 * The value DuckDB's CSV reader refused and the reader column (`c3`, the
 * table's fourth column, see csvReaderSelect) it was for.
 */
export function readerConversion(detail: string): { sourceIndex: number; value: string; type: string } | null {
  const match = /Error when converting column "c(\d+)"\. Could not convert string "([\s\S]*?)" to '(\w+)'/.exec(detail);
  return match ? { sourceIndex: Number(match[1]), value: match[2]!, type: match[3]! } : null;
}

const TYPE_NAMES: Record<string, Bilingual> = {
  BIGINT: bilingual('a whole number', '整数'),
  DOUBLE: bilingual('a number', '数字'),
  DATE: bilingual('a date', '日期'),
  TIMESTAMP: bilingual('a date and time', '日期时间'),
  BOOLEAN: bilingual('TRUE or FALSE', 'TRUE 或 FALSE'),
};

/**
 * DuckDB's error while loading, with the file named. DuckDB's "Line" counts records (a
 * spreadsheet's row numbers); `recordsBefore`, the records of the file before
 * the part DuckDB read, makes it the file's.
 */
export function loadError(source: ImportSource, preview: ImportPreview, error: unknown, recordsBefore = 0): WorkbenchError {
  if (error instanceof WorkbenchError && error.kind === 'cancelled') return importCancelled();
  // The engine's own trouble (it restarted, or a bug) is not the file's: passed on as it is.
  if (error instanceof WorkbenchError && (error.kind === 'bug' || error.code === 'import-lost')) return error;
  let detail = error instanceof WorkbenchError ? (error.detail ?? error.message) : error instanceof Error ? error.message : String(error);
  if (recordsBefore > 0) detail = detail.replace(/(CSV Error on Line: )(\d+)/g, (_, label: string, line: string) => `${label}${Number(line) + recordsBefore}`);
  let hint = bilingual('', '');
  // What the planner reads; `detail` stays DuckDB's own (the retry in Importer reads it).
  let shown = detail;
  const refused = readerConversion(detail);
  const column = refused ? preview.columns.find((candidate) => candidate.sourceIndex === refused.sourceIndex) : undefined;
  if (/Expected Number of Columns|too many columns|column count/i.test(detail)) {
    hint = bilingual(' A row has more or fewer fields than the header: check the quoting and the delimiter on that line.', '有一行的字段数与表头不同：请检查该行的引号和分隔符。');
  } else if (refused && column) {
    // DuckDB names its reader's column (c1): the planner knows it by its header.
    shown = detail.replace(`column "c${refused.sourceIndex}"`, `column "${column.name}"`);
    const type = TYPE_NAMES[column.type] ?? bilingual(column.type, column.type);
    const value = refused.value.length > 40 ? `${refused.value.slice(0, 40)}…` : refused.value;
    hint = bilingual(
      ` Column "${column.name}" has "${value}", which is not ${type.en}: correct that cell, or change the column's type to text (VARCHAR) in the preview.`,
      `列“${column.name}”中的“${value}”不是${type.zh}：请改正该单元格，或在预览中把该列改为文本（VARCHAR）。`,
    );
  } else if (/unterminated quote/i.test(detail)) {
    hint = bilingual(
      ' A quoted cell is never closed: a " opens a cell on that line and no closing " follows, so the rest of the file would be one cell. Close the quote (write a quote inside a cell as "") and import again.',
      '有一个引号没有闭合：该行有一个 " 开始了一个单元格，后面却没有对应的 "，文件的其余部分都会被当成这一个单元格。请补上引号（单元格内的引号写成 ""）后再导入。',
    );
  } else if (/Could not convert|Conversion Error/i.test(detail)) {
    hint = bilingual(' A value does not fit the column type: change the column type to text (VARCHAR) in the preview.', '有一个值不符合列的类型：请在预览中把该列改为文本（VARCHAR）。');
  } else if (/Maximum line size/i.test(detail)) {
    hint = bilingual(' A line is longer than 64 MB.', '有一行超过 64 MB。');
  }
  let line = /CSV Error on Line: (\d+)/.exec(detail)?.[1];
  const mixed = /state machine reached an invalid state/i.test(detail) ? mixedLineEndingIn(source.path) : null;
  if (mixed) {
    // DuckDB names no line for this: say which line and what to do.
    line = String(mixed.line);
    hint = bilingual(
      ` The file mixes line endings: its lines end with ${mixed.usual}, but line ${mixed.line} ends with ${mixed.ending}. Save it again as CSV from Excel or WPS (or convert the line endings in a text editor) and import again.`,
      `文件混用了换行符：各行以 ${mixed.usual} 结尾，但第 ${mixed.line} 行以 ${mixed.ending} 结尾。请在 WPS 或 Excel 中重新另存为 CSV（或在文本编辑器中统一换行符）后再导入。`,
    );
  }
  return localizedError(
    'import-load',
    {
      file: source.fileName,
      where: sheetPhrase(preview.settings.sheet),
      at: bilingual('', line ? `问题在文件的第 ${line} 行。` : ''),
      detail: shown.split('\n').slice(0, 4).join(' ').replace(/\s*Possible fixes:.*$/s, '.'),
      hint,
    },
    detail,
  );
}

/** The first line of a file (its first 16 MiB) whose line ending differs from the first line's. */
function mixedLineEndingIn(path: string): ReturnType<typeof firstMixedLineEnding> {
  try {
    const handle = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(16 * 1024 * 1024);
      const read = readSync(handle, buffer, 0, buffer.length, 0);
      return firstMixedLineEnding(buffer.subarray(0, read).toString('latin1'));
    } finally {
      closeSync(handle);
    }
  } catch {
    return null;
  }
}
