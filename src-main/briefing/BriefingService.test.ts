import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceEntry } from '@shared/domain/briefing/notebookBriefingBlocks';
import { bundledTestWorkbench } from '../testing/bundledTestWorkbench';
import { engineExec } from '../workspace/workspaceSql';
import { sourcesSql } from './notebookBriefing';

const queries = resolve(__dirname, '../../queries');
const bench = bundledTestWorkbench('iwb-briefing-sources-');

async function briefingSources(notebook: string, cells: string): Promise<string[]> {
  const outcome = await bench.workbench.services.briefings.run({
    notebookPath: join(queries, notebook),
    overrides: [],
    outDirectory: null,
    images: { formats: [], required: false },
    briefing: { format: 'html', cells },
    log: () => undefined,
    warn: () => undefined,
  });
  expect(outcome.run.status).toBe('ok');
  return outcome.briefing!.document.sources;
}

describe('a briefing’s 资料来源', () => {
  it('lists the sources of one target’s figures only, each once', async () => {
    const exec = engineExec(bench.workbench.engine);
    const sources = await briefingSources('05-ningbo-rd-institutions.iwb.md', '历年实际值,目标进度');
    const board = await bench.workbench.client.targets.board({});
    const target = board.targets.find((candidate) => candidate.targetId === 't2024_new_ningbo_rd_institutions')!;
    const history = await exec(
      `SELECT DISTINCT source_id FROM observations WHERE indicator_code = 'new_ningbo_rd_institutions' AND region = '慈溪市' AND scope = '全市' AND year >= 2018 AND source_id IS NOT NULL`,
    );
    const ids = new Set([target.sourceId!, target.latest!.sourceId!, ...history.map((row) => String(row.source_id))]);
    const expected = (await exec(sourcesSql([...ids]))).map(sourceEntry);
    expect(sources).toEqual([...new Set(expected)]);
    expect(new Set(sources).size).toBe(sources.length);
    const [all] = await exec('SELECT count(*)::INTEGER AS n FROM sources');
    expect(sources.length).toBeLessThan(Number(all!.n));
    // The target and the comparable 2023 count both come from the 2024 work plan: it is listed once.
    expect(sources.filter((entry) => entry.includes('慈溪市科学技术局2023年度工作总结和2024年工作思路'))).toHaveLength(1);
  });

  it('lists the overview’s targets and latest values’ sources, not every bundled one', async () => {
    const exec = engineExec(bench.workbench.engine);
    const sources = await briefingSources('00-targets-overview.iwb.md', '目标总览');
    const ids = await exec(
      `SELECT DISTINCT id FROM (SELECT target_source_id AS id FROM target_status WHERE target_year = 2024 UNION SELECT latest_source_id FROM target_status WHERE target_year = 2024) WHERE id IS NOT NULL`,
    );
    expect(sources).toEqual([...new Set((await exec(sourcesSql(ids.map((row) => String(row.id))))).map(sourceEntry))]);
    const [all] = await exec('SELECT count(*)::INTEGER AS n FROM sources');
    expect(sources.length).toBeLessThan(Number(all!.n));
  });
});
