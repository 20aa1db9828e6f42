import type { ImportColumnSpec, ImportPreview } from '@shared/contract/workbenchContract';
import { bilingual, localizedError } from '@shared/contract/errorTexts';
import type { ImportColumnType } from '@shared/domain/import/columnTypes';
import { tableNameFromFile } from '@shared/domain/import/importNames';
import { longLabels } from '@shared/domain/import/indicatorMatch';
import { planUnpivot } from '@shared/domain/import/unpivotPlan';
import { quoteIdentifier, quoteLiteral } from '@shared/domain/sqlIdentifier';
import type { ExecResult } from '../../engine/engineProtocol';
import { PREVIEW_SAMPLE_ROWS, type Analysis, type FormatContext } from '../importAnalysis';
import { fileError } from '../importErrors';
import type { ImportSource } from '../importSources';
import { publicInfo } from '../importSources';
import { castSql } from '../importSql';

/** Parquet and JSON: previewed and loaded by DuckDB's own readers. */

export async function analyseDuckDBReadable(context: FormatContext, source: ImportSource, format: 'parquet' | 'json'): Promise<Analysis> {
  const relation = readerSql(format, source.path);
  const described = await describeRelation(context, source, relation);
  const sample = await readerCall(context, source, `SELECT * FROM ${relation} LIMIT ${PREVIEW_SAMPLE_ROWS}`);
  const count = await readerCall(context, source, `SELECT count(*) AS n FROM ${relation}`);
  const columns: ImportColumnSpec[] = described.map((column, index) => ({
    name: column.name,
    sourceIndex: index,
    sourceName: column.name,
    type: nearestImportType(column.type),
    include: true,
    cleaned: false,
    percent: false,
  }));
  const preview: ImportPreview = {
    source: publicInfo(source),
    settings: { format, encoding: null, delimiter: null, sheet: null, relation: null },
    encodingReason: null,
    sheets: [],
    relations: [],
    grid: [],
    gridRowsTotal: null,
    layout: null,
    columns,
    sampleRows: sample.rows.map((row) => described.map((column) => displayJson(row[column.name]))),
    rowCount: Number(count.rows[0]?.n ?? 0),
    rowCountExact: true,
    unpivot: null,
    indicatorLabels: [],
    decodeIssues: null,
    warnings: [],
    suggestedTable: tableNameFromFile(source.fileName),
  };
  const plan = planUnpivot(columns.map((column) => ({ name: column.name, type: column.type })), null);
  preview.unpivot = plan && plan.indicatorColumn !== null ? plan : null;
  if (preview.unpivot) preview.indicatorLabels = longLabels(preview.sampleRows, preview.unpivot, (value) => String(value ?? ''));
  return { preview, layout: null, sheet: null, sourceTypes: described.map((column) => column.type) };
}

export function duckDBReadableSelect(source: ImportSource, format: 'parquet' | 'json', analysis: Analysis, columns: ImportColumnSpec[]): string {
  const original = analysis.preview.columns;
  const select = columns
    .filter((column) => column.include)
    .map((column) => {
      const before = original[column.sourceIndex];
      if (!before) throw localizedError('import-column', { file: source.fileName, column: column.sourceIndex + 1 });
      const expression = quoteIdentifier(before.sourceName);
      const changed = column.type !== before.type;
      return `${changed ? castSql(expression, 'SOURCE', column.type, column.cleaned) : expression} AS ${quoteIdentifier(column.name)}`;
    });
  return `SELECT ${select.join(', ')} FROM ${readerSql(format, source.path)}`;
}

async function describeRelation(context: FormatContext, source: ImportSource, relation: string): Promise<{ name: string; type: string }[]> {
  const result = await readerCall(context, source, `DESCRIBE SELECT * FROM ${relation}`);
  return result.rows.map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
}

async function readerCall(context: FormatContext, source: ImportSource, sql: string): Promise<ExecResult> {
  try {
    return await context.engine.call('exec', { sql });
  } catch (error) {
    throw fileError(source, bilingual(`cannot be read as ${source.format.toUpperCase()}`, `无法按 ${source.format.toUpperCase()} 格式读取`), error);
  }
}

export function readerSql(format: 'parquet' | 'json', path: string): string {
  return format === 'parquet' ? `read_parquet(${quoteLiteral(path)})` : `read_json_auto(${quoteLiteral(path)})`;
}

function nearestImportType(duckdbType: string): ImportColumnType {
  const type = duckdbType.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER)$/.test(type)) return 'BIGINT';
  if (/^(FLOAT|DOUBLE|REAL|DECIMAL.*|HUGEINT|UBIGINT)$/.test(type)) return 'DOUBLE';
  if (type === 'BOOLEAN') return 'BOOLEAN';
  if (type === 'DATE') return 'DATE';
  if (type.startsWith('TIMESTAMP')) return 'TIMESTAMP';
  return 'VARCHAR';
}

function displayJson(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
