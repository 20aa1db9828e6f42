/**
 * Errors the main side reports, in both languages. An error made with
 * `localizedError` carries its code and the values that fill the text
 * (`params`); its `message` is the English text (for the command line and
 * logs), and the window shows the text in the user's language. A value can
 * itself be a phrase in both languages (a hint, a sheet name in brackets).
 *
 * Pure: no Node, Electron or React imports.
 */
import type { Bilingual } from '../domain/bilingual';
import { WorkbenchError } from './WorkbenchError';

export { bilingual, type Bilingual } from '../domain/bilingual';

export type ErrorParam = string | number | Bilingual;
export type ErrorParams = Record<string, ErrorParam>;

const errorTexts = {
  'import-not-a-file': { en: '{path} is not a file.', zh: '{path} 不是文件。' },
  'import-not-found': { en: 'File not found: {path}', zh: '找不到文件：{path}' },
  'import-upload-start': { en: 'An upload must start at offset 0.', zh: '上传必须从偏移 0 开始。' },
  'import-upload-unknown': { en: 'This upload is unknown or already finished; start it again.', zh: '此上传不存在或已结束，请重新开始。' },
  'import-upload-order': { en: 'Upload chunk at offset {offset}, expected {expected}.', zh: '上传分块的偏移为 {offset}，应为 {expected}。' },
  'import-upload-size': { en: 'The upload is larger than announced.', zh: '上传的数据超过了声明的大小。' },
  'import-source-unknown': { en: 'This file is no longer held for import; open it again.', zh: '该文件已不在导入区中，请重新打开。' },
  'import-empty': { en: '{file}: the file is empty (0 bytes).', zh: '{file}：文件是空的（0 字节）。' },
  'import-empty-rows': { en: '{file}: the file has no rows (only blank lines).', zh: '{file}：文件没有数据行（只有空行）。' },
  'import-empty-workbook': { en: '{file}: every sheet of the workbook is empty.', zh: '{file}：工作簿的每个工作表都是空的。' },
  'import-empty-sheet': { en: '{file}{where}: no table found; the sheet is empty.', zh: '{file}{where}：没有找到表格，工作表是空的。' },
  'import-empty-database': { en: '{file}: the database has no tables.', zh: '{file}：数据库中没有表。' },
  'import-binary': {
    en: '{file}: this is not a text file (binary byte {byte} at byte offset {offset}). Choose a CSV, TSV or TXT file, or a workbook.',
    zh: '{file}：这不是文本文件（字节偏移 {offset} 处是二进制字节 {byte}）。请选择 CSV、TSV、TXT 文件或工作簿。',
  },
  'import-truncated-character': {
    en: '{file}: the file ends in the middle of a {encoding} character (line {line}). The file may be truncated.',
    zh: '{file}：文件在一个 {encoding} 字符的中间结束（第 {line} 行），文件可能不完整。',
  },
  'import-decode': {
    en: '{file}: bytes that are not valid {encoding} on line {line} (byte offset {offset}). Choose another encoding in the preview (--encoding on the command line).',
    zh: '{file}：第 {line} 行（字节偏移 {offset}）有不符合 {encoding} 编码的字节。请在预览中选择其他编码（命令行用 --encoding）。',
  },
  'import-encrypted': {
    en: '{file}: the workbook is password-protected (encrypted). Open it in Excel or WPS, remove the password (File → Info → Protect Workbook), save, and import again.',
    zh: '{file}：工作簿设有打开密码（已加密）。请在 WPS 或 Excel 中打开，取消密码（WPS：文件 → 文档加密；Excel：文件 → 信息 → 保护工作簿），保存后再导入。',
  },
  'import-damaged-workbook': {
    en: '{file}: cannot be read as an Excel workbook; it is damaged or incomplete ({detail}).',
    zh: '{file}：无法作为 Excel 工作簿读取，文件已损坏或不完整（{detail}）。',
  },
  'import-sheet-too-large': {
    en: '{file}: sheet "{sheet}" spans {rows} rows × {columns} columns, more than the {max} cells one import can hold. Save the table you need on a sheet of its own (or as CSV) and import that.',
    zh: '{file}：工作表“{sheet}”占 {rows} 行 × {columns} 列，超过一次导入能容纳的 {max} 个单元格。请把需要的表格另存为单独的工作表（或 CSV）后再导入。',
  },
  'import-workbook-memory': {
    en: '{file}: reading the workbook needed more than {limit} MB of memory and was stopped; nothing was imported. Save the sheet you need as CSV and import that.',
    zh: '{file}：读取工作簿所需内存超过 {limit} MB，已停止，没有导入任何数据。请把需要的工作表另存为 CSV 后再导入。',
  },
  'import-workbook-timeout': {
    en: '{file}: reading the workbook took longer than {seconds} s and was stopped; nothing was imported.',
    zh: '{file}：读取工作簿超过 {seconds} 秒，已停止，没有导入任何数据。',
  },
  'import-read': { en: '{file}: {what} ({detail}).', zh: '{file}：{what}（{detail}）。' },
  'import-no-sheet': { en: '{file}: there is no sheet named "{sheet}" (sheets: {sheets}).', zh: '{file}：没有名为“{sheet}”的工作表（现有工作表：{sheets}）。' },
  'import-running': { en: 'Import {id} is already running.', zh: '导入 {id} 已在进行中。' },
  'import-table-name': { en: '{problem}', zh: '{problem}' },
  'import-unpivot': { en: 'The unpivot uses column {column}, which is not included in the import.', zh: '行列转换用到第 {column} 列，但该列未被导入。' },
  'import-table-exists': {
    en: 'A table named "{table}" already exists. Choose another name, or replace or append.',
    zh: '已有名为“{table}”的表。请换一个表名，或选择替换或追加。',
  },
  'import-table-exists-replace': { en: 'A table named "{table}" already exists. Choose replace.', zh: '已有名为“{table}”的表。请选择替换。' },
  'import-no-table': { en: 'There is no table "{table}" to append to.', zh: '没有可以追加的表“{table}”。' },
  'import-cell': {
    en: '{file}, sheet "{sheet}", cell {cell} (row {row}, column "{column}"): {reason}; the column is {type}. Change the column\'s type to text (VARCHAR) or fix the cell.',
    zh: '{file}，工作表“{sheet}”，单元格 {cell}（第 {row} 行，列“{column}”）：{reason}；该列的类型是 {type}。请把该列的类型改为文本（VARCHAR），或修改这个单元格。',
  },
  'import-column': { en: '{file}: column {column} does not exist.', zh: '{file}：第 {column} 列不存在。' },
  'import-no-relation': { en: '{file}: no table named {names}.', zh: '{file}：没有名为 {names} 的表。' },
  'import-no-observations': {
    en: 'This workspace has no user_observations table (the datasets feature is missing), so the rows cannot be appended to observations. Keep them as their own table instead.',
    zh: '此工作区没有 user_observations 表（缺少数据集功能），无法追加到指标数值。请改为导入成单独的表。',
  },
  'import-unsupported': {
    en: 'Creating new indicators from an import is not supported; map every name to an existing indicator.',
    zh: '不支持在导入时新建指标；请把每个名称对应到已有的指标。',
  },
  'import-unknown-codes': { en: 'No indicator has the code {codes}.', zh: '没有代码为 {codes} 的指标。' },
  'import-unknown-indicators': {
    en: 'These names match no indicator: {names}. Map them to indicator codes (or leave them out), or keep the rows as their own table.',
    zh: '这些名称没有对应的指标：{names}。请把它们对应到指标代码（或不导入），或将这些行导入成单独的表。',
  },
  'import-unit-mismatch': { en: "Units that cannot be converted to the indicators' units: {list}.", zh: '以下单位无法换算为指标的单位：{list}。' },
  'import-duplicate-observations': {
    en: 'Your own values already exist (or the file gives them twice) for: {list}. Delete those rows first, or keep the import as its own table.',
    zh: '以下指标和年份已有您录入的数值（或文件中出现了两次）：{list}。请先删除这些行，或将本次导入作为单独的表。',
  },
  'import-load': {
    en: '{file}{where}: the import failed and nothing was changed. {detail}{hint}{at}',
    zh: '{file}{where}：导入失败，工作区未作任何改动。{at}{hint}DuckDB 的原文：{detail}',
  },
  'import-lost': {
    en: 'The import was interrupted before it could be saved (the engine restarted). Nothing was changed; run the import again.',
    zh: '导入在保存前被中断（查询引擎已重启），工作区未作任何改动，请重新导入。',
  },
  'notebook-not-open': { en: 'This notebook is no longer open (the app was restarted). Open it again.', zh: '这个笔记本已不在打开状态（应用重启过），请重新打开。' },
  'notebook-missing': { en: 'There is no file {path}.', zh: '没有这个文件：{path}。' },
  'notebook-is-folder': { en: '{path} is a folder, not a notebook file.', zh: '{path} 是文件夹，不是笔记本文件。' },
  'notebook-too-large': { en: '{name} is {bytes} bytes, too large for a notebook (16 MiB at most).', zh: '{name} 有 {bytes} 字节，作为笔记本太大（最多 16 MiB）。' },
  'notebook-no-sample': { en: 'There is no sample notebook "{name}".', zh: '没有名为“{name}”的示例笔记本。' },
  'notebook-no-file': { en: 'This notebook has no file to reload.', zh: '这个笔记本还没有保存成文件，无法重新载入。' },
  'notebook-recovery-gone': { en: 'This recovery copy is gone.', zh: '这份恢复副本已不存在。' },
  'notebook-name': {
    en: '"{name}" cannot name a cell: start with a letter or _, then letters, digits or _.',
    zh: '“{name}”不能作为单元格名称：请以字母或 _ 开头，后面只用字母、数字或 _。',
  },
  'notebook-parameter': { en: 'Parameter "{name}" cannot be set to {value}: {reason}', zh: '参数“{name}”不能设为 {value}：{reason}' },
  'notebook-snapshot-too-large': {
    en: '"{table}" has {rows} rows, more than an untrusted notebook may copy ({limit}). Trust the notebook to let it read the workspace directly.',
    zh: '“{table}”有 {rows} 行，超过不受信任的笔记本可复制的上限（{limit} 行）。请信任此笔记本，让它直接读取工作区。',
  },
  'export-path-relative': { en: 'Export path must be absolute: {path}', zh: '导出路径必须是完整路径：{path}' },
  'export-no-folder': { en: 'The folder does not exist: {path}', zh: '文件夹不存在：{path}' },
  'export-is-folder': { en: 'A folder has this name: {path}', zh: '已有同名的文件夹：{path}' },
  'file-exists': { en: 'The file already exists: {path}. Tick "Overwrite" or choose another name.', zh: '文件已存在：{path}。勾选“覆盖同名文件”或换一个文件名。' },
  'too-many-rows': {
    en: 'An Excel sheet holds at most {max} rows; this result has {rows}. Filter it first, or export CSV or Parquet.',
    zh: 'Excel 工作表最多 {max} 行，这个结果有 {rows} 行。请先筛选，或导出为 CSV / Parquet。',
  },
  'invalid-filter': { en: 'The filter cannot be applied: {reason}', zh: '无法应用此筛选：{reason}' },
  'engine-not-open': { en: 'The engine has no workspace open yet.', zh: '查询引擎还没有打开工作区。' },
  'chart-renderer-unavailable': { en: 'Cannot make chart images: {reason}', zh: '无法生成图表图片：{reason}' },
  'briefing-renderer-unavailable': { en: "Cannot make the briefing's chart images: {reason}", zh: '无法生成简报中的图表图片：{reason}' },
  'chart-clipboard-png': { en: 'Only PNG can be copied to the clipboard', zh: '只有 PNG 图片可以复制到剪贴板' },
  'chart-clipboard-desktop': { en: 'Copying to the clipboard needs the desktop app; export the PNG instead', zh: '复制到剪贴板需要桌面应用；请改为导出 PNG' },
  'briefing-notebook-failed': { en: 'The notebook did not run to the end: {problems}', zh: '笔记本没有运行完：{problems}' },
} satisfies Record<string, Bilingual>;

export type ErrorTextCode = keyof typeof errorTexts;

export function isErrorTextCode(code: string | undefined): code is ErrorTextCode {
  return code !== undefined && Object.hasOwn(errorTexts, code);
}

/** The text of an error code in a language, with `{name}` placeholders filled. */
export function errorText(code: ErrorTextCode, params: ErrorParams, language: keyof Bilingual): string {
  return errorTexts[code][language].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? value[language] : String(value);
  });
}

/**
 * A `user` error whose text the window shows in the user's language;
 * `message` is the English. `code` is the envelope's code when callers
 * branch on one code shared by several texts (e.g. `notebook-missing`).
 */
export function localizedError(text: ErrorTextCode, params: ErrorParams = {}, detail?: string, code?: string): WorkbenchError {
  return new WorkbenchError({
    kind: 'user',
    code: code ?? text,
    message: errorText(text, params, 'en'),
    params,
    ...(code && code !== text ? { text } : {}),
    ...(detail ? { detail } : {}),
  });
}

/** The localized message of an error envelope, or null when it has none. */
export function localizedMessage(error: { code?: string; text?: string; params?: ErrorParams }, language: keyof Bilingual): string | null {
  const text = error.text ?? error.code;
  return isErrorTextCode(text) && error.params ? errorText(text, error.params, language) : null;
}

/** Every code's placeholders, per language (for tests). */
export function errorTextPlaceholders(): Record<string, { en: string[]; zh: string[] }> {
  const names = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
  return Object.fromEntries(Object.entries(errorTexts).map(([code, text]) => [code, { en: names(text.en), zh: names(text.zh) }]));
}
