import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { detectFormat } from './importSources';
import { cliRunner } from '../../tests/support/cliRunner';
import { csvCorpus } from '../../tests/fuzz/regressionCorpus';

process.env.IWB_BUNDLED_DATASETS = 'off';
const folder = mkdtempSync(join(tmpdir(), 'iwb-import-hardening-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const cli = cliRunner(join(folder, 'workspace'));

function corpusFile(name: string): string {
  const entry = csvCorpus.find((candidate) => candidate.fileName === name)!;
  const path = join(folder, entry.fileName);
  writeFileSync(path, entry.text());
  return path;
}

describe('CSV files that used to fail without saying why', () => {
  it('names the line where a file mixing LF and CRLF changes its line ending', async () => {
    const outcome = await cli('import', corpusFile('mixed.csv'));
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('mixed.csv');
    expect(outcome.stderr).toContain('The file mixes line endings: its lines end with LF, but line 2 ends with CRLF.');
  });

  it('says a 50,000-column file is too wide instead of "the file has no rows"', async () => {
    const outcome = await cli('import', corpusFile('wide.csv'));
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).not.toContain('no rows');
    expect(outcome.stderr).toMatch(/^Error: wide\.csv: the first record does not end within its first 262144 bytes \(\d+ fields or more, or a quote that is never closed\)/);
  });
});

describe('text saved with a workbook name (a system export called .xls)', () => {
  it('reads a GBK tab-separated .xls as text, exactly, and says so; a UTF-8 CSV named .xlsx too', async () => {
    const gbk = join(folder, '系统导出.xls');
    writeFileSync(gbk, iconv.encode('指标名称\t2022年\t2023年\r\n高新技术企业数\t820\t901\r\n研发费用（亿元）\t85.01\t98.65\r\n', 'gbk'));
    const imported = await cli('import', gbk, '--table', '系统导出');
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('系统导出.xls is named .xls but is not an Excel workbook: it holds text, so it is read as a text table (GB18030, tab-separated).');
    const rows = await cli('query', 'SELECT * FROM 系统导出 ORDER BY 1', '--format', 'csv');
    expect(rows.stdout.replace(/\r/g, '')).toBe('指标名称,2022年,2023年\n研发费用（亿元）,85.01,98.65\n高新技术企业数,820,901\n');

    const utf8 = join(folder, '假表格.xlsx');
    writeFileSync(utf8, '年份,数值\n2022,1.5\n2023,2.5\n');
    const second = await cli('import', utf8, '--table', '假表格');
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('假表格.xlsx is named .xlsx but is not an Excel workbook');
    expect((await cli('query', 'SELECT sum(数值) AS s FROM 假表格', '--format', 'csv')).stdout.replace(/\r/g, '')).toBe('s\n4\n');
  });

  it('still hands a real workbook, or an HTML or XML table named .xls, to the workbook reader', () => {
    expect(detectFormat('a.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('xls');
    expect(detectFormat('a.xls', new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toBe('xlsx');
    expect(detectFormat('a.xls', new TextEncoder().encode('\uFEFF\r\n  <html><table>'))).toBe('xls');
    expect(detectFormat('a.XLSX', new TextEncoder().encode('<?xml version="1.0"?><Workbook'))).toBe('xls');
    expect(detectFormat('a.et', new TextEncoder().encode('年份\t数值'))).toBe('csv');
    // An HTML table saved in UTF-16 (LE and BE).
    expect(detectFormat('a.xls', new Uint8Array([0xff, 0xfe, 0x20, 0x00, 0x3c, 0x00, 0x68, 0x00]))).toBe('xls');
    expect(detectFormat('a.xls', new Uint8Array([0xfe, 0xff, 0x00, 0x3c, 0x00, 0x68]))).toBe('xls');
    expect(detectFormat('a.xls', new Uint8Array([0xff, 0xfe, 0x74, 0x5e, 0x09, 0x00]))).toBe('csv');
  });
});
