import { quoteIdentifier } from './sqlIdentifier';

/**
 * Sorting and filtering a result is pushed down to DuckDB: this module turns
 * the grid's sort keys and column filters into a WHERE and ORDER BY over the
 * result table, with every filter value bound as a parameter.
 */

export type SortDirection = 'asc' | 'desc';

export interface SortKey {
  column: string;
  direction: SortDirection;
}

export const FILTER_OPERATORS = [
  'contains',
  'notContains',
  'startsWith',
  'equals',
  'notEquals',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'isNull',
  'isNotNull',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export interface ColumnFilter {
  column: string;
  operator: FilterOperator;
  value?: string;
  /** Upper bound for `between`. */
  value2?: string;
}

export interface ResultViewSpec {
  sort: SortKey[];
  filters: ColumnFilter[];
}

export interface ViewSql {
  where: string;
  orderBy: string;
  params: string[];
}

/** Text-like operators compare the value's text form; the others compare in the column's own type. */
const TEXT_OPERATORS = new Set<FilterOperator>(['contains', 'notContains', 'startsWith']);
const NEEDS_VALUE = new Set<FilterOperator>(['contains', 'notContains', 'startsWith', 'equals', 'notEquals', 'gt', 'gte', 'lt', 'lte', 'between']);

export class ResultViewError extends Error {}

/**
 * Builds the WHERE and ORDER BY for `spec`. `columnTypes` maps each column
 * of the result to its DuckDB type; unknown columns are an error. Ties keep
 * the result's own order (`rowid`), so paging through a sorted view is stable.
 */
export function buildResultViewSql(spec: ResultViewSpec, columnTypes: ReadonlyMap<string, string>): ViewSql {
  const params: string[] = [];
  const bind = (value: string) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions = spec.filters.map((filter) => {
    const type = columnTypes.get(filter.column);
    if (type === undefined) throw new ResultViewError(`Unknown column "${filter.column}" in filter`);
    const column = quoteIdentifier(filter.column);
    if (NEEDS_VALUE.has(filter.operator) && (filter.value === undefined || filter.value === '')) {
      throw new ResultViewError(`Filter "${filter.operator}" on column "${filter.column}" needs a value`);
    }
    if (filter.operator === 'between' && (filter.value2 === undefined || filter.value2 === '')) {
      throw new ResultViewError(`Filter "between" on column "${filter.column}" needs two values`);
    }
    const text = `lower(CAST(${column} AS VARCHAR))`;
    const typed = (value: string) => `CAST(${bind(value)} AS ${type})`;
    switch (filter.operator) {
      case 'contains':
        return `strpos(${text}, lower(${bind(filter.value!)})) > 0`;
      case 'notContains':
        return `(${column} IS NULL OR strpos(${text}, lower(${bind(filter.value!)})) = 0)`;
      case 'startsWith':
        return `starts_with(${text}, lower(${bind(filter.value!)}))`;
      case 'equals':
        return `${column} = ${typed(filter.value!)}`;
      case 'notEquals':
        return `${column} IS DISTINCT FROM ${typed(filter.value!)}`;
      case 'gt':
        return `${column} > ${typed(filter.value!)}`;
      case 'gte':
        return `${column} >= ${typed(filter.value!)}`;
      case 'lt':
        return `${column} < ${typed(filter.value!)}`;
      case 'lte':
        return `${column} <= ${typed(filter.value!)}`;
      case 'between':
        return `${column} BETWEEN ${typed(filter.value!)} AND ${typed(filter.value2!)}`;
      case 'isNull':
        return `${column} IS NULL`;
      case 'isNotNull':
        return `${column} IS NOT NULL`;
    }
  });
  const seen = new Set<string>();
  const keys = spec.sort.map((key) => {
    if (!columnTypes.has(key.column)) throw new ResultViewError(`Unknown column "${key.column}" in sort`);
    if (seen.has(key.column)) throw new ResultViewError(`Column "${key.column}" is sorted twice`);
    seen.add(key.column);
    // Text sorts by Chinese collation (pinyin order via ICU), not by code point.
    const collate = /^VARCHAR/.test(columnTypes.get(key.column)!) ? ' COLLATE zh' : '';
    return `${quoteIdentifier(key.column)}${collate} ${key.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`;
  });
  return {
    where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '',
    orderBy: `ORDER BY ${[...keys, 'rowid'].join(', ')}`,
    params,
  };
}

export function isIdentityView(spec: ResultViewSpec): boolean {
  return spec.sort.length === 0 && spec.filters.length === 0;
}

/** A stable key for caching the materialized view of `spec`. */
export function resultViewKey(spec: ResultViewSpec): string {
  return JSON.stringify([spec.sort.map((key) => [key.column, key.direction]), spec.filters.map((filter) => [filter.column, filter.operator, filter.value ?? null, filter.value2 ?? null])]);
}

export function isTextOperator(operator: FilterOperator): boolean {
  return TEXT_OPERATORS.has(operator);
}
