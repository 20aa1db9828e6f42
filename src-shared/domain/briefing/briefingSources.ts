import type { Table } from 'apache-arrow';

/**
 * A result column that names `sources` rows: `source_id`, or any name ending
 * in `_source_id` (`latest_source_id`, `target_source_id`). A briefing lists
 * in its 资料来源 section exactly the sources such columns name in the results
 * it shows, and does not print the columns themselves.
 */
export function isSourceIdColumn(name: string): boolean {
  return /^(.+_)?source_id$/i.test(name);
}

/** The source ids a result names (in its source-id columns), each once, in the order met. */
export function resultSourceIds(table: Table): string[] {
  const ids = new Set<string>();
  table.schema.fields.forEach((field, index) => {
    if (!isSourceIdColumn(field.name)) return;
    const vector = table.getChildAt(index);
    for (let row = 0; row < table.numRows; row++) {
      const value: unknown = vector?.get(row);
      if (value !== null && value !== undefined && String(value) !== '') ids.add(String(value));
    }
  });
  return [...ids];
}
