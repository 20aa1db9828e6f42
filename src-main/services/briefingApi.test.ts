import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localizedMessage } from '@shared/contract/errorTexts';
import { resolveWorkspace } from '../workspace/workspaceLocation';
import { expectWorkbenchError } from '../testing/expectWorkbenchError';
import { createWorkbench, type Workbench } from './createWorkbench';

process.env.IWB_BUNDLED_DATASETS = 'off';
const directory = mkdtempSync(join(tmpdir(), 'iwb-briefing-api-'));
let workbench: Workbench;

beforeAll(async () => {
  workbench = await createWorkbench({ workspace: resolveWorkspace(directory), host: 'browser' });
});
afterAll(() => {
  workbench?.dispose();
  rmSync(directory, { recursive: true, force: true });
});

describe('briefing API', () => {
  it('says which cell stopped the run, and why, in Chinese too (the SQL error explained, the file line)', async () => {
    const folder = join(directory, 'notebooks');
    mkdirSync(folder, { recursive: true });
    const path = join(folder, '失败.iwb.md');
    writeFileSync(path, '---\niwb-notebook: 1\ntitle: 失败\n---\n\n```markdown\n说明\n```\n\n```sql 研发\nselect yearz\nfrom range(3) t(year)\n```\n');
    const error = await expectWorkbenchError(workbench.client.briefing.export({ path, format: 'html' }));
    expect(error.code).toBe('briefing-notebook-failed');
    expect(localizedMessage(error, 'zh')).toBe('笔记本没有运行完：第 2 个单元格（SQL“研发”）出错（文件第 11 行）：这里没有“yearz”列。相近的列：year。');
    expect(localizedMessage(error, 'en')).toMatch(/^The notebook did not run to the end: cell 2 \(sql "研发", line 10\) failed at line 11: Binder Error: Referenced column "yearz" not found/);
  });

  it('says in Chinese too which parameter value it could not take', async () => {
    const path = join(directory, 'notebooks', '参数.iwb.md');
    writeFileSync(path, '---\niwb-notebook: 1\ntitle: 参数\n---\n\n```parameter 年份\ncontrol: slider\nvalue: 2022\nmin: 2019\nmax: 2023\n```\n\n```sql 年\nselect {{年份}} as y\n```\n');
    const error = await expectWorkbenchError(workbench.client.briefing.export({ path, format: 'html', parameters: [['年份', '二〇二二']] }));
    expect(error.code).toBe('briefing-notebook-failed');
    expect(localizedMessage(error, 'zh')).toBe('笔记本没有运行完：参数值有误：参数“年份”：“二〇二二”不是数字');
    expect(localizedMessage(error, 'en')).toBe('The notebook did not run to the end: parameter "年份": "二〇二二" is not a number');
  });
});
