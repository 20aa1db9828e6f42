import type { EngineClient } from '../engine/EngineClient';

export type SqlParam = string | number | boolean | null;

/** Runs one internal statement on the engine's aux connection and returns its rows as objects. */
export type ExecSql = (sql: string, params?: Record<string, SqlParam>) => Promise<Record<string, unknown>[]>;

/** The engine's `exec` as an ExecSql. */
export function engineExec(engine: Pick<EngineClient, 'call'>): ExecSql {
  return async (sql, params) => (await engine.call('exec', params ? { sql, params } : { sql })).rows;
}

/** A column of an ExecSql row as text: '' for NULL. */
export const columnText = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/** A column of an ExecSql row as text, null for NULL or an empty string (an optional field left blank). */
export const columnTextOrNull = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : String(value));
