// What the workspace offers to type and browse: DuckDB's functions, and the workspace's tables and views.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FunctionInfo, SchemaRelation } from '@shared/contract/workbenchContract';
import { quoteIdentifier } from '@shared/domain/sqlIdentifier';
import { RESULTS_DATABASE } from './ResultStore';

/** DuckDB's functions with their signatures, for autocomplete. */
export async function listFunctions(connection: DuckDBConnection): Promise<FunctionInfo[]> {
  const result = await connection.run(`
    SELECT function_name AS name, function_type AS kind,
           list(DISTINCT function_name || '(' || array_to_string(parameters, ', ') || ')' ||
                CASE WHEN return_type IS NULL THEN '' ELSE ' → ' || return_type END) AS signatures,
           first(description) FILTER (WHERE description IS NOT NULL) AS description
      FROM duckdb_functions()
     GROUP BY ALL ORDER BY name`);
  const rows = (await result.getRowObjectsJS()) as { name: string; kind: string; signatures: string[]; description: string | null }[];
  return rows
    // Operators (+, ~~) and internal helpers (__internal_...) are not something to type.
    .filter((row) => /^[A-Za-z][A-Za-z0-9_]*$/.test(row.name))
    .map((row) => ({
      name: row.name,
      kind: (['scalar', 'aggregate', 'table', 'macro', 'pragma', 'window'].includes(row.kind) ? row.kind : 'scalar') as FunctionInfo['kind'],
      signatures: row.signatures.slice(0, 8),
      description: row.description,
    }));
}

/** Tables and views of the workspace (not the engine's own result tables), with columns. */
export async function listSchema(connection: DuckDBConnection): Promise<SchemaRelation[]> {
  const relations = await connection.run(`
    SELECT database_name, schema_name, table_name AS name, 'table' AS kind, comment
      FROM duckdb_tables() WHERE NOT internal AND database_name <> '${RESULTS_DATABASE}'
    UNION ALL
    SELECT database_name, schema_name, view_name AS name, 'view' AS kind, comment
      FROM duckdb_views() WHERE NOT internal AND database_name <> '${RESULTS_DATABASE}'
    ORDER BY kind, schema_name, name`);
  const relationRows = (await relations.getRowObjectsJS()) as {
    database_name: string;
    schema_name: string;
    name: string;
    kind: 'table' | 'view';
    comment: string | null;
  }[];
  const columns = await connection.run(`
    SELECT database_name, schema_name, table_name, column_name, data_type, is_nullable
      FROM duckdb_columns() WHERE NOT internal AND database_name <> '${RESULTS_DATABASE}'
      ORDER BY database_name, schema_name, table_name, column_index`);
  const columnRows = (await columns.getRowObjectsJS()) as {
    database_name: string;
    schema_name: string;
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: boolean;
  }[];
  const key = (database: string, schema: string, name: string) => `${database}\u0000${schema}\u0000${name}`;
  const byRelation = new Map<string, SchemaRelation['columns']>();
  for (const row of columnRows) {
    const relationKey = key(row.database_name, row.schema_name, row.table_name);
    let list = byRelation.get(relationKey);
    if (!list) byRelation.set(relationKey, (list = []));
    list.push({ name: row.column_name, type: row.data_type, nullable: row.is_nullable });
  }
  const tables = relationRows.filter((row) => row.kind === 'table');
  const counts = new Map<string, number>();
  if (tables.length > 0 && tables.length <= 500) {
    const countSql = tables
      .map(
        (row, index) =>
          `SELECT ${index} AS i, count(*) AS n FROM ${quoteIdentifier(row.database_name)}.${quoteIdentifier(row.schema_name)}.${quoteIdentifier(row.name)}`,
      )
      .join(' UNION ALL ');
    const countRows = (await (await connection.run(countSql)).getRowsJS()) as [number, bigint][];
    for (const [index, count] of countRows) {
      const row = tables[index]!;
      counts.set(key(row.database_name, row.schema_name, row.name), Number(count));
    }
  }
  return relationRows.map((row) => {
    const relationKey = key(row.database_name, row.schema_name, row.name);
    const schema = row.database_name === 'temp' ? 'temp' : row.schema_name;
    return {
      schema,
      name: row.name,
      kind: row.kind,
      columns: byRelation.get(relationKey) ?? [],
      rowCount: row.kind === 'table' ? (counts.get(relationKey) ?? null) : null,
      comment: row.comment,
    };
  });
}
