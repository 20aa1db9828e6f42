import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import type { ImplementationOf } from '@shared/contract/contractKit';
import type { NotebookHandle, NotebookParameter, OpenedNotebook } from '@shared/contract/services/notebookContract';
import type { QueryId, QueryResult, WorkbenchContract } from '@shared/contract/workbenchContract';
import { WorkbenchError } from '@shared/contract/WorkbenchError';
import { localizedMessage } from '@shared/contract/errorTexts';
import { bilingual } from '@shared/domain/bilingual';
import { cellPlainText } from '@shared/domain/arrowCells';
import { csvField } from '@shared/domain/csvText';
import { chartColumnsFromArrow, chartFigure, type ChartFigure } from '@shared/domain/notebook/chartFigure';
import { cellName, NOTEBOOK_EXTENSION, type CellId, type NotebookCell, type NotebookDocument } from '@shared/domain/notebook/NotebookDocument';
import { chartSourceCell } from '@shared/domain/notebook/notebookDependencies';
import { describeProblem } from '@shared/domain/notebook/notebookProblem';
import { notebookProblemPhrase } from '@shared/domain/notebook/notebookProblemTexts';
import { applyParameterOverrides } from '@shared/domain/notebook/parameterOverrides';
import { nextCell, planNotebookRun, type CellOutcome } from '@shared/domain/notebook/notebookRunPlan';
import { chartExportSize } from '@shared/domain/chart/chartExportSize';
import { CHART_MAX_ROWS } from '@shared/domain/chart/chartRows';
import { exportChartImage } from '../charts/exportChartImage';
import { ChartRendererUnavailable, type ChartImageRenderer } from '../charts/ChartImageRenderer';

/** What `iwb run` should produce besides CSV and figure JSON. */
export interface ImageRequest {
  formats: ('png' | 'svg')[];
  /** Asked for explicitly: not being able to make them is a failure, not a warning. */
  required: boolean;
}

export interface HeadlessRunOptions {
  api: ImplementationOf<WorkbenchContract>;
  notebookPath: string;
  overrides: [string, string][];
  /** Where results, figures, images and the manifest go; null writes nothing (a briefing only needs the events). */
  outDirectory: string | null;
  images: ImageRequest;
  createRenderer: () => Promise<ChartImageRenderer>;
  /** Progress and results, one line each. */
  log: (line: string) => void;
  /** Warnings and errors, one line each. */
  warn: (warning: HeadlessRunWarning) => void;
  /** Sees each cell's outcome in order (the briefing export builds its document from these). */
  observe?: (event: HeadlessCellEvent) => Promise<void> | void;
}

/** A warning or error line; `untrusted` says the notebook runs restricted (not a problem of the run). */
export interface HeadlessRunWarning {
  kind: 'problem' | 'untrusted';
  /** The line the command line prints (English). */
  text: string;
  /** The same in Chinese, where a window shows it (a briefing that could not be made); absent for lines only the command line prints (images, the trust hint). */
  zh?: string;
  /** The English a window shows, where the command line's line names a command-line flag (`--param`); absent when the two are the same. */
  en?: string;
}

/** What a run reports to `observe`: the document once, then Markdown, results (first rows) and chart figures. */
export type HeadlessCellEvent =
  | { kind: 'start'; document: NotebookDocument; name: string }
  | { kind: 'markdown'; index: number; cell: Extract<NotebookCell, { kind: 'markdown' }> }
  | { kind: 'result'; index: number; cell: Extract<NotebookCell, { kind: 'sql' | 'target' }>; table: Table; rowCount: number }
  | { kind: 'chart'; index: number; cell: Extract<NotebookCell, { kind: 'chart' }>; figure: ChartFigure };

/** Rows of a result handed to `observe`. */
export const OBSERVED_ROWS = 200;

export interface HeadlessRunOutcome {
  status: 'ok' | 'failed' | 'invalid';
  files: string[];
  /** Images that could not be made, and why. */
  missingImages: string[];
}

/** Size of chart images: the slide preset, 960×540 CSS pixels, PNG at 2× (1920×1080) declaring 144 dpi. */
export const IMAGE_SIZE = chartExportSize('slide');
const STREAM_ROWS = 50_000;

function fileStem(index: number, cell: NotebookCell, count: number): string {
  const width = Math.max(2, String(count).length);
  const label = (cell.kind === 'raw' ? null : cellName(cell)) ?? cell.kind;
  return `${String(index + 1).padStart(width, '0')}-${label.replace(/[\\/:*?"<>|\s]+/g, '_')}`;
}

const CELL_KINDS_ZH: Record<string, string> = { sql: 'SQL', markdown: '文本', chart: '图表', parameter: '参数', target: '目标', raw: '未知' };

/** The cell as a failure line names it: `cell 2 (sql "研发", line 10)` for the command line, `第 2 个单元格（SQL“研发”）` in Chinese. */
function describeCell(index: number, cell: NotebookCell, language: 'en' | 'zh', line?: number): string {
  const name = cell.kind === 'raw' ? null : cellName(cell);
  if (language === 'zh') return `第 ${index + 1} 个单元格（${CELL_KINDS_ZH[cell.kind] ?? cell.kind}${name ? `“${name}”` : ''}）`;
  return `cell ${index + 1} (${cell.kind}${name ? ` "${name}"` : ''}${line ? `, line ${line}` : ''})`;
}

/**
 * Runs every cell of a notebook in order without the UI, as a planner's
 * monthly refresh: results to CSV (UTF-8 with a byte-order mark, so Excel
 * and WPS read Chinese correctly), charts to Plotly JSON, PNG and SVG, and
 * a manifest of what was made. Stops at the first failing cell, naming it.
 */
export async function runNotebookHeadless(options: HeadlessRunOptions): Promise<HeadlessRunOutcome> {
  const { api, log } = options;
  const warn = (text: string, zh?: string, en?: string) => options.warn({ kind: 'problem', text, ...(zh ? { zh } : {}), ...(en ? { en } : {}) });
  let opened: OpenedNotebook;
  try {
    opened = await api.notebook.open({ path: options.notebookPath });
  } catch (error) {
    // The message already names the file and the line.
    if (error instanceof WorkbenchError && (error.code === 'notebook-format' || error.code === 'notebook-missing')) {
      warn(error.message, localizedMessage(error.toEnvelope(), 'zh') ?? undefined);
      return { status: 'invalid', files: [], missingImages: [] };
    }
    throw error;
  }
  const handle: NotebookHandle = opened.handle;
  const files: string[] = [];
  const missingImages: string[] = [];
  let renderer: ChartImageRenderer | null = null;
  let rendererProblem: string | null = options.images.formats.length === 0 ? 'no images were asked for' : null;

  try {
    for (const item of opened.problems) warn(`${item.severity}: ${describeProblem(item)}`, `${item.severity === 'error' ? '错误' : '提示'}：${describeProblem(item, 'zh')}`);
    if (opened.problems.some((item) => item.severity === 'error')) {
      warn(`${opened.name} has errors; fix them (iwb check lists them) before running it.`, `${opened.name} 有错误，请先改正（iwb check 会列出）再运行。`);
      return { status: 'invalid', files, missingImages };
    }
    const overridden = applyParameterOverrides(opened.document, options.overrides);
    for (const warning of overridden.warnings) warn(`warning: ${warning.en}`, `提示：${warning.zh}`);
    if (overridden.problems.length > 0) {
      for (const problem of overridden.problems) warn(`--param: ${problem.en}`, `参数值有误：${problem.zh}`, problem.en);
      return { status: 'invalid', files, missingImages };
    }
    const document: NotebookDocument = overridden.document;
    // Only once the notebook and its parameters are known good: a refused run does not first say it is running.
    if (options.outDirectory !== null) log(`Running ${options.notebookPath} → ${options.outDirectory}`);
    if (!opened.trusted) {
      options.warn({
        kind: 'untrusted',
        text: `${opened.name} is not signed by you: it runs restricted (${(opened.allowedFolders ?? []).length > 0 ? `files only in ${(opened.allowedFolders ?? []).join(', ')}` : 'no files'}; no extensions). Run \`iwb trust ${options.notebookPath}\` if you trust it.`,
      });
    }
    const outDirectory = options.outDirectory;
    if (outDirectory !== null) await mkdir(outDirectory, { recursive: true });
    await options.observe?.({ kind: 'start', document, name: opened.name });
    const parameters: NotebookParameter[] = document.cells.flatMap((cell) =>
      cell.kind === 'parameter' ? [{ name: cell.name, value: cell.value, control: cell.control }] : [],
    );
    // Each cell's result with rows, by cell: a chart draws its `chartSourceCell`'s.
    const results = new Map<CellId, QueryResult>();
    // The one writer of a run's outputs; without an output folder nothing is computed for files.
    const write = async (name: string, content: () => Promise<string | Uint8Array> | string | Uint8Array) => {
      if (outDirectory === null) return;
      const path = join(outDirectory, name);
      await writeFile(path, await content());
      files.push(path);
      log(`  ${path}`);
    };

    // The same plan as the app's 运行全部: which SQL and target cells run, in order; Markdown and charts are observed in place.
    const plan = planNotebookRun(document, {}, { kind: 'all' });
    const outcomes: Partial<Record<CellId, CellOutcome>> = {};
    for (const [index, cell] of document.cells.entries()) {
      const where = describeCell(index, cell, 'en', opened.cellLines[index]);
      const stem = fileStem(index, cell, document.cells.length);
      if (cell.kind === 'raw') {
        const why =
          cell.reason === 'unknown-type'
            ? bilingual('a cell type this version does not know', '本版本不认识这种单元格')
            : cell.problem
              ? notebookProblemPhrase(cell.problem.code, cell.problem.params)
              : bilingual('it does not decode', '无法解读');
        warn(`skipped ${where}: ${why.en}`, `已跳过${describeCell(index, cell, 'zh')}：${why.zh}`);
        continue;
      }
      if (cell.kind === 'markdown') await options.observe?.({ kind: 'markdown', index, cell });
      if ((cell.kind === 'sql' || cell.kind === 'target') && nextCell(plan, outcomes) === cell.id) {
        let result: QueryResult;
        try {
          result = await api.notebook.runCell({ handle, queryId: `run_${index}_${Date.now().toString(36)}` as QueryId, cell, parameters, windowRows: 0 });
        } catch (error) {
          if (!(error instanceof WorkbenchError) || error.kind === 'bug') throw error;
          const fileLine = error.position && opened.cellLines[index] ? opened.cellLines[index]! + error.position.line : null;
          const line = fileLine ? ` at line ${fileLine}` : '';
          const envelope = error.toEnvelope();
          warn(
            `${where} failed${line}: ${error.detail?.startsWith(error.message) ? error.detail : error.message}`,
            `${describeCell(index, cell, 'zh')}出错${fileLine ? `（文件第 ${fileLine} 行）` : ''}：${localizedMessage(envelope, 'zh') ?? error.message}`,
          );
          outcomes[cell.id] = 'failed';
          return { status: 'failed', files, missingImages };
        }
        outcomes[cell.id] = 'done';
        const rows = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;
        log(`${where}: ${result.kind === 'rows' ? rows(result.rowCount) : result.kind === 'changes' ? `${rows(result.rowsChanged)} changed` : 'done'}`);
        if (result.kind === 'rows' && result.resultId) {
          results.set(cell.id, result);
          await write(`${stem}.csv`, () => resultCsv(api, handle, result));
          if (options.observe) {
            const first = await api.notebook.fetch({ handle, resultId: result.resultId, offset: 0, limit: Math.max(1, Math.min(OBSERVED_ROWS, result.rowCount)) });
            await options.observe({ kind: 'result', index, cell, table: tableFromIPC(first.arrow), rowCount: result.rowCount });
          }
        }
        continue;
      }
      if (cell.kind !== 'chart') continue;
      const sourceCell = chartSourceCell(document, cell.id);
      const source = sourceCell ? results.get(sourceCell.id) : undefined;
      if (!source?.resultId) {
        warn(`${where} failed: its source "${cell.chart.source}" gave no rows to draw`, `${describeCell(index, cell, 'zh')}无法绘图：数据来源“${cell.chart.source}”没有可绘制的行`);
        return { status: 'failed', files, missingImages };
      }
      const window = await api.notebook.fetch({ handle, resultId: source.resultId, offset: 0, limit: Math.max(1, Math.min(CHART_MAX_ROWS, source.rowCount)) });
      const outcome = chartFigure(cell.chart, chartColumnsFromArrow(tableFromIPC(window.arrow)));
      if (!outcome.ok) {
        warn(`${where} failed: ${outcome.problem.en}`, `${describeCell(index, cell, 'zh')}无法绘图：${outcome.problem.zh}`);
        return { status: 'failed', files, missingImages };
      }
      if (source.rowCount > CHART_MAX_ROWS) {
        warn(`${where}: drew the first ${CHART_MAX_ROWS} of ${source.rowCount} rows`, `${describeCell(index, cell, 'zh')}只绘制了 ${source.rowCount} 行中的前 ${CHART_MAX_ROWS} 行`);
      }
      await write(`${stem}.plotly.json`, () => JSON.stringify(outcome.figure, null, 2) + '\n');
      await options.observe?.({ kind: 'chart', index, cell, figure: outcome.figure });
      for (const format of options.images.formats) {
        if (renderer === null && rendererProblem === null) {
          try {
            renderer = await options.createRenderer();
          } catch (error) {
            if (!(error instanceof ChartRendererUnavailable)) throw error;
            rendererProblem = error.message;
            warn(`cannot render chart images: ${rendererProblem}`);
          }
        }
        if (renderer === null) {
          missingImages.push(`${stem}.${format}`);
          continue;
        }
        const drawing = renderer;
        await write(`${stem}.${format}`, async () => (await exportChartImage(drawing, outcome.figure, format, IMAGE_SIZE)).bytes);
      }
    }

    const manifest = {
      notebook: options.notebookPath,
      title: document.title,
      ranAt: new Date().toISOString(),
      trusted: opened.trusted,
      parameters: Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter.value])),
      files: files.map((file) => basename(file)),
      missingImages,
    };
    await write('manifest.json', () => JSON.stringify(manifest, null, 2) + '\n');
    if (missingImages.length > 0) {
      warn(`not rendered (${rendererProblem}): ${missingImages.join(', ')}`);
      if (options.images.required) return { status: 'failed', files, missingImages };
    }
    return { status: 'ok', files, missingImages };
  } finally {
    await (renderer as ChartImageRenderer | null)?.close();
    await api.notebook.close({ handle });
  }
}

async function resultCsv(api: ImplementationOf<WorkbenchContract>, handle: NotebookHandle, result: QueryResult): Promise<string> {
  const lines: string[] = [];
  for (let offset = 0; offset === 0 || offset < result.rowCount; offset += STREAM_ROWS) {
    const table: Table = tableFromIPC((await api.notebook.fetch({ handle, resultId: result.resultId!, offset, limit: STREAM_ROWS })).arrow);
    const fields = table.schema.fields;
    if (offset === 0) lines.push(fields.map((field) => csvField(field.name)).join(','));
    const columns = fields.map((_field, column) => table.getChildAt(column));
    for (let row = 0; row < table.numRows; row++) {
      lines.push(fields.map((field, column) => csvField(cellPlainText(columns[column]?.get(row), field))).join(','));
    }
    if (table.numRows === 0) break;
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** `--out` default: a folder named after the notebook, beside where the command runs. */
export function defaultOutDirectory(notebookPath: string, cwd: string): string {
  const stem = basename(notebookPath).replace(new RegExp(`${NOTEBOOK_EXTENSION.replaceAll('.', '\\.')}$`), '').replace(/\.md$/, '');
  return join(cwd, `${stem}-output`);
}
