import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tableFromIPC, type Decimal } from 'apache-arrow';
import { decimalText } from '@shared/domain/arrowCells';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../../tests/support/cliRunner';

const workspace = mkdtempSync(join(tmpdir(), 'iwb-cli-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

const cli = cliRunner(workspace);

describe('iwb query', () => {
  it('prints CSV', async () => {
    expect(await cli('query', 'select 42 as answer', '--format', 'csv')).toEqual({ code: 0, stdout: 'answer\n42\n', stderr: '' });
  });

  it('says when several statements ran and only the last one\'s result is printed', async () => {
    expect(await cli('query', 'select 1 as a; select 2 as b', '--format', 'csv')).toEqual({
      code: 0,
      stdout: 'b\n2\n',
      stderr: "Ran 2 statements; only the last one's result is shown or written. / 共执行 2 条语句，只显示或写入最后一条的结果。\n",
    });
  });

  it('prints JSON with exact decimals and Chinese text', async () => {
    const { code, stdout } = await cli('query', "select '全市' as scope, 817.5::decimal(10,1) as value, null as note", '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([{ scope: '全市', value: 817.5, note: null }]);
    expect(stdout).toContain('"value":817.5');
  });

  it('prints an aligned table and states how many rows it left out', async () => {
    const { code, stdout, stderr } = await cli('query', 'select i as n, 1000 * i as amount from range(5) t(i)', '--max-rows', '3');
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 5)).toEqual(['n  amount', '─  ──────', '0       0', '1   1,000', '2   2,000']);
    expect(stderr).toContain('5 rows; first 3 shown');
  });

  it('exits 1 with the SQL error and its position', async () => {
    const { code, stderr } = await cli('query', 'select 1;\nselect nosuch');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Error \(line 2, column 8\): Binder Error: Referenced column "nosuch" was not found because the FROM clause is missing/);
  });

  it('cancels a query at --timeout and exits 3 with a clear message', async () => {
    const { code, stderr } = await cli('query', 'select count(*) from range(1e12::bigint)', '--timeout', '0.5');
    expect(code).toBe(3);
    expect(stderr).toContain('Query timed out after 0.5 s and was cancelled.');
  });

  it('writes a whole result as an Arrow stream file or as Parquet, and asks for --output', async () => {
    const arrowPath = join(workspace, 'whole.arrow');
    const sql = "select i, 'r' || i as label from range(1200000) t(i)";
    expect(await cli('query', sql, '--format', 'arrow', '--output', arrowPath)).toMatchObject({ code: 0, stderr: expect.stringContaining('1,200,000 rows') });
    const table = tableFromIPC(readFileSync(arrowPath));
    expect(table.numRows).toBe(1_200_000);
    expect(table.getChild('label')!.get(1_199_999)).toBe('r1199999');
    // Decimals go into the file as Decimal128, which every Arrow reader knows (the app's own windows carry DECIMAL(p <= 18) in 64 bits).
    const decimalPath = join(workspace, 'decimal.arrow');
    expect((await cli('query', 'select (-12345.678)::decimal(18,3) as d union all select null', '--format', 'arrow', '--output', decimalPath)).code).toBe(0);
    const decimals = tableFromIPC(readFileSync(decimalPath));
    const decimalField = decimals.schema.fields[0]!;
    expect((decimalField.type as Decimal).bitWidth).toBe(128);
    expect(decimalText(decimals.getChild('d')!.get(0), 3)).toBe('-12345.678');
    expect(decimals.getChild('d')!.nullCount).toBe(1);
    const parquetPath = join(workspace, 'whole.parquet');
    expect((await cli('query', sql, '--format', 'parquet', '--output', parquetPath)).code).toBe(0);
    expect((await cli('query', `select count(*) as n, max(label) as top from '${parquetPath}'`, '--format', 'csv')).stdout).toBe('n,top\n1200000,r999999\n');
    expect(await cli('query', 'select 1', '--format', 'parquet')).toMatchObject({ code: 2, stderr: expect.stringContaining('--format parquet writes a file: give it with --output FILE') });
  });

  it('refuses to replace an existing --output unless --overwrite is given, and says how', async () => {
    const path = join(workspace, 'exists.parquet');
    writeFileSync(path, 'keep me');
    expect(await cli('query', 'select 1 as one', '--format', 'parquet', '--output', path)).toMatchObject({ code: 1, stderr: expect.stringContaining('Add --overwrite to replace it') });
    expect(readFileSync(path, 'utf8')).toBe('keep me');
    expect((await cli('query', 'select 1 as one', '--format', 'parquet', '--output', path, '--overwrite')).code).toBe(0);
    expect((await cli('query', `select one from '${path}'`, '--format', 'csv')).stdout).toBe('one\n1\n');
  });

  it('stops writing a whole result at --timeout and leaves no file behind', async () => {
    const folder = mkdtempSync(join(workspace, 'timeout-'));
    const path = join(folder, 'big.arrow');
    // Keeping `select * from big` again takes about half a second on a quiet machine; converting its 10M rows to Arrow takes
    // seconds, so the timeout lands in the write. On a loaded machine keeping can take longer than the timeout: the query's own
    // timeout is then the right answer. (Cancelling mid-write is checked without timing in resultOperations.test.ts.)
    expect((await cli('query', "create or replace table big as select i, repeat('x', 40) || i as label from range(10000000) t(i)")).code).toBe(0);
    const { code, stderr } = await cli('query', 'select * from big', '--format', 'arrow', '--output', path, '--timeout', '2');
    expect(code).toBe(3);
    expect(stderr).toMatch(/(Writing the file|Query) timed out after 2 s and was cancelled\./);
    // Neither the file nor its temporary copy: the cancelled write removed what it had written.
    expect(readdirSync(folder)).toEqual([]);
  });

  it('keeps data between invocations in the same workspace', async () => {
    expect((await cli('query', 'create or replace table kept as select 7 as seven')).code).toBe(0);
    expect((await cli('query', 'select seven from kept', '--format', 'csv')).stdout).toBe('seven\n7\n');
  });
});

describe('iwb usage', () => {
  it('prints help and exits 0', async () => {
    const { code, stdout } = await cli('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: iwb <command>');
    expect(stdout).toContain('query');
    expect(stdout).toContain('serve');
  });

  it.each([
    [['nosuch'], 'Unknown command "nosuch"'],
    [['query'], 'Give exactly one SQL text'],
    [['query', 'select 1', '--format', 'xml'], '--format must be table, csv, json, arrow or parquet (got "xml")'],
    [['query', 'select 1', '--timeout=-1'], '--timeout must be a positive number of seconds'],
    [['query', 'select 1', '--timeout', '-1'], "Option '--timeout' argument is ambiguous"],
    [['query', 'select 1', '--bogus'], "Unknown option '--bogus'"],
    [['serve', '--port', '70000'], '--port must be a whole number from 0 to 65535'],
  ])('rejects %j with exit 2', async (args, message) => {
    const { code, stderr } = await cli(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('refuses an empty --workspace or IWB_WORKSPACE instead of opening the default workspace', async () => {
    const bare = cliRunner(undefined, { ...process.env, IWB_WORKSPACE: workspace });
    const empty = await bare('query', 'select 1', '--workspace', '');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--workspace is empty; give a workspace folder or a .duckdb file');
    expect((await bare('query', 'select 1', '--workspace', '  ')).code).toBe(2);
    const fromEnv = await cliRunner(undefined, { ...process.env, IWB_WORKSPACE: '' })('query', 'select 1');
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toContain('IWB_WORKSPACE is set but empty');
  });

  it('says a file in the workspace folder\'s place is the user\'s to fix, and leaves the file alone', async () => {
    const file = join(workspace, 'not-a-workspace.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    const { code, stderr } = await cliRunner(file)('query', 'select 1');
    expect(code).toBe(1);
    expect(stderr).toBe(`Error: The workspace cannot be ${file}: a file has that name (or a folder on the way is a file). Give a folder, or a .duckdb file, as the workspace.\n`);
    expect(readFileSync(file, 'utf8')).toBe('a,b\n1,2\n');
  });
});
