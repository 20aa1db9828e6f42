import { resolve } from 'node:path';
import { ChromiumChartImageRenderer } from '../../charts/ChromiumChartImageRenderer';
import { defaultOutDirectory, runNotebookHeadless, type ImageRequest } from '../../notebook/runNotebookHeadless';
import { EXIT, UsageError, type CliCommand } from '../cliCommand';

function imageRequest(value: string | undefined): ImageRequest {
  if (value === undefined || value === 'auto') return { formats: ['png', 'svg'], required: false };
  if (value === 'none') return { formats: [], required: false };
  const formats = value.split(',').map((format) => format.trim());
  if (formats.length === 0 || !formats.every((format) => format === 'png' || format === 'svg')) {
    throw new UsageError(`--images must be auto, none, png, svg or png,svg (got "${value}")`);
  }
  return { formats: [...new Set(formats)] as ('png' | 'svg')[], required: true };
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Run every cell of a notebook and write results and charts / 运行笔记本',
  usage:
    'iwb run NOTEBOOK [--param NAME=VALUE ...] [--out DIR] [--images auto|none|png|svg|png,svg] [--workspace PATH]\n\n' +
    'Writes each result as CSV, each chart as Plotly JSON, PNG and SVG, and manifest.json into DIR\n' +
    '(default: NOTEBOOK-output beside the current folder). With --images auto (the default) images that\n' +
    'cannot be made (no Chromium, Edge or Chrome found; set IWB_CHROMIUM) are reported but do not fail the\n' +
    'run; asking for png or svg explicitly makes that a failure. Exit codes: 0 done, 1 a cell failed or the\n' +
    'notebook has errors, 2 usage.',
  options: {
    param: { type: 'string', multiple: true },
    out: { type: 'string' },
    images: { type: 'string' },
  },
  allowPositionals: true,
  async run(values, positionals, context) {
    if (positionals.length !== 1) throw new UsageError('Give exactly one notebook file, e.g. iwb run queries/00-targets-overview.iwb.md');
    const notebookPath = resolve(positionals[0]!);
    const overrides = ((values.param as string[] | undefined) ?? []).map((text): [string, string] => {
      const equals = text.indexOf('=');
      if (equals <= 0) throw new UsageError(`--param must read NAME=VALUE (got "${text}")`);
      return [text.slice(0, equals).trim(), text.slice(equals + 1)];
    });
    const images = imageRequest(values.images as string | undefined);
    const outDirectory = resolve((values.out as string | undefined) ?? defaultOutDirectory(notebookPath, process.cwd()));
    const workbench = await context.openWorkbench();
    context.stdout(`Running ${notebookPath} → ${outDirectory}\n`);
    const outcome = await runNotebookHeadless({
      api: workbench.service.api,
      notebookPath,
      overrides,
      outDirectory,
      images,
      createRenderer: () => ChromiumChartImageRenderer.launch(),
      log: (line) => context.stdout(line + '\n'),
      warn: (line) => context.stderr(line + '\n'),
    });
    if (outcome.status === 'ok') context.stdout(`Done: ${outcome.files.length} files. / 完成。\n`);
    return outcome.status === 'ok' ? EXIT.ok : EXIT.userError;
  },
};
