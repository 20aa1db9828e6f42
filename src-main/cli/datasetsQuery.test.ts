import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './iwb';

const workspace = mkdtempSync(join(tmpdir(), 'iwb-cli-datasets-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

async function query(sql: string): Promise<unknown> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    ['query', '--workspace', workspace, sql, '--format', 'json'],
    { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) },
    new Promise(() => undefined),
  );
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout);
}

describe('iwb query over the bundled datasets', () => {
  it('answers the 2023 high-tech industry added value for 全市 and 市级', async () => {
    expect(
      await query(
        `SELECT scope, value, unit, status, source_id FROM observations
          WHERE indicator_code = 'hightech_industry_added_value' AND region = '慈溪市' AND year = 2023 ORDER BY scope`,
      ),
    ).toEqual([
      { scope: '全市', value: 817.5, unit: '亿元', status: 'actual', source_id: 'src_2023_hightech_added_value' },
      { scope: '市级', value: 392.8, unit: '亿元', status: 'actual', source_id: 'src_2023_hightech_added_value' },
    ]);
  });

  it('answers the 2024 target for valid high-tech enterprises, with its sentence', async () => {
    expect(
      await query(
        `SELECT t.comparator, t.value, t.unit, s.quote FROM targets t JOIN sources s USING (source_id) WHERE t.target_id = 't2024_hightech_enterprises'`,
      ),
    ).toEqual([{ comparator: '>', value: 1000, unit: '家', quote: '2024年,力争新增省科技型中小企业320家以上,有效高新技术企业超过千家。' }]);
  });
});
