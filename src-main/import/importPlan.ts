import type { ImportColumnSpec, ImportProvenance, RunImportRequest } from '@shared/contract/workbenchContract';
import { bilingual, localizedError } from '@shared/contract/errorTexts';
import type { QueryId } from '@shared/contract/workbenchContract';
import { quoteIdentifier, quoteLiteral } from '@shared/domain/sqlIdentifier';
import type { EngineClient } from '../engine/EngineClient';
import { observationStatements } from './observationImport';
import { PROVENANCE_DDL } from './provenance';
import { unpivotColumnNames, unpivotSql, unreadableUnpivotValuesSql, type UnpivotSqlInput } from './importSql';

/** What an import runs in its one transaction, and where its rows go. */
export interface ImportPlan {
  preamble: string[];
  statements: string[];
  postamble: string[];
  /** The sheet range read (workbooks), for the provenance row. */
  range: string | null;
  /** The SELECT whose rows are written (the source, or its unpivot). */
  body: string;
  destination: string;
  mode: ImportProvenance['mode'];
  included: ImportColumnSpec[];
  /** Statements that write `select` into the destination table; `first`: the file's first part (or the whole file). */
  write: (select: string, first: boolean) => string[];
  countSql: string;
  /** Appending: the index of the statement counting the table's rows before; else -1. */
  countBefore: number;
}

/**
 * The statements of an import over `selectSql` (the source's rows with the
 * chosen columns): unpivoted when asked, into a table (create, replace,
 * append) or into user_observations.
 */
export async function planImport(
  engine: EngineClient,
  request: RunImportRequest,
  input: { selectSql: string; columns: ImportColumnSpec[]; table: string; range: string | null; fileName: string },
): Promise<ImportPlan> {
  const included = input.columns.filter((column) => column.include);
  const plan: ImportPlan = {
    preamble: [],
    statements: [PROVENANCE_DDL],
    postamble: [],
    range: input.range,
    body: input.selectSql,
    destination: input.table,
    mode: request.mode,
    included,
    write: () => [],
    countSql: `SELECT count(*) AS n FROM user_observations WHERE obs_id LIKE ${quoteLiteral(`imp_${request.importId}_%`)}`,
    countBefore: -1,
  };
  // The names the load writes: the chosen columns, or the unpivot's long rows and the columns it keeps.
  let written = included.map((column) => column.name);
  if (request.unpivot) {
    const unpivot = request.unpivot;
    const position = (sourceIndex: number): number => {
      const index = included.findIndex((column) => column.sourceIndex === sourceIndex);
      if (index === -1) throw localizedError('import-unpivot', { column: sourceIndex + 1 });
      return index;
    };
    const wide: UnpivotSqlInput = {
      wide: `(${input.selectSql})`,
      columnNames: included.map((column) => column.name),
      columnTypes: included.map((column) => column.type),
      indicatorColumn: position(unpivot.indicatorColumn),
      unitColumn: unpivot.unitColumn === null ? null : position(unpivot.unitColumn),
      yearColumns: unpivot.yearColumns.map((year) => ({ ...year, column: position(year.column) })),
      keepColumns: unpivot.keepColumns.map(position),
      defaultUnit: unpivot.defaultUnit,
    };
    // DuckDB compares names ignoring case: a kept 数值 column is fine, a kept "Year" would clash with the long rows' year.
    const clash = wide.keepColumns.map((index) => wide.columnNames[index]!).find((name) => LONG_ROW_NAMES.includes(name.toLowerCase()) || name.toLowerCase().startsWith('__iwb_'));
    if (clash !== undefined) throw localizedError('import-unpivot-kept-name', { column: clash });
    await refuseUnreadableValues(engine, wide);
    plan.body = unpivotSql(wide);
    written = unpivotColumnNames(wide);
    if (unpivot.destination === 'observations') {
      plan.destination = 'user_observations';
      plan.mode = 'observations';
      plan.statements.push(...(await observationStatements(engine, plan.body, unpivot, request.importId)));
    }
  }
  if (plan.mode !== 'observations') {
    const exists = await tableExists(engine, plan.destination);
    const target = quoteIdentifier(plan.destination);
    if (request.mode === 'create' && exists) {
      throw localizedError('import-table-exists', { table: plan.destination });
    }
    if (request.mode === 'append' && !exists) throw localizedError('import-no-table', { table: plan.destination });
    const append = request.mode === 'append';
    if (append) await refuseColumnsTheTableLacks(engine, plan.destination, written, input.fileName);
    plan.write = (select, first) => [append || !first ? `INSERT INTO ${target} BY NAME ${select}` : `CREATE OR REPLACE TABLE ${target} AS ${select}`];
    plan.countSql = `SELECT count(*) AS n FROM ${target}`;
    if (append) plan.countBefore = plan.statements.push(plan.countSql) - 1;
  }
  return plan;
}

/** Whether the workspace has a table or view of this name (case-insensitive, as DuckDB resolves names). */
export async function tableExists(engine: EngineClient, name: string): Promise<boolean> {
  const result = await engine.call('exec', {
    sql: `SELECT count(*) AS n FROM (SELECT table_name AS name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'
          UNION ALL SELECT view_name FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'main') WHERE lower(name) = lower($name)`,
    params: { name },
  });
  return Number(result.rows[0]?.n ?? 0) > 0;
}

/**
 * Appending writes by name: a column the table does not have stops the
 * import before anything is read, with the table's own columns to choose from
 * (names compare as DuckDB resolves them, ignoring case).
 */
async function refuseColumnsTheTableLacks(engine: EngineClient, table: string, written: string[], fileName: string): Promise<void> {
  const result = await engine.call('exec', {
    sql: `SELECT column_name AS name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' AND lower(table_name) = lower($table) ORDER BY column_index`,
    params: { table },
  });
  const names = result.rows.map((row) => String(row.name));
  const known = new Set(names.map((name) => name.toLowerCase()));
  const missing = written.filter((name) => !known.has(name.toLowerCase()));
  if (missing.length === 0) return;
  throw localizedError('import-append-column', {
    file: fileName,
    table,
    column: bilingual(missing.map((name) => `"${name}"`).join(', '), missing.map((name) => `“${name}”`).join('、')),
    columns: bilingual(names.join(', '), names.join('、')),
  });
}

/** Ends an import's transaction without saving anything (then runs `postamble`). */
export async function rollbackImport(engine: EngineClient, queryId: QueryId, postamble: string[]): Promise<void> {
  await engine.call('importFinish', { queryId, statements: [], commit: false, postamble });
}

/** The long rows' own columns (`unpivotColumnNames`), lower case. */
const LONG_ROW_NAMES = unpivotColumnNames({ columnNames: [], keepColumns: [] });

/** A year column's cell that is not a number (`约3.5`, `12吨`) stops the import, named by its indicator and year, before DuckDB's cast fails inside generated SQL. */
async function refuseUnreadableValues(engine: EngineClient, wide: UnpivotSqlInput): Promise<void> {
  const sql = unreadableUnpivotValuesSql(wide, 10);
  if (sql === null) return;
  const { rows } = await engine.call('exec', { sql });
  if (rows.length === 0) return;
  const cells = rows.map((row) => ({ indicator: String(row.indicator), year: String(row.year), written: String(row.written) }));
  throw localizedError('import-unreadable-values', {
    list: bilingual(cells.map((cell) => `${cell.indicator} ${cell.year}: "${cell.written}"`).join('; '), cells.map((cell) => `${cell.indicator} ${cell.year} 年：“${cell.written}”`).join('；')),
  });
}
