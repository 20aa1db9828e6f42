import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { ImportId, ImportSettings, RunImportRequest } from '@shared/contract/workbenchContract';
import { WorkbenchError } from '@shared/contract/WorkbenchError';
import { TEXT_ENCODINGS, type TextEncodingName } from '@shared/domain/import/textEncoding';
import { EXIT, namedValues, UsageError, type CliCommand } from '../cliCommand';
import { localizedError } from '@shared/contract/errorTexts';

const ENCODING_ALIASES: Record<string, TextEncodingName> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  gb18030: 'gb18030',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import a CSV/TSV/TXT, Excel, Parquet, JSON or DuckDB file into the workspace / 导入数据文件',
  usage:
    'iwb import FILE [--sheet NAME] [--table NAME] [--encoding utf-8|gb18030|utf-16le|utf-16be] [--delimiter CHAR] [--unpivot-years [--to-observations [--map NAME=CODE]...]] [--append|--replace]\n\n' +
    'Workbooks: the first sheet with data unless --sheet; title, unit and footnote rows are skipped, numbers written as text are cleaned.\n' +
    'Text files: the encoding and the delimiter are detected (GBK/GB18030, UTF-8, UTF-16; , ; | or tab) unless --encoding or --delimiter.\n' +
    '--unpivot-years turns year columns (2019年, 2020, 2021年度 …) into rows: indicator, year, value, unit.\n' +
    '--to-observations appends those rows to the workspace observations: names are matched to indicators by code or Chinese name;\n' +
    '  --map NAME=CODE maps a name to an indicator, --map NAME= leaves that name out. Values in 万元 for an indicator in 亿元 are converted.\n' +
    'DuckDB files: every table is copied in (--table renames a single one); attaching read-only is in the Import view, for the session.\n' +
    'Without --append or --replace an existing table of the same name is an error. Nothing changes unless the import succeeds.',
  options: {
    sheet: { type: 'string' },
    table: { type: 'string' },
    encoding: { type: 'string' },
    delimiter: { type: 'string' },
    'unpivot-years': { type: 'boolean' },
    'to-observations': { type: 'boolean' },
    map: { type: 'string', multiple: true },
    append: { type: 'boolean' },
    replace: { type: 'boolean' },
  },
  handlesInterrupt: true,
  allowPositionals: true,
  async run(values, positionals, context) {
    if (positionals.length !== 1) throw new UsageError('Give exactly one file to import, e.g. iwb import 指标.xlsx');
    if (values.append && values.replace) throw new UsageError('Choose --append or --replace, not both');
    if (values['to-observations'] && !values['unpivot-years']) throw new UsageError('--to-observations needs --unpivot-years');
    const mapped: Record<string, string> = {};
    for (const [name, code] of namedValues('map', values.map as string[] | undefined, 'NAME=CODE (or NAME= to leave a name out)', 'last')) mapped[name] = code.trim();
    if (Object.keys(mapped).length > 0 && !values['to-observations']) throw new UsageError('--map needs --to-observations');
    const settings: ImportSettings = {};
    if (typeof values.sheet === 'string') settings.sheet = values.sheet;
    if (typeof values.encoding === 'string') {
      const encoding = ENCODING_ALIASES[values.encoding.toLowerCase()];
      if (!encoding) throw new UsageError(`--encoding must be one of ${TEXT_ENCODINGS.join(', ')} (got "${values.encoding}")`);
      settings.encoding = encoding;
    }
    if (typeof values.delimiter === 'string') {
      const delimiter = values.delimiter === '\\t' || values.delimiter === 'tab' ? '\t' : values.delimiter;
      if (![',', '\t', ';', '|'].includes(delimiter)) throw new UsageError('--delimiter must be , ; | or tab');
      settings.delimiter = delimiter as ImportSettings['delimiter'];
    }

    const workbench = await context.openWorkbench();
    const state = workbench.services.imports;
    const source = await state.sources.registerPath(resolve(positionals[0]!));
    const preview = await workbench.client.import.preview({ sourceId: source.sourceId, settings });
    for (const warning of preview.warnings) context.stderr(`Warning: ${warning.en}\n`);
    if (preview.decodeIssues) {
      const { count, line } = preview.decodeIssues;
      context.stderr(`Warning: ${count} characters could not be decoded as ${preview.settings.encoding?.toUpperCase()} (first on line ${line}); try another --encoding.\n`);
    }
    let unpivot: RunImportRequest['unpivot'] = null;
    if (values['unpivot-years']) {
      const plan = preview.unpivot;
      if (!plan || plan.indicatorColumn === null) {
        throw localizedError('import-unpivot-no-years', { file: source.fileName, columns: preview.columns.map((column) => column.name).join(', ') }, undefined, 'import-unpivot');
      }
      unpivot = {
        ...plan,
        indicatorColumn: plan.indicatorColumn,
        destination: values['to-observations'] ? 'observations' : 'table',
        // Names not mapped here are matched to indicators by the import.
        indicatorCodes: mapped,
        unknownIndicators: 'fail',
        region: '慈溪市',
      };
    }
    const importId = `cli_${randomBytes(6).toString('hex')}` as ImportId;
    const onInterrupt = context.interrupted.then(() => workbench.client.import.cancel({ importId }));
    try {
      const outcome = await workbench.client.import.run({
        importId,
        sourceId: source.sourceId,
        settings,
        ...(typeof values.table === 'string' ? { table: values.table } : {}),
        mode: values.append ? 'append' : values.replace ? 'replace' : 'create',
        unpivot,
      });
      const where = [outcome.provenance.sheet ? `sheet ${outcome.provenance.sheet}` : null, outcome.provenance.range, outcome.provenance.encoding]
        .filter((part) => part)
        .join(', ');
      context.stdout(
        `Imported ${outcome.rowCount} ${outcome.rowCount === 1 ? 'row' : 'rows'} into ${outcome.table} from ${outcome.provenance.fileName}${where ? ` (${where})` : ''} in ${(outcome.elapsedMs / 1000).toFixed(1)} s. / 已导入 ${outcome.rowCount} 行。\n`,
      );
      return EXIT.ok;
    } catch (error) {
      if (error instanceof WorkbenchError && error.kind === 'cancelled') {
        context.stderr('Import cancelled; the workspace is unchanged. / 导入已取消，工作区未改变。\n');
        return EXIT.cancelled;
      }
      throw error;
    } finally {
      void onInterrupt;
      await state.sources.disposeAll();
    }
  },
};
