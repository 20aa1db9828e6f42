import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserObservationId } from '@shared/contract/workbenchContract';
import { expectWorkbenchError } from '../testing/expectWorkbenchError';
import { resolveWorkspace } from '../workspace/workspaceLocation';
import { createWorkbench, type Workbench } from './createWorkbench';

const directory = mkdtempSync(join(tmpdir(), 'iwb-datasets-api-'));
let workbench: Workbench;
const open = async () => createWorkbench({ workspace: resolveWorkspace(directory), host: 'browser' });

beforeAll(async () => {
  workbench = await open();
});
afterAll(() => {
  workbench?.dispose();
  rmSync(directory, { recursive: true, force: true });
});

const failure = expectWorkbenchError;

describe('datasets API', () => {
  it('reports the bundled version and counts', async () => {
    const info = await workbench.client.datasets.info({});
    expect(info).toMatchObject({ name: 'cixi-st-bureau-2023', loadError: null, indicators: 61, observations: 87, targets: 10, sources: 47, userObservations: 0 });
  });

  it('lists indicators with their counts', async () => {
    const { indicators } = await workbench.client.datasets.listIndicators({});
    expect(indicators[0]).toMatchObject({ code: 'hightech_industry_investment', name_zh: '高新技术产业投资', unit: '亿元', observationCount: 2 });
    expect(indicators.find((indicator) => indicator.code === 'hightech_enterprises')).toMatchObject({ observationCount: 0, targetCount: 1 });
  });

  it('gives an indicator series with each value’s source sentence', async () => {
    const detail = await workbench.client.datasets.indicator({ code: 'hightech_industry_added_value' });
    expect(detail.observations.map((point) => [point.year, point.scope, point.value, point.status])).toEqual([
      [2022, '全市', 773.42, 'derived'],
      [2022, '市级', 360.04, 'derived'],
      [2023, '全市', 817.5, 'actual'],
      [2023, '市级', 392.8, 'actual'],
    ]);
    expect(detail.observations[2]!.quote).toContain('完成高新技术产业增加值817.5亿元');
    expect(detail.observations[0]!.formula).toContain('817.5 / (1 + 5.7 / 100)');
    expect(detail.sources.map((source) => source.source_id)).toEqual(['src_2023_hightech_added_value']);
    const target = await workbench.client.datasets.indicator({ code: 'hightech_enterprises' });
    expect(target.targets).toMatchObject([{ targetId: 't2024_hightech_enterprises', comparator: '>', value: 1000, unit: '家', quote: '2024年,力争新增省科技型中小企业320家以上,有效高新技术企业超过千家。' }]);
  });

  it('adds a user row in another unit, converted, and deletes it', async () => {
    const { observation } = await workbench.client.datasets.addObservation({
      indicatorCode: 'technology_transaction_value',
      year: 2024,
      period: '1-11月',
      value: 683_000,
      unit: '万元',
      status: 'preliminary',
      note: '统计快报',
    });
    expect(observation).toMatchObject({ value: 68.3, unit: '亿元', origin: 'user', scope: '全市', region: '慈溪市', period: '1-11月', status: 'preliminary', quote: null });
    const detail = await workbench.client.datasets.indicator({ code: 'technology_transaction_value' });
    expect(detail.observations.map((point) => [point.year, point.period, point.value, point.origin])).toEqual([
      [2023, 'annual', 74.4, 'bundled'],
      [2024, '1-11月', 68.3, 'user'],
    ]);
    const duplicate = await failure(
      workbench.client.datasets.addObservation({ indicatorCode: 'technology_transaction_value', year: 2024, period: '1-11月', value: 1, unit: '亿元' }),
    );
    expect(duplicate.message).toContain('You already added technology_transaction_value for 慈溪市 全市 2024 1-11月');
    expect(await workbench.client.datasets.deleteObservation({ obsId: observation.obsId as UserObservationId })).toEqual({ deleted: true });
    expect(await workbench.client.datasets.deleteObservation({ obsId: observation.obsId as UserObservationId })).toEqual({ deleted: false });
  });

  it('refuses bad rows with a message saying what and where', async () => {
    const unit = await failure(workbench.client.datasets.addObservation({ indicatorCode: 'hightech_industry_added_value', year: 2021, value: 700, unit: '家' }));
    expect(unit.kind).toBe('user');
    expect(unit.message).toMatch(/^unit: 家 cannot be converted to 亿元, the unit of 高新技术产业增加值 \(hightech_industry_added_value\); use 元, 千元, 万元, 百万元, 亿元/);
    const year = await failure(workbench.client.datasets.addObservation({ indicatorCode: 'hightech_industry_added_value', year: 1800, value: 700, unit: '亿元' }));
    expect(year.message).toContain('year must be 1949 or later');
    const unknown = await failure(workbench.client.datasets.addObservation({ indicatorCode: 'no_such_thing', year: 2020, value: 1, unit: '家' }));
    expect(unknown.message).toContain('Unknown indicator code "no_such_thing"');
    const bundled = await failure(workbench.client.datasets.deleteObservation({ obsId: 'b004' as UserObservationId }));
    expect(bundled.message).toContain('obsId must be the id of a row you added');
  });

  it('keeps user rows across a restart', async () => {
    await workbench.client.datasets.addObservation({ indicatorCode: 'hightech_enterprises', year: 2023, value: 957, unit: '家', note: 'test' });
    workbench.dispose();
    workbench = await open();
    const detail = await workbench.client.datasets.indicator({ code: 'hightech_enterprises' });
    expect(detail.observations.map((point) => [point.year, point.value, point.origin])).toEqual([[2023, 957, 'user']]);
    expect((await workbench.client.datasets.info({})).userObservations).toBe(1);
  });
});
