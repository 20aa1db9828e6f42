import type { SliceCreator } from './workbenchStore';

export interface EditorSlice {
  sql: string;
  /** Text to insert at the cursor (schema browser clicks); the editor consumes and clears it. */
  pendingInsert: string | null;
  setSql(sql: string): void;
  insertText(text: string): void;
  consumeInsert(): void;
}

const SQL_KEY = 'iwb.editor.sql';
export const DEFAULT_SQL = `-- 示例：工作区中的表和视图
SELECT table_name, estimated_size AS rows
FROM duckdb_tables()
ORDER BY table_name;`;

function initialSql(): string {
  try {
    return globalThis.localStorage?.getItem(SQL_KEY) ?? DEFAULT_SQL;
  } catch {
    return DEFAULT_SQL;
  }
}

export const createEditorSlice: SliceCreator<EditorSlice> = () => (set) => ({
  sql: initialSql(),
  pendingInsert: null,
  setSql: (sql) => {
    try {
      globalThis.localStorage?.setItem(SQL_KEY, sql);
    } catch {
      // Keeping the draft is a convenience; the editor works without storage.
    }
    set({ sql });
  },
  insertText: (text) => set({ pendingInsert: text }),
  consumeInsert: () => set({ pendingInsert: null }),
});
