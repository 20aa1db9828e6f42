import { fillText, placeholdersOf, type Bilingual, type TextParams } from '../bilingual';

/**
 * What can be wrong with a notebook file, in both languages: the file as a
 * whole (not a notebook, a header line, a fence), a cell that does not
 * decode, and what `checkNotebook` finds. A problem carries its code and
 * the values of the text; the window fills the text in the user's language,
 * the command line in English. The same table style as errorTexts.
 */
const notebookProblemTexts = {
  // The file is not a notebook (NotebookFormatError).
  binary: { en: 'this is a binary file (a NUL byte at byte {offset}), not a notebook', zh: '这是二进制文件（字节偏移 {offset} 处是 NUL 字节），不是笔记本' },
  encoding: { en: 'the file is not valid UTF-8 (byte {offset}); save it as UTF-8', zh: '文件不是有效的 UTF-8 编码（字节偏移 {offset}）；请另存为 UTF-8' },
  empty: { en: 'the file is empty, not a notebook', zh: '文件是空的，不是笔记本' },
  'no-header': {
    en: 'a notebook starts with a `---` line and the `iwb-notebook: VERSION` header; this file does not',
    zh: '笔记本以 `---` 行和 `iwb-notebook: 版本号` 文件头开头，这个文件没有',
  },
  'header-line': { en: 'header lines must read `key: value`', zh: '文件头的每一行都应写成 `名称: 值`' },
  'header-value': { en: 'the value of "{key}" is not valid JSON ({detail})', zh: '文件头中“{key}”的值不是有效的 JSON（{detail}）' },
  'duplicate-field': { en: '"{key}" appears twice in the header', zh: '文件头中“{key}”出现了两次' },
  'header-unclosed': { en: 'the header is never closed with a `---` line (is the file cut short?)', zh: '文件头没有以 `---` 行结束（文件可能不完整）' },
  'outside-cell': { en: 'text outside a cell; every part of a notebook sits in a ``` fenced cell', zh: '单元格之外有文字；笔记本的每一部分都应在 ``` 围起来的单元格中' },
  'cell-unclosed': { en: 'the {type} cell opened here is never closed with {fence} (is the file cut short?)', zh: '这一行开始的 {type} 单元格没有用 {fence} 结束（文件可能不完整）' },
  'fence-type': { en: 'a cell fence must name its type, e.g. ```sql or ```markdown', zh: '单元格开头的 ``` 后面要写类型，如 ```sql 或 ```markdown' },
  'fence-extra': { en: 'the text after the cell name must be a JSON object ({detail})', zh: '单元格名称后面的内容必须是 JSON 对象（{detail}）' },
  'no-version': { en: 'the header has no "{key}: VERSION" line, so this is not a notebook', zh: '文件头中没有“{key}: 版本号”一行，所以不是笔记本' },
  'bad-version': { en: '"{key}" must be a whole number such as {current}', zh: '“{key}”必须是整数，如 {current}' },
  'too-old': { en: 'format version {version} is older than this app can read (oldest: {oldest})', zh: '格式版本 {version} 太旧，此应用无法读取（最旧可读版本 {oldest}）' },
  'too-many-cells': {
    en: 'the notebook has {count} cells; at most {limit} are allowed (cell {next} starts here)',
    zh: '笔记本有 {count} 个单元格，最多允许 {limit} 个（第 {next} 个单元格从这里开始）',
  },
  // What checkNotebook finds.
  'newer-version': {
    en: 'written by a newer version (format {version}; this app writes {current}); parts it does not know are kept as they are',
    zh: '由较新版本写成（格式 {version}，此应用写的是 {current}）；不认识的部分原样保留',
  },
  'cell-invalid': { en: '{problem}', zh: '{problem}' },
  'cell-unknown': { en: '"{type}" cells are not known to this version; the cell is kept as it is and not run', zh: '此版本不认识“{type}”类型的单元格，已原样保留，不会运行' },
  'name-invalid': {
    en: '"{name}" is not a usable name: start with a letter or _, then letters, digits or _ (at most 64)',
    zh: '“{name}”不能用作名称：应以字母或 _ 开头，后面是字母、数字或 _（最多 64 个）',
  },
  'name-duplicate': { en: 'the name "{name}" is already used by the cell on line {other}', zh: '名称“{name}”已被第 {other} 行的单元格使用' },
  'sql-empty': { en: 'the {cell} has no SQL', zh: '{cell}没有 SQL' },
  'name-not-query': {
    en: 'the {cell} ends with {keyword}, not a query; a named cell becomes a view for later cells, so remove the name or end it with a SELECT',
    zh: '{cell}以 {keyword} 结尾，不是查询；有名称的单元格会成为后面单元格可用的视图，请去掉名称或以 SELECT 结尾',
  },
  'name-later': {
    en: 'the {cell} uses "{name}", which the cell on line {other} defines further down; cells run from top to bottom',
    zh: '{cell}用到了“{name}”，但它由下面第 {other} 行的单元格定义；单元格从上到下运行',
  },
  'variable-unknown': { en: 'the {cell} reads getvariable(\'{name}\'), but there is no parameter "{name}"', zh: '{cell}读取 getvariable(\'{name}\')，但没有参数“{name}”' },
  'chart-source': { en: 'the chart\'s source "{name}" is not the name of a cell above it', zh: '图表的数据来源“{name}”不是上方某个单元格的名称' },
  'chart-source-kind': { en: 'the chart\'s source "{name}" is not a SQL or target cell', zh: '图表的数据来源“{name}”不是 SQL 单元格或目标单元格' },
  'param-range': { en: 'parameter "{parameter}": min {min} is above max {max}', zh: '参数“{parameter}”：最小值 {min} 大于最大值 {max}' },
  'param-step': { en: 'parameter "{parameter}": step must be above 0', zh: '参数“{parameter}”：步长必须大于 0' },
  'param-slider': { en: 'parameter "{parameter}": a slider needs min and max', zh: '参数“{parameter}”：滑块需要最小值和最大值' },
  'param-below': { en: 'parameter "{parameter}": the value {value} is below min {min}', zh: '参数“{parameter}”：值 {value} 小于最小值 {min}' },
  'param-above': { en: 'parameter "{parameter}": the value {value} is above max {max}', zh: '参数“{parameter}”：值 {value} 大于最大值 {max}' },
  'param-option': { en: 'parameter "{parameter}": the value {value} is not one of the options', zh: '参数“{parameter}”：值 {value} 不在选项中' },
  'param-date': { en: 'parameter "{parameter}": option {option} is not a date YYYY-MM-DD', zh: '参数“{parameter}”：选项 {option} 不是 YYYY-MM-DD 格式的日期' },
  // A cell that does not decode (the problem of a raw cell).
  'field-line': { en: 'expected `key: value`, found "{text}"', zh: '应写成 `名称: 值`，实际是“{text}”' },
  'field-twice': { en: '"{key}" appears twice', zh: '“{key}”出现了两次' },
  'field-json': { en: 'the value of "{key}" is not valid JSON ({detail})', zh: '“{key}”的值不是有效的 JSON（{detail}）' },
  'field-missing': { en: 'the {type} cell needs "{key}"', zh: '{type} 单元格需要“{key}”' },
  'field-text': { en: '"{key}" must be text', zh: '“{key}”必须是文字' },
  'field-number': { en: '"{key}" must be a number', zh: '“{key}”必须是数字' },
  'field-boolean': { en: '"{key}" must be true or false', zh: '“{key}”必须是 true 或 false' },
  'field-one-of': { en: '"{key}" must be one of {allowed} (found {found})', zh: '“{key}”必须是 {allowed} 之一（实际是 {found}）' },
  'field-columns': {
    en: '"{key}" must name one column or a list of columns, e.g. {key}: {example}',
    zh: '“{key}”必须是一个列名或列名列表，如 {key}: {example}',
  },
  'field-targets': {
    en: '"targets" must be a number or a list like [{"value": 1000, "label": "2024年目标"}]',
    zh: '“targets”必须是数字或这样的列表：[{"value": 1000, "label": "2024年目标"}]',
  },
  'field-bands': {
    en: '"bands" must be a list like [{"from": 99.5, "to": 100.5, "label": "达标区间"}]',
    zh: '“bands”必须是这样的列表：[{"from": 99.5, "to": 100.5, "label": "达标区间"}]',
  },
  'markdown-name': { en: 'a markdown cell has no name (found "{name}")', zh: 'Markdown 单元格没有名称（实际写了“{name}”）' },
  'settings-inline': { en: 'put the {type} cell\'s settings on their own lines, not after its name', zh: '{type} 单元格的设置应各占一行，不要写在名称后面' },
  'parameter-name': { en: 'a parameter needs a name after ```parameter, e.g. ```parameter year', zh: '参数需要在 ```parameter 后面写名称，如 ```parameter year' },
  'parameter-value': { en: 'a parameter needs a value: a number, a date or a text', zh: '参数需要一个值：数字、日期或文字' },
  'parameter-number': { en: 'the value of a {control} parameter must be a number', zh: '{control} 参数的值必须是数字' },
  'parameter-date': { en: 'the value of a date parameter must be a date written YYYY-MM-DD', zh: '日期参数的值必须是 YYYY-MM-DD 格式的日期' },
  'parameter-date-day': { en: 'the value of a date parameter, {value}, is no day of the calendar: {reason}', zh: '日期参数的值 {value} 不是日历上存在的日期：{reason}' },
  'parameter-options': { en: '"options" must be a list of numbers or texts, e.g. [2022, 2023, 2024]', zh: '“options”必须是数字或文字的列表，如 [2022, 2023, 2024]' },
  'parameter-select': { en: 'a select parameter needs "options", e.g. options: [2022, 2023, 2024]', zh: '下拉选择参数需要“options”，如 options: [2022, 2023, 2024]' },
} satisfies Record<string, Bilingual>;

export type NotebookProblemCode = keyof typeof notebookProblemTexts;

export const NOTEBOOK_PROBLEM_CODES = Object.keys(notebookProblemTexts) as NotebookProblemCode[];

export function isNotebookProblemCode(code: string): code is NotebookProblemCode {
  return Object.hasOwn(notebookProblemTexts, code);
}

/** The text of a problem in a language, its placeholders filled from `params`. */
export function notebookProblemText(code: NotebookProblemCode, params: TextParams, language: keyof Bilingual): string {
  return fillText(notebookProblemTexts[code][language], params, language);
}

/** The text in both languages (a problem nested in another, e.g. a raw cell's inside `cell-invalid`). */
export function notebookProblemPhrase(code: NotebookProblemCode, params: TextParams): Bilingual {
  return { en: notebookProblemText(code, params, 'en'), zh: notebookProblemText(code, params, 'zh') };
}

/** Every code's placeholders, per language (for tests). */
export function notebookProblemPlaceholders(): Record<string, { en: string[]; zh: string[] }> {
  return Object.fromEntries(Object.entries(notebookProblemTexts).map(([code, text]) => [code, { en: placeholdersOf(text.en), zh: placeholdersOf(text.zh) }]));
}
