import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { MAX_UPLOAD_CHUNK_BYTES, type ImportId, type ImportSourceId } from '../../src-shared/contract/workbenchContract';
import { quoteLiteral } from '../../src-shared/domain/sqlIdentifier';
import { createWorkbench } from '../../src-main/services/createWorkbench';
import { resolveWorkspace } from '../../src-main/workspace/workspaceLocation';
import { timed, type BenchFigures } from './benchFigures';
import { xlsxBench } from './xlsxBench';

/** Bytes per row of the generated CSV, measured once, to size it to the target megabytes. */
const APPROX_ROW_BYTES = 64;

/**
 * Import figures, each against DuckDB's own reader in the same run:
 * a UTF-8 CSV (default 200 MB; IWB_BENCH_CSV_MB=1024 for the 1 GB),
 * the same file in GB18030, and .xlsx sheets (xlsxBench).
 *
 * CSVs are imported two ways, as the app and the command line do: a file
 * dropped on the window is uploaded to the main side first and hashed as it
 * arrives, so the import (timed from the Import button) has its SHA-256
 * already; `iwb import FILE` hashes the file during the import.
 */
export async function importBench(log: (line: string) => void): Promise<BenchFigures> {
  const megabytes = Number(process.env.IWB_BENCH_CSV_MB ?? 200);
  const folder = mkdtempSync(join(tmpdir(), 'iwb-import-bench-'));
  const workbench = await createWorkbench({ workspace: resolveWorkspace(join(folder, 'ws')), host: 'browser' });
  const sources = workbench.services.imports.sources;
  const exec = (sql: string) => workbench.engine.call('exec', { sql });
  let counter = 0;
  const run = (sourceId: ImportSourceId, table: string) => {
    counter += 1;
    return workbench.client.import.run({ importId: `bench_${counter}` as ImportId, sourceId, table, mode: 'replace' });
  };
  /** As the window does: 16 MiB chunks through the contract; the upload is not part of the import's time. */
  const uploaded = async (path: string): Promise<ImportSourceId> => {
    const size = statSync(path).size;
    const handle = await open(path, 'r');
    const buffer = new Uint8Array(MAX_UPLOAD_CHUNK_BYTES);
    let sourceId: ImportSourceId | undefined;
    try {
      for (let offset = 0; offset < size; ) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
        const reply = await workbench.client.import.upload({ ...(sourceId ? { sourceId } : {}), fileName: basename(path), totalBytes: size, offset, chunk: buffer.subarray(0, bytesRead) });
        sourceId = reply.sourceId;
        offset += bytesRead;
      }
    } finally {
      await handle.close();
    }
    return sourceId!;
  };
  const fromPath = async (path: string): Promise<ImportSourceId> => (await sources.registerPath(path)).sourceId;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  try {
    const rows = Math.round((megabytes * 1024 * 1024) / APPROX_ROW_BYTES);
    const utf8 = join(folder, 'bench-utf8.csv');
    log(`writing a ${megabytes} MB UTF-8 CSV (${rows.toLocaleString('en-US')} rows)…`);
    await exec(
      `COPY (SELECT i AS id, '企业' || (i % 50000) AS 名称, ['慈溪市', '宁波市', '余姚市'][1 + i % 3] AS 地区, 2000 + i % 25 AS 年份,
              round(i * 0.37, 2) AS 营业收入, (i * 7919) % 100000 AS 研发投入, DATE '2020-01-01' + (i % 1500)::INTEGER AS 日期, i % 2 = 0 AS 高企
            FROM range(${rows}) t(i)) TO ${quoteLiteral(utf8)} (HEADER, DELIMITER ',')`,
    );
    const sizeMb = statSync(utf8).size / 1024 / 1024;
    log(`file is ${sizeMb.toFixed(0)} MB`);
    const gb = join(folder, 'bench-gb18030.csv');
    log('writing the same file in GB18030…');
    await pipeline(createReadStream(utf8), iconv.decodeStream('utf-8'), iconv.encodeStream('gb18030'), createWriteStream(gb));

    const native = () => timed(() => exec(`CREATE OR REPLACE TABLE bench_native AS SELECT * FROM read_csv(${quoteLiteral(utf8)})`));
    const utf8Upload = await uploaded(utf8);
    const gbUpload = await uploaded(gb);
    const times = { native: [] as number[], utf8App: [] as number[], utf8Cli: [] as number[], gbApp: [] as number[], gbCli: [] as number[] };
    let rowCount = 0;
    // The machine is shared: two rounds, the faster of each; the second round runs each pair in the other order.
    for (let round = 0; round < 2; round++) {
      times.native.push((await native()).ms);
      const pairs: [keyof typeof times, () => Promise<{ rowCount: number }>][][] = [
        [
          ['utf8App', () => run(utf8Upload, 'bench_import')],
          ['utf8Cli', async () => run(await fromPath(utf8), 'bench_import')],
        ],
        [
          ['gbApp', () => run(gbUpload, 'bench_import_gb')],
          ['gbCli', async () => run(await fromPath(gb), 'bench_import_gb')],
        ],
      ];
      for (const pair of pairs) {
        for (const [name, task] of round === 0 ? pair : [...pair].reverse()) {
          const result = await timed(task);
          rowCount = result.value.rowCount;
          times[name].push(result.ms);
        }
      }
    }
    for (const [name, list] of Object.entries(times)) log(`${name.padEnd(8)} ${list.map(seconds).join(', ')}`);
    log(`${rowCount.toLocaleString('en-US')} rows`);
    rmSync(gb, { force: true });
    rmSync(utf8, { force: true });
    await sources.disposeAll();

    const workbooks = await xlsxBench(folder, run, fromPath, log);

    const nativeMs = Math.min(...times.native);
    const ratio = (list: number[]) => Math.min(...list) / nativeMs;
    const note = (how: string) => `${sizeMb.toFixed(0)} MB CSV, 8 columns; ${how}; faster of two rounds against the faster of two read_csv runs into a table, alternating, in the same run`;
    return {
      'import.csvUtf8VsReadCsv': { value: ratio(times.utf8App), goal: 1.1, better: 'lower', unit: 'ratio', note: note('dropped on the window (hashed during the upload)') },
      'import.csvUtf8CliVsReadCsv': { value: ratio(times.utf8Cli), goal: 1.1, better: 'lower', unit: 'ratio', note: note('iwb import FILE (hashed on a worker thread during the import)') },
      'import.csvGb18030VsReadCsv': { value: ratio(times.gbApp), goal: 1.6, better: 'lower', unit: 'ratio', note: note('GB18030, dropped on the window') },
      'import.csvGb18030CliVsReadCsv': { value: ratio(times.gbCli), goal: 1.6, better: 'lower', unit: 'ratio', note: note('GB18030, iwb import FILE') },
      ...workbooks,
    };
  } finally {
    await sources.disposeAll();
    workbench.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
}
