import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quoteLiteral } from '../../src-shared/domain/sqlIdentifier';
import { createWorkbench } from '../../src-main/services/createWorkbench';
import { resolveWorkspace } from '../../src-main/workspace/workspaceLocation';
import { queryCommand } from '../../src-main/cli/commands/queryCommand';
import type { CliContext } from '../../src-main/cli/cliCommand';
import { DELIVERY_SQL } from './queryBench';
import { median, timed, type BenchFigures } from './benchFigures';

const RUNS = 5;

/**
 * Big results delivered whole when asked (issue 15, item 2), as a planner
 * asks for them: `iwb query "SQL" --format parquet|arrow --output FILE` on an
 * open workspace (the command's own code, in this process; the process
 * start-up is in the startup suite), against DuckDB doing the same work
 * alone in the engine process: `COPY (SQL) TO FILE (FORMAT parquet)` for
 * Parquet, its own materialization for Arrow (DuckDB cannot write Arrow
 * IPC). The runs of each pair are interleaved.
 */
export async function wholeResultBench(log: (line: string) => void): Promise<BenchFigures> {
  const folder = mkdtempSync(join(tmpdir(), 'iwb-bench-whole-'));
  const workbench = await createWorkbench({ workspace: resolveWorkspace(folder), host: 'browser' });
  const context: CliContext = {
    stdout: () => undefined,
    stderr: () => undefined,
    interrupted: new Promise<void>(() => undefined),
    openWorkbench: () => Promise.resolve(workbench),
  };
  let counter = 0;
  const nextFile = (extension: string) => join(folder, `out_${++counter}.${extension}`);
  const iwbQuery = async (format: 'parquet' | 'arrow') => {
    const output = nextFile(format);
    const exit = await queryCommand.run({ format, output }, [DELIVERY_SQL], context);
    if (exit !== 0) throw new Error(`iwb query --format ${format} exited with ${exit}`);
    return statSync(output).size;
  };
  try {
    await workbench.engine.call('timeMaterialize', { sql: DELIVERY_SQL });
    const duckdbCopy: number[] = [];
    const cliParquet: number[] = [];
    const duckdbMaterialize: number[] = [];
    const cliArrow: number[] = [];
    let parquetBytes = 0;
    let arrowBytes = 0;
    for (let run = 0; run < RUNS; run++) {
      const copyTo = nextFile('parquet');
      duckdbCopy.push(
        (await timed(() => workbench.engine.call('exec', { sql: `COPY (${DELIVERY_SQL}) TO ${quoteLiteral(copyTo)} (FORMAT parquet, COMPRESSION zstd)` }))).ms,
      );
      const parquet = await timed(() => iwbQuery('parquet'));
      cliParquet.push(parquet.ms);
      parquetBytes = parquet.value;
      duckdbMaterialize.push((await workbench.engine.call('timeMaterialize', { sql: DELIVERY_SQL })).elapsedMs);
      const arrow = await timed(() => iwbQuery('arrow'));
      cliArrow.push(arrow.ms);
      arrowBytes = arrow.value;
    }
    const copyMs = median(duckdbCopy);
    const parquetMs = median(cliParquet);
    const materializeMs = median(duckdbMaterialize);
    const arrowMs = median(cliArrow);
    log(
      `iwb query --format parquet ${parquetMs.toFixed(0)} ms (${(parquetBytes / 1e6).toFixed(1)} MB) vs DuckDB's COPY … TO parquet ${copyMs.toFixed(0)} ms; ` +
        `--format arrow ${arrowMs.toFixed(0)} ms (${(arrowBytes / 1e6).toFixed(1)} MB) vs DuckDB's materialization ${materializeMs.toFixed(0)} ms (medians of ${RUNS})`,
    );
    return {
      whole_parquet_ratio: {
        value: parquetMs / copyMs,
        goal: 1.5,
        better: 'lower',
        unit: 'x DuckDB COPY',
        note: `1M rows x 5 columns: iwb query --format parquet --output (keep with CREATE TABLE AS, then DuckDB's COPY of the kept table, zstd) on an open workspace ÷ DuckDB's own COPY (SQL) TO … (FORMAT parquet, COMPRESSION zstd) in the engine process; ${parquetMs.toFixed(0)} ms vs ${copyMs.toFixed(0)} ms`,
      },
      whole_arrow_file_ratio: {
        value: arrowMs / materializeMs,
        goal: 1.5,
        better: 'lower',
        unit: 'x DuckDB materialize',
        note: `the same result: iwb query --format arrow --output (result.export: kept, read in windows of four record batches, converted to Arrow and written as one IPC stream with Decimal128 through one pipeline, all in the engine process) ÷ DuckDB's own materialization (connection.run); ${arrowMs.toFixed(0)} ms vs ${materializeMs.toFixed(0)} ms`,
      },
    };
  } finally {
    workbench.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
}
