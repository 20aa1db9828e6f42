import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportId, ImportSourceId } from '@shared/contract/workbenchContract';
import { createWorkbench, type Workbench } from '../../src-main/services/createWorkbench';
import { resolveWorkspace } from '../../src-main/workspace/workspaceLocation';
import { expectNoInternalError, fuzzParameters, hostileText, InputCounter } from './fuzzSupport';
import { csvCorpus } from './regressionCorpus';

process.env.IWB_BUNDLED_DATASETS = 'off';
const folder = mkdtempSync(join(tmpdir(), 'iwb-fuzz-csv-'));
let workbench: Workbench;
beforeAll(async () => {
  workbench = await createWorkbench({ workspace: resolveWorkspace(join(folder, 'workspace')), host: 'browser' });
});
afterAll(() => {
  workbench?.dispose();
  rmSync(folder, { recursive: true, force: true });
});
const counter = new InputCounter();
let imports = 0;

/** Upload, preview and import one file through the API, as the window does; every failure must be a user error. */
async function importText(fileName: string, bytes: Uint8Array, fullImport: boolean): Promise<void> {
  counter.add();
  const api = workbench.client.import;
  await expectNoInternalError(async () => {
    if (bytes.byteLength === 0) bytes = new Uint8Array([0x0a]);
    let sourceId: ImportSourceId | undefined;
    for (let offset = 0; offset < bytes.byteLength; offset += 1 << 20) {
      const chunk = bytes.slice(offset, offset + (1 << 20));
      const reply = await api.upload({ ...(sourceId ? { sourceId } : {}), fileName, totalBytes: bytes.byteLength, offset, chunk });
      sourceId = reply.sourceId;
    }
    try {
      await api.preview({ sourceId: sourceId! });
      if (fullImport) await api.run({ importId: `fuzz_${++imports}` as ImportId, sourceId: sourceId!, table: `fuzz_${imports}` });
    } finally {
      await api.discard({ sourceId: sourceId! });
    }
  }, `${fileName} ${JSON.stringify(new TextDecoder().decode(bytes.subarray(0, 120)))}`);
}

const cell = fc.oneof(
  { weight: 6, arbitrary: fc.oneof(fc.integer().map(String), fc.double().map(String), fc.constantFrom('慈溪', '817.5', '亿元', '', '2023年')) },
  { weight: 2, arbitrary: hostileText(5) },
);
const csvText = fc
  .tuple(
    fc.constantFrom(',', ';', '\t', '|'),
    fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 12 }),
    fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 3 }),
    fc.constantFrom('', '\uFEFF'),
  )
  .map(([delimiter, rows, ends, bom]) => bom + rows.map((row, index) => row.join(delimiter) + ends[index % ends.length]).join(''));

describe('CSV fuzz: upload, preview and import never fail internally', () => {
  it.each(csvCorpus)('regression: $name ($origin)', async (entry) => {
    await importText(entry.fileName, new TextEncoder().encode(entry.text()), true);
  });

  it('generated delimited text, previewed; every fourth imported', async () => {
    let index = 0;
    await fc.assert(
      fc.asyncProperty(csvText, (text) => importText('fuzz.csv', new TextEncoder().encode(text), index++ % 4 === 0)),
      fuzzParameters(360),
    );
  });

  it('arbitrary bytes named .csv', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), (bytes) => importText('bytes.csv', bytes, false)), fuzzParameters(60));
  });

  it('tried at least 400 CSV files', () => {
    expect(counter.count).toBeGreaterThanOrEqual(400 * Number(process.env.IWB_FUZZ_SCALE ?? 1));
  });
});
