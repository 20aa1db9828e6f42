import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { WorkbenchError } from '@shared/contract/WorkbenchError';
import { defaultOutDirectory, type ImageRequest } from '../../notebook/runNotebookHeadless';
import { BRIEFING_CELLS_ERROR, BRIEFING_FORMATS, type BriefingFormat } from '../../briefing/notebookBriefing';
import { EXIT, namedValues, UsageError, type CliCommand } from '../cliCommand';
import { checkOutputFile, checkOutputFolder } from '../outputPaths';

function imageRequest(value: string | undefined): ImageRequest {
  if (value === undefined || value === 'auto') return { formats: ['png', 'svg'], required: false };
  if (value === 'none') return { formats: [], required: false };
  const formats = value.split(',').map((format) => format.trim());
  if (formats.length === 0 || !formats.every((format) => format === 'png' || format === 'svg')) {
    throw new UsageError(`--images must be auto, none, png, svg or png,svg (got "${value}")`);
  }
  return { formats: [...new Set(formats)] as ('png' | 'svg')[], required: true };
}

function briefingFormat(file: string): BriefingFormat {
  const extension = extname(file).slice(1).toLowerCase();
  if (!(BRIEFING_FORMATS as readonly string[]).includes(extension)) throw new UsageError(`--export must name a .docx, .html or .pdf file (got "${file}")`);
  return extension as BriefingFormat;
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Run every cell of a notebook and write results, charts and a briefing / 运行笔记本',
  usage:
    'iwb run NOTEBOOK [--param NAME=VALUE ...] [--out DIR] [--images auto|none|png|svg|png,svg]\n' +
    '        [--export FILE.docx|FILE.html|FILE.pdf [--cells 1-3,5,NAME] [--overwrite]] [--workspace PATH]\n\n' +
    'Writes each result as CSV, each chart as Plotly JSON, PNG and SVG, and manifest.json into DIR\n' +
    '(default: NOTEBOOK-output beside the current folder). With --images auto (the default) images that\n' +
    'cannot be made (no Chromium, Edge or Chrome found; set IWB_CHROMIUM) are reported but do not fail the\n' +
    'run; asking for png or svg explicitly makes that a failure.\n' +
    '--export also writes a briefing (简报): Markdown cells as headings and text, charts as 300 dpi images\n' +
    '15.6 cm wide with numbered captions (图1 …), named results as tables (表1 …), and the sources the\n' +
    "notebook's SQL uses. --cells limits the briefing to some cells (numbers, ranges or names); all cells\n" +
    'still run. An existing briefing file is replaced only with --overwrite. Exit codes: 0 done, 1 a cell failed or the notebook has errors, 2 usage.',
  options: {
    param: { type: 'string', multiple: true },
    out: { type: 'string' },
    images: { type: 'string' },
    export: { type: 'string' },
    cells: { type: 'string' },
    overwrite: { type: 'boolean' },
  },
  allowPositionals: true,
  async run(values, positionals, context) {
    if (positionals.length !== 1) throw new UsageError('Give exactly one notebook file, e.g. iwb run queries/00-targets-overview.iwb.md');
    const notebookPath = resolve(positionals[0]!);
    const overrides = namedValues('param', values.param as string[] | undefined, 'NAME=VALUE');
    const images = imageRequest(values.images as string | undefined);
    const exportFile = values.export === undefined ? null : resolve(values.export as string);
    const format = exportFile ? briefingFormat(exportFile) : null;
    if (values.overwrite && !exportFile) throw new UsageError('--overwrite goes with --export FILE');
    if (values.cells !== undefined && !exportFile) throw new UsageError('--cells chooses the cells of the briefing; use it with --export');
    const outDirectory = resolve((values.out as string | undefined) ?? defaultOutDirectory(notebookPath, process.cwd()));
    // Checked before any cell runs: a path that cannot be written fails now, not after the whole run.
    await checkOutputFolder(outDirectory, '--out');
    if (exportFile) await checkOutputFile(exportFile, '--export', values.overwrite === true);
    const workbench = await context.openWorkbench();
    try {
      const { run, briefing } = await workbench.services.briefings.run({
        notebookPath,
        overrides,
        outDirectory,
        images,
        briefing: format ? { format, cells: (values.cells as string | undefined) ?? null } : null,
        log: (line) => context.stdout(line + '\n'),
        warn: (warning) => context.stderr(warning.text + '\n'),
      });
      if (run.status !== 'ok') return EXIT.userError;
      if (briefing && exportFile) {
        await mkdir(dirname(exportFile), { recursive: true });
        await writeFile(exportFile, briefing.bytes);
        const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
        context.stdout(
          `Briefing: ${exportFile} (${count(briefing.figures, 'figure')}, ${count(briefing.tables, 'table')}, ${count(briefing.document.sources.length, 'source')}) / 简报已生成\n`,
        );
      }
      context.stdout(`Done: ${run.files.length} files. / 完成。\n`);
      return EXIT.ok;
    } catch (error) {
      if (error instanceof WorkbenchError && error.code === BRIEFING_CELLS_ERROR) throw new UsageError(`--cells: ${error.message}`);
      throw error;
    } finally {
      await workbench.services.chartRenderer.close();
    }
  },
};
