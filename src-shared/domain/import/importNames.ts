/**
 * Names for imported tables. Chinese names are fine (DuckDB quotes them);
 * what is removed is what would make a name awkward to type in SQL.
 */

import { bilingual, type Bilingual } from '../bilingual';

export const MAX_TABLE_NAME_LENGTH = 63;

/** A table name from a file name: `2023年 科技指标(终稿).xlsx` → `2023年_科技指标_终稿`. */
export function tableNameFromFile(fileName: string, sheet?: string | null): string {
  const stem = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  const base = sanitizeTableName(stem) || 'imported';
  const withSheet = sheet && !/^(sheet|工作表)\s*1$/i.test(sheet.trim()) ? `${base}_${sanitizeTableName(sheet)}` : base;
  return withSheet.slice(0, MAX_TABLE_NAME_LENGTH);
}

/** Keeps letters (any script), digits and `_`; anything else becomes `_`; a leading digit gets `t_`. */
export function sanitizeTableName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}_]+/gu, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  if (!cleaned) return '';
  return (/^\p{N}/u.test(cleaned) ? `t_${cleaned}` : cleaned).slice(0, MAX_TABLE_NAME_LENGTH);
}

/** Why a table name cannot be used, or null when it can. */
export function tableNameProblem(name: string): Bilingual | null {
  if (name.trim() === '') return bilingual('The table name is empty.', '表名是空的。');
  if (name.length > MAX_TABLE_NAME_LENGTH) return bilingual(`The table name is longer than ${MAX_TABLE_NAME_LENGTH} characters.`, `表名超过 ${MAX_TABLE_NAME_LENGTH} 个字符。`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f"]/.test(name)) return bilingual('The table name contains a control character or a double quote.', '表名含有控制字符或双引号。');
  if (/^(iwb_|__iwb)/i.test(name)) return bilingual('Names starting with iwb_ are reserved for the workbench.', '以 iwb_ 开头的名称为工作台保留。');
  if (/^(import_provenance|user_observations|user_indicators|user_targets|dataset_meta|scenarios|scenario_results|bundled_\w+|observations|indicators|targets|sources)$/i.test(name)) {
    return bilingual(`"${name}" is one of the workbench's own tables.`, `“${name}”是工作台自己的表。`);
  }
  return null;
}
