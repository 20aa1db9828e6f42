import { randomBytes } from 'node:crypto';
import type { ImportFormat, ImportOutcome, ImportPreview, QueryId, RunImportRequest } from '@shared/contract/workbenchContract';
import { bilingual, localizedError } from '@shared/contract/errorTexts';
import { tableNameFromFile, tableNameProblem } from '@shared/domain/import/importNames';
import { quoteIdentifier, quoteLiteral } from '@shared/domain/sqlIdentifier';
import type { Analysis, FormatContext } from '../importAnalysis';
import { fileError } from '../importErrors';
import { rollbackImport, tableExists } from '../importPlan';
import type { ImportSource } from '../importSources';
import { publicInfo } from '../importSources';
import { PROVENANCE_DDL, PROVENANCE_TABLE, provenanceFromRow, provenanceInsert } from '../provenance';
import { importCancelled } from '../textSource';
import type { ImportReport } from './textFormat';

/** DuckDB database files: their tables copied in, or the file attached read-only. */

export async function analyseDuckDBFile(context: FormatContext, source: ImportSource): Promise<Analysis> {
  const alias = `iwb_preview_${randomBytes(4).toString('hex')}`;
  let relations: { name: string; rowCount: number | null }[];
  try {
    await context.engine.call('exec', { sql: `ATTACH ${quoteLiteral(source.path)} AS ${quoteIdentifier(alias)} (READ_ONLY)` });
  } catch (error) {
    throw fileError(source, bilingual('cannot be opened as a DuckDB database', '无法作为 DuckDB 数据库打开'), error);
  }
  try {
    const listed = await context.engine.call('exec', {
      sql: `SELECT table_name AS name, estimated_size AS n FROM duckdb_tables() WHERE database_name = ${quoteLiteral(alias)}
            UNION ALL SELECT view_name, NULL FROM duckdb_views() WHERE database_name = ${quoteLiteral(alias)} AND NOT internal ORDER BY 1`,
    });
    relations = listed.rows.map((row) => ({ name: String(row.name), rowCount: row.n === null ? null : Number(row.n) }));
  } finally {
    await context.engine.call('exec', { sql: `DETACH ${quoteIdentifier(alias)}` }).catch(() => undefined);
  }
  return {
    preview: {
      source: publicInfo(source),
      settings: { format: 'duckdb', encoding: null, delimiter: null, sheet: null, relation: null },
      encodingReason: null,
      sheets: [],
      relations,
      grid: [],
      gridRowsTotal: null,
      layout: null,
      columns: [],
      sampleRows: [],
      rowCount: null,
      rowCountExact: false,
      unpivot: null,
      indicatorLabels: [],
      decodeIssues: null,
      warnings: [],
      suggestedTable: tableNameFromFile(source.fileName),
    },
    layout: null,
    sheet: null,
    sourceTypes: [],
  };
}

export async function runDuckDBFile(
  context: FormatContext,
  request: RunImportRequest,
  source: ImportSource,
  preview: ImportPreview,
  controller: AbortController,
  report: ImportReport,
  started: number,
  sha: string,
): Promise<ImportOutcome> {
  const options = request.duckdb ?? { mode: 'copy' as const, relations: [] };
  const relations = options.relations.length > 0 ? options.relations : preview.relations.map((relation) => relation.name);
  const missing = relations.filter((name) => !preview.relations.some((relation) => relation.name === name));
  if (missing.length > 0) throw localizedError('import-no-relation', { file: source.fileName, names: missing.join(', ') });
  if (relations.length === 0) throw localizedError('import-empty-database', { file: source.fileName });
  // Attached: the user's name for the database; copied: a private alias detached afterwards.
  const alias = options.mode === 'attach' ? (request.table ?? preview.suggestedTable) : `iwb_source_${randomBytes(4).toString('hex')}`;
  const problem = options.mode === 'attach' ? tableNameProblem(alias) : null;
  if (problem) throw localizedError('import-table-name', { problem });
  const attach = `ATTACH ${quoteLiteral(source.path)} AS ${quoteIdentifier(alias)} (READ_ONLY)`;
  const queryId = request.importId as string as QueryId;
  const targets: string[] = [];
  report('load', null);
  if (options.mode === 'attach') {
    // Attached read-only for this engine session; a restart of the engine detaches it.
    await context.engine.call('importBegin', { queryId, preamble: [attach], statements: [PROVENANCE_DDL] });
  } else {
    const statements = [PROVENANCE_DDL];
    for (const relation of relations) {
      const target = relations.length === 1 && request.table ? request.table : relation;
      targets.push(target);
      if (request.mode === 'create' && (await tableExists(context.engine, target))) {
        throw localizedError('import-table-exists-replace', { table: target });
      }
      statements.push(`CREATE OR REPLACE TABLE ${quoteIdentifier(target)} AS SELECT * FROM ${quoteIdentifier(alias)}.${quoteIdentifier(relation)}`);
    }
    await context.engine.call('importBegin', { queryId, preamble: [attach], statements });
  }
  if (controller.signal.aborted) {
    await rollbackImport(context.engine, queryId, [`DETACH ${quoteIdentifier(alias)}`]);
    throw importCancelled();
  }
  const provenance = {
    tableName: options.mode === 'attach' ? alias : targets.join(', '),
    fileName: source.fileName,
    contentSha256: sha,
    sheet: null,
    range: null,
    encoding: null,
    format: 'duckdb' as ImportFormat,
    rowCount: 0,
    mode: options.mode === 'attach' ? ('attach' as const) : request.mode,
    options: JSON.stringify({ relations }),
  };
  const finish = await context.engine.call('importFinish', {
    queryId,
    statements: [provenanceInsert(provenance), `SELECT * FROM ${PROVENANCE_TABLE} WHERE id = (SELECT max(id) FROM ${PROVENANCE_TABLE})`],
    commit: true,
    postamble: options.mode === 'attach' ? [] : [`DETACH ${quoteIdentifier(alias)}`],
  });
  return {
    importId: request.importId,
    table: provenance.tableName,
    rowCount: 0,
    elapsedMs: performance.now() - started,
    provenance: provenanceFromRow(finish.results[1]!.rows[0]!),
    warnings: [],
    createdIndicators: [],
  };
}
