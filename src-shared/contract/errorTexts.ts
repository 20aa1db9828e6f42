/**
 * Errors the main side reports, in both languages. An error made with
 * `localizedError` carries its code and the values that fill the text
 * (`params`); its `message` is the English text (for the command line and
 * logs), and the window shows the text in the user's language. A value can
 * itself be a phrase in both languages (a hint, a sheet name in brackets).
 *
 * Pure: no Node, Electron or React imports.
 */
import { fillText, placeholdersOf, type Bilingual } from '../domain/bilingual';
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
  'import-first-record-too-long': {
    en: '{file}: the first record does not end within its first {bytes} bytes ({fields} fields or more, or a quote that is never closed). A table this wide cannot be imported; split its columns or check the quoting.',
    zh: '{file}：第一条记录在前 {bytes} 字节内没有结束（至少 {fields} 个字段，或有未闭合的引号）。这么宽的表无法导入；请拆分列或检查引号。',
  },
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
  'import-unpivot-kept-name': {
    en: 'The column "{column}" cannot be kept beside the long rows: they have a column of that name already (indicator, year, value, unit). Rename it in the preview, or leave it out.',
    zh: '列“{column}”不能随转换后的行保留：这些行已有同名的列（indicator、year、value、unit）。请在预览中给它改名，或不导入该列。',
  },
  'import-table-exists': {
    en: 'A table named "{table}" already exists. Choose another name, or replace or append.',
    zh: '已有名为“{table}”的表。请换一个表名，或选择替换或追加。',
  },
  'import-table-exists-replace': { en: 'A table named "{table}" already exists. Choose replace.', zh: '已有名为“{table}”的表。请选择替换。' },
  'import-no-table': { en: 'There is no table "{table}" to append to.', zh: '没有可以追加的表“{table}”。' },
  'import-column-stale': {
    en: '{file}: the column "{name}" is chosen as column {index}, but the file has {count} columns now; nothing was changed. Preview the file again and choose its columns.',
    zh: '{file}：列“{name}”被指定为第 {index} 列，但文件现在只有 {count} 列；工作区未作任何改动。请重新预览该文件并选择列。',
  },
  'import-append-column': {
    en: '{file}: the table "{table}" has no column {column} to append into; nothing was changed. The table\'s columns are {columns}. Rename the column in the preview to one of them, leave it out, or import into a new table.',
    zh: '{file}：表“{table}”没有列{column}，无法追加；工作区未作任何改动。表中的列是：{columns}。请在预览中把该列改名为其中之一、不导入该列，或导入为新表。',
  },
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
  'history-cells-refused': {
    en: 'Nothing was saved; these cells were refused: {list}.',
    zh: '未保存任何数据；以下单元格被拒绝：{list}。',
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
  'notebook-key-damaged': {
    en: 'The notebook signing key {file} is damaged ({problem}); delete it to make a new one (notebooks you saved will need trusting again).',
    zh: '笔记本签名密钥 {file} 已损坏（{problem}）；删除它即可生成新密钥（已保存的笔记本需要重新信任）。',
  },
  'notebook-name': {
    en: '"{name}" cannot name a cell: start with a letter or _, then letters, digits or _.',
    zh: '“{name}”不能作为单元格名称：请以字母或 _ 开头，后面只用字母、数字或 _。',
  },
  'notebook-view-not-query': {
    en: 'The cell named "{name}" ends with {keyword}, not a query; a named cell becomes a view for later cells. Remove the name, or end the cell with a SELECT.',
    zh: '名为“{name}”的单元格以 {keyword} 结尾，不是查询；有名称的单元格会成为供后续单元格读取的视图。请去掉名称，或以 SELECT 结尾。',
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
  'cli-file-exists': { en: 'The file already exists: {path}. Add --overwrite to replace it, or give another --output.', zh: '文件已存在：{path}。加 --overwrite 覆盖，或换一个 --output 文件名。' },
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
  'briefing-cells-outside': { en: '"{part}" is outside cells 1–{count}', zh: '“{part}”超出了单元格范围 1–{count}' },
  'briefing-cells-unknown': { en: 'no cell is named "{part}"', zh: '没有名为“{part}”的单元格' },
  'briefing-notebook-failed': { en: 'The notebook did not run to the end: {problems}', zh: '笔记本没有运行完：{problems}' },
  'query-stream-failed': {
    en: 'The query stopped after {rows} rows while its result was being kept, and DuckDB did not say why; nothing was kept. Run it again.',
    zh: '查询在保存结果时于第 {rows} 行后中止，DuckDB 没有给出原因；结果未保存。请重新运行。',
  },
  'workspace-not-folder': {
    en: 'The workspace cannot be {path}: a file has that name (or a folder on the way is a file). Give a folder, or a .duckdb file, as the workspace.',
    zh: '工作区不能设在 {path}：已有同名文件（或路径中的某个文件夹其实是文件）。请指定一个文件夹或 .duckdb 文件作为工作区。',
  },
  'workspace-not-created': { en: 'The workspace folder {path} cannot be created ({reason}).', zh: '无法创建工作区文件夹 {path}（{reason}）。' },
  'workspace-locked': {
    en: 'The workspace is open in another Indicator Workbench process (app, `iwb serve` or `iwb query`). Close it or use --workspace to pick another workspace.',
    zh: '工作区已被另一个指标工作台进程（应用、`iwb serve` 或 `iwb query`）打开。请先关闭它，或用 --workspace 选择其他工作区。',
  },
  'result-expired': {
    en: 'This result is no longer held by the engine (it was closed or the engine restarted). Run the query again.',
    zh: '引擎已不再保存此结果（已关闭或引擎已重启），请重新运行查询。',
  },
  'cell-result-expired': { en: 'This cell result is no longer held by the engine. Run the cell again.', zh: '引擎已不再保存此单元格的结果，请重新运行该单元格。' },
  'notebook-session-gone': {
    en: 'The notebook session is gone (the engine restarted); its cells must run again.',
    zh: '笔记本会话已丢失（引擎已重启），需要重新运行其单元格。',
  },
  'notebook-session-reset': {
    en: 'The query engine restarted, so this notebook\'s views and parameters are gone; its cells must run again.',
    zh: '查询引擎已重启，此笔记本的视图和参数已丢失，需要重新运行其单元格。',
  },
  'notebook-exists': { en: '{file} already exists.', zh: '{file} 已存在。' },
  'notebook-changed-on-disk': {
    en: '{file} was changed on disk since it was opened; saving would overwrite those changes.',
    zh: '{file} 在打开后已被其他程序修改；保存会覆盖这些修改。',
  },
  'query-empty': { en: 'There is no SQL statement to run.', zh: '没有可运行的 SQL 语句。' },
  'cell-empty': { en: 'The cell has no SQL statement to run.', zh: '此单元格没有可运行的 SQL 语句。' },
  'query-duplicate-id': { en: 'Query id "{queryId}" is already running.', zh: '查询编号“{queryId}”已在运行。' },
  'result-view-invalid': { en: '{problem}', zh: '无法排序或筛选：{problem}' },
  'result-unknown-column': { en: 'Unknown column "{column}"', zh: '没有列“{column}”' },
  'query-cancelled': { en: 'Query cancelled', zh: '查询已取消' },
  'query-cancelled-restarted': { en: 'Query cancelled; the engine was restarted to stop it.', zh: '查询已取消；为停止它已重启引擎。' },
  'query-cancelled-before-start': { en: 'Query cancelled before it started.', zh: '查询在开始前已取消。' },
  'import-cancelled': { en: 'Import cancelled; the workspace is unchanged.', zh: '导入已取消，工作区没有改变。' },
  'notebook-needs-name': { en: 'Choose a name to save this notebook under.', zh: '请为笔记本选择保存的文件名。' },
  'notebook-sample-readonly': { en: 'Sample notebooks cannot be overwritten; save under another name.', zh: '示例笔记本不能覆盖，请另存为其他名称。' },
  'notebook-recovery-id': { en: 'Not a recovery id.', zh: '不是有效的恢复副本编号。' },
  'notebook-result-expired': { en: 'This cell result is gone; run the cell again.', zh: '此单元格的结果已失效，请重新运行。' },
  'unknown-indicator': { en: 'Unknown indicator code "{code}".', zh: '没有这个指标代码：“{code}”。' },
  'observation-unit': {
    en: 'unit: {unit} cannot be converted to {indicatorUnit}, the unit of {name} ({code}); use {allowed}.',
    zh: '单位“{unit}”不能换算为 {name}（{code}）的单位“{indicatorUnit}”；可用：{allowed}。',
  },
  'observation-duplicate': {
    en: 'You already added {code} for {region} {scope} {year} {period} (row {obsId}); delete it first.',
    zh: '已有 {code} 在 {region} {scope} {year} {period} 的自填数据（{obsId}），请先删除。',
  },
  'datasets-unavailable': { en: 'The bundled datasets could not be loaded: {reason}', zh: '内置数据集无法加载：{reason}' },
  'target-unit-needed': { en: 'give the unit: the workspace has no indicators view to find the unit of {code}', zh: '请填写单位：工作区没有 indicators 表，无法确定指标 {code} 的单位' },
  'target-indicator-missing': { en: 'no indicator with code {code}', zh: '没有代码为 {code} 的指标' },
  'target-unit-mismatch': { en: "{given}: the unit must be the indicator's unit, {unit} ({code})", zh: '单位 {given} 与指标 {code} 的单位 {unit} 不一致' },
  'target-impossible': { en: 'A target for {name} ({code}) cannot be {value}: {why}.', zh: '{name}（{code}）的目标不能是 {value}：{why}。' },
  'target-bundled': { en: 'target {targetId} is bundled: add a target of your own instead', zh: '目标 {targetId} 来自内置数据，不能修改或删除；可新增一个目标' },
  'notebook-target-missing': {
    en: 'The workspace has no target {targetId}; the target cell cannot show it. Choose a target from the target board (its targets table), or add it there first.',
    zh: '工作区中没有编号为 {targetId} 的目标，目标单元格无法显示。请从目标看板（targets 表）中选择一个目标，或先在看板上新增。',
  },
  'target-missing': { en: 'no target {targetId}', zh: '没有编号为 {targetId} 的目标' },
  'value-not-finite': { en: 'cannot store {value}', zh: '无法保存非有限数值 {value}' },
  'chart-size-invalid': { en: '{problem}', zh: '图表尺寸无效：{problem}' },
  'import-unpivot-no-years': {
    en: '{file}: no year columns (such as 2019年, 2020, 2021年度) were found to unpivot. Columns: {columns}',
    zh: '{file}：没有找到可转换的年份列（如 2019年、2020、2021年度）。列：{columns}',
  },
  'notebook-trust-format': { en: '{file}: {problem}', zh: '{file}：{problem}' },
  'sample-write-failed': { en: 'Cannot write {path}: {reason}', zh: '无法写入 {path}：{reason}' },
  'forecast-invalid-input': { en: '{label}: {problem}', zh: '{label}：{problem}' },
  'forecast-series-unreadable': { en: 'Cannot read the series file {path}: {reason}', zh: '无法读取序列文件 {path}：{reason}' },
  'forecast-series-invalid': { en: '{problem}', zh: '序列文件有误：{problem}' },
  'forecast-no-dataset': {
    en: 'The workspace has no {view} view (it is created when the bundled indicator datasets are loaded into the workspace); use --series FILE.csv instead',
    zh: '工作区没有 {view} 视图（加载内置指标数据集时创建）；请改用 --series FILE.csv',
  },
  'forecast-unknown-indicator': { en: 'No indicator has the code or name "{key}"{hint}', zh: '没有代码或名称为“{key}”的指标{hint}' },
  'forecast-ambiguous-indicator': { en: '"{key}" names several indicators: {indicators}; use the code', zh: '“{key}”对应多个指标：{indicators}；请使用代码' },
  'forecast-no-values': { en: '{label} has no annual values for scope {scope}{region}{available}', zh: '{label} 在范围 {scope}{region} 没有年度数值{available}' },
  'forecast-not-a-number': { en: '{label}: the observation for {year} is not a number ({value})', zh: '{label}：{year} 年的数值不是数字（{value}）' },
  'forecast-several-values': {
    en: '{label} has several annual values for {year} (regions {regions}); choose one with --region',
    zh: '{label} 在 {year} 年有多个年度数值（地区 {regions}）；请用 --region 选择一个',
  },
  'forecast-invalid-target': { en: '{label}: the target for {year}: {problem}', zh: '{label}：{year} 年的目标：{problem}' },
  // Calls refused before they reach a service (dispatchCall, the IPC and HTTP hosts), and the import's indicator check.
  'call-method-name': { en: 'Method name must be a string (got {given}).', zh: '方法名必须是字符串（收到的是 {given}）。' },
  'call-unknown-method': { en: 'Unknown method "{method}"', zh: '未知的方法“{method}”' },
  'call-invalid-argument': { en: 'Invalid argument for {method}: {problem}', zh: '{method} 的参数无效：{problem}' },
  'call-forbidden': { en: 'Calls are only accepted from the app window', zh: '只接受来自应用窗口的调用' },
  'call-too-large': {
    en: 'The data to send for {method} is {size}, more than the {limit} this call can take in browser mode; make it smaller and try again.',
    zh: '{method} 要发送的数据有 {size}，超过了浏览器模式下这个调用的上限 {limit}；请减少数据后重试。',
  },
  'chart-too-large': {
    en: 'The chart "{name}" is {size} of data, more than the {limit} one export can take in browser mode; nothing was written. Sum its rows up with GROUP BY, or draw fewer series, and export again.',
    zh: '图表“{name}”的数据有 {size}，超过了浏览器模式下一次导出的上限 {limit}，未写入任何文件。请用 GROUP BY 汇总行或减少数据系列后再导出。',
  },
  // DuckDB's errors a planner meets most, explained (explainSqlError); DuckDB's own text is the detail.
  'sql-no-column': { en: 'There is no column "{column}" here.{hint}', zh: '这里没有“{column}”列。{hint}' },
  'sql-no-column-in-table': { en: 'The table "{table}" has no column "{column}".{hint}', zh: '表“{table}”中没有“{column}”列。{hint}' },
  'sql-ambiguous-column': { en: 'The column "{column}" is in more than one table; write which one: {options}.', zh: '“{column}”列在多张表中都有，请写明是哪一张的：{options}。' },
  'sql-not-grouped': {
    en: 'The column "{column}" must be in the GROUP BY list, or inside an aggregate such as SUM(…) or ANY_VALUE(…).',
    zh: '“{column}”列要么写进 GROUP BY，要么放进 SUM(…)、ANY_VALUE(…) 等聚合函数。',
  },
  'sql-no-table': { en: 'There is no table or view named "{name}".{hint}', zh: '没有名为“{name}”的表或视图。{hint}' },
  'sql-no-function': { en: 'There is no function named "{name}".{hint}', zh: '没有名为“{name}”的函数。{hint}' },
  'sql-function-arguments': {
    en: 'The function {name} does not take arguments of these types or this number; check them, or convert with CAST(… AS type).',
    zh: '函数 {name} 不接受这样的参数（类型或个数不对）；请检查参数，或用 CAST(… AS 类型) 转换。',
  },
  'sql-syntax': { en: 'Syntax error near "{near}".', zh: '语法错误：在“{near}”附近。' },
  'sql-syntax-end': { en: 'Syntax error: the statement ends before it is complete.', zh: '语法错误：语句没有写完就结束了。' },
  'sql-conversion': { en: 'The value "{value}" cannot be read as {type}.', zh: '值“{value}”不能转换为 {type}。' },
  'sql-date-out-of-range': { en: 'There is no such date: "{value}" (month or day out of range).', zh: '没有这个日期：“{value}”（月或日超出范围）。' },
  'sql-no-file': { en: 'No file matches "{path}".', zh: '找不到与“{path}”匹配的文件。' },
  'import-unreadable-values': {
    en: 'Nothing was imported; these cells are not numbers: {list}. Write each as a number (3.5, 1,200, 12.5%), or as — or 空 where there is no value.',
    zh: '未导入任何数据；以下单元格不是数字：{list}。请写成数字（如 3.5、1,200、12.5%），没有数值的写“—”或“空”。',
  },
  'import-impossible-values': { en: 'Nothing was imported; these figures cannot be what their indicators measure: {list}.', zh: '未导入任何数据；以下数值不可能是对应指标的数值：{list}。' },
  'observation-impossible': { en: '{name} ({code}) cannot be {value}: {why}.', zh: '{name}（{code}）不可能是 {value}：{why}。' },
  'call-http-refused': { en: 'The workbench server refused the call {method} ({status}: {reason}).', zh: '工作台服务拒绝了调用 {method}（{status}：{reason}）。' },
  // A message frame (wireCodec) that is not what the other side wrote: cut short, garbled, or not a frame.
  'wire-no-frame': { en: 'Malformed message: missing IWB1 header', zh: '消息格式错误：缺少 IWB1 帧头' },
  'wire-header-length': { en: 'Malformed message: header exceeds message length', zh: '消息格式错误：帧头长度超过了消息长度（消息被截断）' },
  'wire-header-json': { en: 'Malformed message: the header is not valid JSON', zh: '消息格式错误：帧头不是有效的 JSON' },
  'wire-blob-table': { en: 'Malformed message: missing blob table', zh: '消息格式错误：缺少二进制块表' },
  'wire-blob-length': { en: 'Malformed message: blob exceeds message length', zh: '消息格式错误：二进制块超过了消息长度（消息被截断）' },
  'wire-blob-unknown': { en: 'Malformed message: unknown blob reference', zh: '消息格式错误：引用了不存在的二进制块' },
  'wire-trailing-bytes': { en: 'Malformed message: {extra} bytes after the last blob', zh: '消息格式错误：最后一个二进制块之后多出 {extra} 字节' },
  'wire-prototype-key': { en: 'Malformed message: the key "{key}" is not allowed', zh: '消息格式错误：不允许使用键“{key}”' },
  'call-reply-broken': { en: 'The reply to {method} broke off before it was complete ({reason}); run it again.', zh: '调用 {method} 的回复在收完之前中断了（{reason}），请重试。' },
  'import-indicator-check': { en: 'Could not check the indicator names of the import: {problem}', zh: '无法检查导入数据中的指标名称：{problem}' },
  // What is wrong with a call's argument (src-main/host/argumentProblem.ts), the {problem} of call-invalid-argument.
  'call-argument-missing': { en: '{path} is missing', zh: '缺少 {path}' },
  'call-argument-type': { en: '{path} must be {expected} (received {received})', zh: '{path} 应为{expected}（收到的是{received}）' },
  'call-argument-empty': { en: '{path} is empty', zh: '{path} 为空' },
  'call-argument-too-short': { en: '{path} is shorter than {minimum} characters', zh: '{path} 少于 {minimum} 个字符' },
  'call-argument-too-long': { en: '{path} is longer than {maximum} characters', zh: '{path} 超过 {maximum} 个字符' },
  'call-argument-too-few': { en: '{path} has fewer than {minimum} items', zh: '{path} 少于 {minimum} 项' },
  'call-argument-too-many': { en: '{path} has more than {maximum} items', zh: '{path} 超过 {maximum} 项' },
  'call-argument-below': { en: '{path} must be at least {minimum}', zh: '{path} 不能小于 {minimum}' },
  'call-argument-not-above': { en: '{path} must be above {minimum}', zh: '{path} 必须大于 {minimum}' },
  'call-argument-above': { en: '{path} must be at most {maximum}', zh: '{path} 不能大于 {maximum}' },
  'call-argument-not-below': { en: '{path} must be below {maximum}', zh: '{path} 必须小于 {maximum}' },
  'call-argument-one-of': { en: '{path} must be one of {values}', zh: '{path} 必须是以下之一：{values}' },
  'call-argument-unknown-keys': { en: '{path} has keys it does not take: {keys}', zh: '{path} 含有不接受的键：{keys}' },
  'call-argument-format': { en: '{path} is not in the allowed form', zh: '{path} 的格式不符合要求' },
  'call-argument-invalid': { en: '{path} is not valid', zh: '{path} 的值无效' },
  'call-argument-prototype-key': { en: '{path} is not an allowed key', zh: '{path} 是不允许的键名' },
  'engine-shut-down': { en: 'The engine was shut down.', zh: '计算引擎已关闭。' },
} satisfies Record<string, Bilingual>;

export type ErrorTextCode = keyof typeof errorTexts;

export function isErrorTextCode(code: string | undefined): code is ErrorTextCode {
  return code !== undefined && Object.hasOwn(errorTexts, code);
}

/** The text of an error code in a language, with `{name}` placeholders filled. */
export function errorText(code: ErrorTextCode, params: ErrorParams, language: keyof Bilingual): string {
  return fillText(errorTexts[code][language], params, language);
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

/** A `cancelled` error (the user asked to stop), in both languages; never made from a DuckDB message. */
export function cancelledError(text: ErrorTextCode = 'query-cancelled', params: ErrorParams = {}): WorkbenchError {
  return new WorkbenchError({ kind: 'cancelled', code: 'cancelled', message: errorText(text, params, 'en'), params, text });
}

/** The localized message of an error envelope, or null when it has none. */
export function localizedMessage(error: { code?: string; text?: string; params?: ErrorParams }, language: keyof Bilingual): string | null {
  const text = error.text ?? error.code;
  return isErrorTextCode(text) && error.params ? errorText(text, error.params, language) : null;
}

/** Every code's placeholders, per language (for tests). */
export function errorTextPlaceholders(): Record<string, { en: string[]; zh: string[] }> {
  return Object.fromEntries(Object.entries(errorTexts).map(([code, text]) => [code, { en: placeholdersOf(text.en), zh: placeholdersOf(text.zh) }]));
}
