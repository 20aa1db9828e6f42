import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { statisticalTable, writeCsv, writeMalformedFiles, writeStatisticalWorkbook } from '../../../tests/fixtures/importFixtures';
import { cliRunner } from '../../../tests/support/cliRunner';

const root = mkdtempSync(join(tmpdir(), 'iwb-cli-import-'));
const workspace = join(root, 'ws');
const files = join(root, 'files');
mkdirSync(files);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cli = cliRunner(workspace);

describe('iwb import', () => {
  it('imports a GB18030 CSV and the rows can be queried', async () => {
    const path = writeCsv(files, '企业名单.csv', 'gb18030');
    const imported = await cli('import', path, '--table', '企业名单');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^Imported 3 rows into 企业名单 from 企业名单\.csv \(gb18030\)/);
    const query = await cli('query', 'select 名称 from 企业名单 order by 数值 desc limit 1', '--format', 'csv');
    expect(query.stdout).toBe('名称\n高新技术企业𠀀\n');
  });

  it('unpivots a statistical workbook with --unpivot-years', async () => {
    const path = writeStatisticalWorkbook(files);
    const result = await cli('import', path, '--sheet', '主要指标', '--table', 'long_table', '--unpivot-years');
    expect(result.code).toBe(0);
    const expected = statisticalTable.indicators.flatMap((indicator) => indicator.values.filter((value) => value !== null)).length;
    expect(result.stdout).toContain(`Imported ${expected} rows into long_table`);
    const query = await cli('query', "select value, unit from long_table where indicator = 'R&D经费支出' and year = 2021", '--format', 'csv');
    expect(query.stdout).toBe('value,unit\n58.75,亿元\n');
  });

  it('exits 1 with a clear message for a damaged workbook and 2 for bad flags', async () => {
    const truncated = writeMalformedFiles(files).find((file) => file.name === 'truncated.xlsx')!;
    const result = await cli('import', truncated.path);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('truncated.xlsx: cannot be read as an Excel workbook; it is damaged or incomplete');
    expect((await cli('import', truncated.path, '--append', '--replace')).code).toBe(2);
    expect((await cli('import', truncated.path, '--encoding', 'latin9')).code).toBe(2);
    expect((await cli('import', join(files, 'nosuch.csv'))).stderr).toContain('File not found');
    const mappedTwice = await cli('import', truncated.path, '--unpivot-years', '--to-observations', '--map', '投资=a', '--map', '投资=b');
    expect(mappedTwice.code).toBe(2);
    expect(mappedTwice.stderr).toContain('--map gives "投资" twice ("a" and "b"); give it once');
    expect((await cli('import', '--help')).stdout).toContain('--delimiter CHAR');
  });
});
