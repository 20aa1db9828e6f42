import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { tableFromIPC, type Field, type Table } from 'apache-arrow';
import type { QueryId, QueryResult, ResultId } from '@shared/contract/workbenchContract';
import { WorkbenchError } from '@shared/contract/WorkbenchError';
import { localizedError } from '@shared/contract/errorTexts';
import {
  cellDisplayText,
  cellJsonLiteral,
  cellPlainText,
  columnKind,
  isNumericKind,
} from '@shared/domain/arrowCells';
import { csvField } from '@shared/domain/csvText';
import { displayWidth, padDisplay } from '@shared/domain/textWidth';
import type { Workbench } from '../../services/createWorkbench';
import { EXIT, UsageError, type CliCommand, type CliContext } from '../cliCommand';

const STREAM_WINDOW_ROWS = 50_000;
const DEFAULT_TABLE_ROWS = 1_000;

export const queryCommand: CliCommand = {
  name: 'query',
  summary: 'Run SQL against the workspace and print the result / 运行 SQL',
  usage: 'iwb query "SQL" [--format table|csv|json|arrow|parquet] [--output FILE [--overwrite]] [--timeout SECONDS] [--max-rows N] [--workspace PATH]',
  options: {
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    timeout: { type: 'string' },
    'max-rows': { type: 'string' },
    overwrite: { type: 'boolean' },
  },
  // Ctrl+C cancels the engine work in progress, so an interrupted file write removes its temporary file.
  handlesInterrupt: true,
  allowPositionals: true,
  async run(values, positionals, context) {
    if (positionals.length !== 1) throw new UsageError('Give exactly one SQL text, quoted, e.g. iwb query "select 42 as answer"');
    const sql = positionals[0]!;
    const format = (values.format as string | undefined) ?? 'table';
    if (!['table', 'csv', 'json', 'arrow', 'parquet'].includes(format)) throw new UsageError(`--format must be table, csv, json, arrow or parquet (got "${format}")`);
    const output = values.output as string | undefined;
    const binary = format === 'arrow' || format === 'parquet';
    if (binary && !output) throw new UsageError(`--format ${format} writes a file: give it with --output FILE`);
    if (!binary && output) throw new UsageError('--output is for --format arrow or parquet; csv, json and table print to standard output');
    if (values.overwrite && !output) throw new UsageError('--overwrite goes with --output FILE');
    const timeoutSeconds = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeoutSeconds !== undefined && !(timeoutSeconds > 0)) {
      throw new UsageError(`--timeout must be a positive number of seconds (got "${String(values.timeout)}")`);
    }
    const maxRows = values['max-rows'] === undefined ? DEFAULT_TABLE_ROWS : Number(values['max-rows']);
    if (!Number.isInteger(maxRows) || maxRows < 1) throw new UsageError('--max-rows must be a positive whole number');

    const workbench = await context.openWorkbench();
    const api = workbench.client;
    // The engine work in progress (the query, then the file it writes): what --timeout and Ctrl+C cancel.
    let current = `cli_${randomBytes(6).toString('hex')}` as QueryId;
    let stopped: 'timeout' | 'interrupt' | null = null;
    const stop = (reason: 'timeout' | 'interrupt') => {
      stopped ??= reason;
      void api.query.cancel({ queryId: current }).catch(() => undefined);
    };
    const timer = timeoutSeconds === undefined ? undefined : setTimeout(() => stop('timeout'), timeoutSeconds * 1000);
    void context.interrupted.then(() => stop('interrupt'));
    const cancelled = (what: 'query' | 'export') => {
      const text =
        stopped === 'timeout'
          ? `${what === 'query' ? 'Query' : 'Writing the file'} timed out after ${timeoutSeconds} s and was cancelled. / ${what === 'query' ? '查询' : '写入文件'}超时（${timeoutSeconds} 秒），已取消。`
          : what === 'query'
            ? 'Query cancelled. / 查询已取消。'
            : 'Cancelled; no file was written. / 已取消，未写入文件。';
      context.stderr(`${text}\n`);
      return EXIT.cancelled;
    };
    const isCancel = (error: unknown) => error instanceof WorkbenchError && error.kind === 'cancelled';
    try {
      // A Ctrl+C that came while the workspace opened has run its handler by now.
      await Promise.resolve();
      if (stopped) return cancelled('query');
      let result: QueryResult;
      try {
        result = await api.query.run({ queryId: current, sql, windowRows: 0 });
      } catch (error) {
        if (isCancel(error)) return cancelled('query');
        throw error;
      }
      // Stopped after the query ended (nothing left to cancel in the engine): nothing more is written.
      if (stopped) return cancelled(binary ? 'export' : 'query');
      // Several statements ran; only the last one's result is printed or written: said, so a script's earlier SELECTs are not thought lost.
      if (result.statementCount > 1) {
        context.stderr(`Ran ${result.statementCount} statements; only the last one's result is shown or written. / 共执行 ${result.statementCount} 条语句，只显示或写入最后一条的结果。\n`);
      }
      if (result.kind !== 'rows' || result.resultId === null) {
        context.stderr(result.kind === 'changes' ? `OK, ${result.rowsChanged} rows changed.\n` : 'OK.\n');
        return EXIT.ok;
      }
      if (format === 'parquet' || format === 'arrow') {
        current = `cli_${randomBytes(6).toString('hex')}` as QueryId;
        // The engine writes the file from the kept result, as the app's Export does: Parquet by DuckDB's COPY,
        // Arrow as one IPC stream (Decimal128), both to a temporary file renamed into place at the end.
        try {
          const written = await api.result.export({ queryId: current, resultId: result.resultId, format, path: resolve(output!), overwrite: values.overwrite === true });
          context.stderr(`${written.rows.toLocaleString('en-US')} rows → ${written.path} / 已写入 ${written.rows} 行\n`);
        } catch (error) {
          if (isCancel(error)) return cancelled('export');
          if (error instanceof WorkbenchError && error.code === 'file-exists') throw localizedError('cli-file-exists', { path: resolve(output!) });
          throw error;
        }
      } else if (format === 'table') await printTable(workbench, result, maxRows, context);
      else if (!(await streamRows(workbench, result, format as 'csv' | 'json', context, () => stopped !== null))) return cancelled('query');
      await api.result.close({ resultId: result.resultId });
      return EXIT.ok;
    } finally {
      clearTimeout(timer);
    }
  },
};

async function fetchTable(workbench: Workbench, resultId: ResultId, offset: number, limit: number): Promise<Table> {
  const window = await workbench.client.result.fetch({ resultId, offset, limit });
  return tableFromIPC(window.arrow);
}

async function printTable(workbench: Workbench, result: QueryResult, maxRows: number, context: CliContext): Promise<void> {
  const table = await fetchTable(workbench, result.resultId!, 0, Math.max(1, Math.min(maxRows, result.rowCount)));
  const fields = table.schema.fields;
  const shown = Math.min(table.numRows, maxRows, result.rowCount);
  const cells: string[][] = [];
  for (let row = 0; row < shown; row++) {
    cells.push(fields.map((field, index) => cellDisplayText(table.getChildAt(index)?.get(row), field) || nullMark(table, index, row)));
  }
  const headers = fields.map((field) => field.name);
  const widths = headers.map((header, index) =>
    Math.min(60, Math.max(displayWidth(header), ...cells.map((row) => displayWidth(row[index]!)))),
  );
  const numeric = fields.map((field: Field) => isNumericKind(columnKind(field)));
  const line = (values: string[]) =>
    values.map((value, index) => padDisplay(truncate(value, widths[index]!), widths[index]!, numeric[index] ? 'right' : 'left')).join('  ');
  const out = [line(headers), widths.map((width) => '─'.repeat(width)).join('  '), ...cells.map(line)];
  context.stdout(out.join('\n') + '\n');
  const note =
    result.rowCount > shown
      ? `(${result.rowCount.toLocaleString('en-US')} rows; first ${shown.toLocaleString('en-US')} shown, use --max-rows or --format csv for all / 共 ${result.rowCount} 行，仅显示前 ${shown} 行)`
      : `(${result.rowCount.toLocaleString('en-US')} row${result.rowCount === 1 ? '' : 's'}, ${result.elapsedMs.toFixed(0)} ms)`;
  context.stderr(note + '\n');
}

function nullMark(table: Table, column: number, row: number): string {
  const value = table.getChildAt(column)?.get(row);
  return value === null || value === undefined ? 'NULL' : '';
}

function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const char of text) {
    if (displayWidth(out + char) > width - 1) break;
    out += char;
  }
  return out + '…';
}

/** Prints the whole result window by window; false when `stopped` said to stop before the end. */
async function streamRows(workbench: Workbench, result: QueryResult, format: 'csv' | 'json', context: CliContext, stopped: () => boolean): Promise<boolean> {
  let wroteHeader = false;
  let first = true;
  if (format === 'json') context.stdout('[');
  for (let offset = 0; offset < result.rowCount || (offset === 0 && format === 'csv'); offset += STREAM_WINDOW_ROWS) {
    if (stopped()) return false;
    const table = await fetchTable(workbench, result.resultId!, offset, STREAM_WINDOW_ROWS);
    const fields = table.schema.fields;
    const columns = fields.map((_field, index) => table.getChildAt(index));
    const lines: string[] = [];
    if (format === 'csv' && !wroteHeader) {
      lines.push(fields.map((field) => csvField(field.name)).join(','));
      wroteHeader = true;
    }
    for (let row = 0; row < table.numRows; row++) {
      if (format === 'csv') {
        lines.push(fields.map((field, index) => csvField(cellPlainText(columns[index]?.get(row), field))).join(','));
      } else {
        const members = fields.map((field, index) => `${JSON.stringify(field.name)}:${cellJsonLiteral(columns[index]?.get(row), field)}`);
        lines.push(`${first ? '' : ','}\n  {${members.join(',')}}`);
        first = false;
      }
    }
    if (lines.length > 0) context.stdout(format === 'csv' ? lines.join('\n') + '\n' : lines.join(''));
    if (table.numRows === 0) break;
  }
  if (format === 'json') context.stdout(first ? ']\n' : '\n]\n');
  return true;
}
