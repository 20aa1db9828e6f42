import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { csvLine } from '@shared/domain/csvText';
import { SYNTHETIC_PANEL_COLUMNS, syntheticPanel } from '@shared/domain/datasets/syntheticPanel';
import { EXIT, UsageError, type CliCommand } from '../cliCommand';
import { localizedError } from '@shared/contract/errorTexts';

const MAX_ROWS = 100_000_000;
const BATCH_ROWS = 5_000;

export const genSampleCommand: CliCommand = {
  name: 'gen-sample',
  summary: 'Write a deterministic SYNTHETIC enterprise panel as CSV (tests, demos) / 生成合成样本数据',
  usage: 'iwb gen-sample --rows N [--out FILE] [--seed S]\n\n' +
    'Columns: synthetic, enterprise, town, industry, year, revenue (万元), rd_expenditure (万元), is_hightech.\n' +
    'Every row is invented (enterprise ids SYN-…, synthetic=true) and is never loaded into the indicator tables.\n' +
    'Without --out the CSV goes to standard output.',
  options: { rows: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } },
  allowPositionals: false,
  async run(values, _positionals, context) {
    const rowsText = values.rows as string | undefined;
    if (rowsText === undefined) throw new UsageError('--rows N is required');
    const rows = Number(rowsText);
    if (!Number.isInteger(rows) || rows < 1 || rows > MAX_ROWS) {
      throw new UsageError(`--rows must be a whole number from 1 to ${MAX_ROWS.toLocaleString('en-US')} (got "${rowsText}")`);
    }
    const seedText = (values.seed as string | undefined) ?? '1';
    const seed = Number(seedText);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new UsageError(`--seed must be a whole number from 0 to 4294967295 (got "${seedText}")`);

    const lines = (function* () {
      yield csvLine([...SYNTHETIC_PANEL_COLUMNS]) + '\n';
      let batch: string[] = [];
      for (const row of syntheticPanel(rows, seed)) {
        batch.push(csvLine(SYNTHETIC_PANEL_COLUMNS.map((column) => String(row[column]))));
        if (batch.length === BATCH_ROWS) {
          yield batch.join('\n') + '\n';
          batch = [];
        }
      }
      if (batch.length > 0) yield batch.join('\n') + '\n';
    })();

    const out = values.out as string | undefined;
    if (out === undefined) {
      for (const chunk of lines) context.stdout(chunk);
      return EXIT.ok;
    }
    const path = resolve(out);
    const partial = `${path}.partial`;
    const stream = createWriteStream(partial, { flags: 'wx' });
    try {
      await once(stream, 'open');
    } catch (error) {
      throw localizedError('sample-write-failed', { path: partial, reason: error instanceof Error ? error.message : String(error) }, undefined, 'invalid-path');
    }
    try {
      for (const chunk of lines) if (!stream.write(chunk)) await once(stream, 'drain');
      stream.end();
      await once(stream, 'finish');
      await rename(partial, path);
    } catch (error) {
      stream.destroy();
      await rm(partial, { force: true });
      throw error;
    }
    context.stderr(`Wrote ${rows.toLocaleString('en-US')} SYNTHETIC rows to ${path} (seed ${seed}). / 已写入合成数据。\n`);
    return EXIT.ok;
  },
};
