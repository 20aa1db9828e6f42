import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { cliRunner } from '../tests/support/cliRunner';
process.env.IWB_BUNDLED_DATASETS = 'off';
it('x', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'iwb-x-'));
  const cli = cliRunner(join(folder, 'ws'));
  writeFileSync(join(folder, 's.csv'), 'year,value\n2019,10\n2020,50\n2021,90\n2022,99\n2023,99.99\n');
  console.log(await cli('forecast', '--series', join(folder, 's.csv'), '--method', 'logistic', '--to', '2060', '--simulate', '200'));
  writeFileSync(join(folder, 't.csv'), 'year,value\n2019,1e-300\n2020,1e-200\n2023,1e-100\n');
  console.log(await cli('forecast', '--series', join(folder, 't.csv'), '--method', 'logistic', '--to', '2030', '--simulate', '200'));
}, 120000);
