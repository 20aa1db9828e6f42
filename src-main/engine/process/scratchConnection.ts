import { afterAll, beforeAll } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/**
 * For tests: a throwaway in-memory DuckDB connection, opened before the
 * file's tests and closed after them. Returns a getter, valid inside tests.
 */
export function useScratchConnection(): () => DuckDBConnection {
  let instance: DuckDBInstance | undefined;
  let connection: DuckDBConnection | undefined;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
  });
  afterAll(() => {
    connection?.closeSync();
    instance?.closeSync();
  });
  return () => {
    if (!connection) throw new Error('useScratchConnection: the connection is opened in beforeAll; use it inside a test');
    return connection;
  };
}
