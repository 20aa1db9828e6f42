import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** The messages of `no-restricted-imports` for `code` linted as if it were the file at `path`, after ESLint's "'x' import is restricted…" preamble. */
async function restrictedImports(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, path) });
  return result!.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message.replace(/^'[^']+' import is restricted from being used by a pattern\. /, ''));
}

describe('the engine-process boundary (eslint.config.mjs)', () => {
  it('refuses a DuckDB import outside src-main/engine/process', async () => {
    const messages = await restrictedImports('src-main/services/probe.ts', "import { DuckDBInstance } from '@duckdb/node-api';\nexport const probe = DuckDBInstance;\n");
    expect(messages).toEqual(['Only src-main/engine/process may import DuckDB; go through EngineClient and engineProtocol.']);
  });

  it('refuses an import of engine/process modules from the main side, the engine folder and Electron', async () => {
    const message = 'Only the engine process imports src-main/engine/process; the main side talks to it through EngineClient and engineProtocol.';
    expect(await restrictedImports('src-main/services/probe.ts', "export { DuckDBEngine } from '../engine/process/DuckDBEngine';\n")).toEqual([message]);
    expect(await restrictedImports('src-main/engine/probe.ts', "import type { DuckDBEngine } from './process/DuckDBEngine';\nexport type Probe = DuckDBEngine;\n")).toEqual([message]);
    expect(await restrictedImports('src-main/electron/probe.ts', "import '../engine/process/engineProcess';\n")).toEqual([message]);
  });

  it('lets the engine process import DuckDB and its own modules', async () => {
    const code = "import { DuckDBInstance } from '@duckdb/node-api';\nimport { DuckDBEngine } from './DuckDBEngine';\nexport const probe = [DuckDBInstance, DuckDBEngine];\n";
    expect(await restrictedImports('src-main/engine/process/probe.ts', code)).toEqual([]);
  });
});
