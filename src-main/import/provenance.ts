import type { ImportFormat, ImportProvenance } from '@shared/contract/workbenchContract';
import { quoteLiteral } from '@shared/domain/sqlIdentifier';
import type { EngineClient } from '../engine/EngineClient';

/** The import_provenance table: one row per import, written in the import's own transaction. */
export const PROVENANCE_TABLE = 'import_provenance';
export const PROVENANCE_DDL = `CREATE TABLE IF NOT EXISTS ${PROVENANCE_TABLE} (
  id BIGINT PRIMARY KEY, table_name VARCHAR NOT NULL, file_name VARCHAR NOT NULL, content_sha256 VARCHAR NOT NULL,
  sheet VARCHAR, "range" VARCHAR, encoding VARCHAR, format VARCHAR NOT NULL, imported_at TIMESTAMP NOT NULL,
  row_count BIGINT NOT NULL, mode VARCHAR NOT NULL, options VARCHAR NOT NULL)`;

export async function importHistory(engine: EngineClient): Promise<ImportProvenance[]> {
  const exists = await engine.call('exec', {
    sql: `SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = '${PROVENANCE_TABLE}'`,
  });
  if (Number(exists.rows[0]?.n ?? 0) === 0) return [];
  const result = await engine.call('exec', { sql: `SELECT * FROM ${PROVENANCE_TABLE} ORDER BY id DESC` });
  return result.rows.map(provenanceFromRow);
}

export function provenanceInsert(row: Omit<ImportProvenance, 'id' | 'importedAt'>): string {
  const literal = (value: string | null): string => (value === null ? 'NULL' : quoteLiteral(value));
  return `INSERT INTO ${PROVENANCE_TABLE} VALUES ((SELECT COALESCE(max(id), 0) + 1 FROM ${PROVENANCE_TABLE}), ${literal(row.tableName)}, ${literal(row.fileName)},
    ${literal(row.contentSha256)}, ${literal(row.sheet)}, ${literal(row.range)}, ${literal(row.encoding)}, ${literal(row.format)}, now()::TIMESTAMP,
    ${Math.trunc(row.rowCount)}, ${literal(row.mode)}, ${literal(row.options)})`;
}

export function provenanceFromRow(row: Record<string, unknown>): ImportProvenance {
  const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
  return {
    id: Number(row.id),
    tableName: String(row.table_name),
    fileName: String(row.file_name),
    contentSha256: String(row.content_sha256),
    sheet: text(row.sheet),
    range: text(row.range),
    encoding: text(row.encoding),
    format: String(row.format) as ImportFormat,
    importedAt: String(row.imported_at),
    rowCount: Number(row.row_count),
    mode: String(row.mode) as ImportProvenance['mode'],
    options: String(row.options),
  };
}
