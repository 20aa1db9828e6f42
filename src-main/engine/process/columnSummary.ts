import { DuckDBTypeId, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import type { ColumnSummary } from '@shared/contract/workbenchContract';
import { quoteIdentifier } from '@shared/domain/sqlIdentifier';

const HISTOGRAM_BINS = 20;
const TOP_VALUES = 10;

const NUMERIC_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DECIMAL,
]);
const TEMPORAL_TYPES = new Set<DuckDBTypeId>([DuckDBTypeId.DATE, DuckDBTypeId.TIMESTAMP, DuckDBTypeId.TIMESTAMP_TZ]);
/** Types with no meaningful min/max (nested values). */
const UNORDERED_TYPES = new Set<DuckDBTypeId>([DuckDBTypeId.LIST, DuckDBTypeId.STRUCT, DuckDBTypeId.MAP, DuckDBTypeId.ARRAY, DuckDBTypeId.UNION]);

/** Profiles one column of `table` in a few DuckDB queries; values come back as text so nothing is rounded. */
export async function summarizeColumn(
  connection: DuckDBConnection,
  table: string,
  column: string,
  type: DuckDBType,
): Promise<ColumnSummary> {
  const c = quoteIdentifier(column);
  const numeric = NUMERIC_TYPES.has(type.typeId);
  const temporal = TEMPORAL_TYPES.has(type.typeId);
  const ordered = !UNORDERED_TYPES.has(type.typeId);
  const basics = (await (
    await connection.run(`
      SELECT count(*) AS rows, count(*) - count(${c}) AS nulls, count(DISTINCT ${c}) AS distinct_values,
             ${ordered ? `min(${c})::VARCHAR` : 'NULL'} AS min_value, ${ordered ? `max(${c})::VARCHAR` : 'NULL'} AS max_value,
             ${numeric ? `avg(${c}::DOUBLE)` : 'NULL::DOUBLE'} AS mean
        FROM ${table}`)
  ).getRowObjectsJS()) as { rows: bigint; nulls: bigint; distinct_values: bigint; min_value: string | null; max_value: string | null; mean: number | null }[];
  const row = basics[0]!;
  const summary: ColumnSummary = {
    column,
    type: type.toString(),
    rows: Number(row.rows),
    nulls: Number(row.nulls),
    distinct: Number(row.distinct_values),
    min: row.min_value,
    max: row.max_value,
    mean: row.mean === null || !Number.isFinite(row.mean) ? null : row.mean,
    histogram: null,
    topValues: null,
  };

  if ((numeric || temporal) && row.min_value !== null && summary.distinct > 1) {
    // Equal-width bins over [min, max]; dates and timestamps are binned on their epoch seconds.
    const value = temporal ? `epoch(${c})` : `${c}::DOUBLE`;
    const bins = (await (
      await connection.run(`
        WITH bounds AS (SELECT min(${value}) AS lo, max(${value}) AS hi FROM ${table}),
        binned AS (
          SELECT least(floor((${value} - lo) / ((hi - lo) / ${HISTOGRAM_BINS}))::INTEGER, ${HISTOGRAM_BINS - 1}) AS bin
            FROM ${table}, bounds WHERE ${c} IS NOT NULL)
        SELECT b.bin, lo + (hi - lo) / ${HISTOGRAM_BINS} * b.bin AS bin_from, lo + (hi - lo) / ${HISTOGRAM_BINS} * (b.bin + 1) AS bin_to,
               count(binned.bin) AS n
          FROM range(${HISTOGRAM_BINS}) b(bin) CROSS JOIN bounds LEFT JOIN binned ON binned.bin = b.bin
         GROUP BY b.bin, lo, hi ORDER BY b.bin`)
    ).getRowObjectsJS()) as { bin: bigint; bin_from: number; bin_to: number; n: bigint }[];
    const label = (seconds: number) => (temporal ? new Date(seconds * 1000).toISOString().slice(0, 10) : formatEdge(seconds));
    summary.histogram = bins.map((bin) => ({ from: label(bin.bin_from), to: label(bin.bin_to), count: Number(bin.n) }));
  } else if (ordered) {
    const top = (await (
      await connection.run(`SELECT ${c}::VARCHAR AS value, count(*) AS n FROM ${table} GROUP BY 1 ORDER BY n DESC, value NULLS LAST LIMIT ${TOP_VALUES}`)
    ).getRowObjectsJS()) as { value: string | null; n: bigint }[];
    summary.topValues = top.map((entry) => ({ value: entry.value, count: Number(entry.n) }));
  }
  return summary;
}

function formatEdge(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}
