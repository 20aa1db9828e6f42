import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@shared': resolve(dirname(fileURLToPath(import.meta.url)), 'src-shared') } },
  test: {
    include: ['src-shared/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/fuzz/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Engine tests spawn DuckDB processes; two cores do not take many at once.
    maxWorkers: 2,
  },
});
