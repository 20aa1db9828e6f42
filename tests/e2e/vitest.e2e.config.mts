import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export default defineConfig({
  root,
  resolve: { alias: { '@shared': resolve(root, 'src-shared') } },
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    // One browser and one server at a time: two cores.
    fileParallelism: false,
    // The engine, the server and the browser share two cores: give polled UI states time.
    expect: { poll: { timeout: 15_000, interval: 50 } },
  },
});
