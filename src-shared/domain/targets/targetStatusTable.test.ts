import { describe, expect, it } from 'vitest';
import { observation, targetFacts } from '../../../tests/fixtures/targetFacts';
import { completeBoardTarget } from './boardTarget';
import { TARGET_STATUS_COLUMNS, targetStatusCode, targetStatusRow, targetStatusTableStatements } from './targetStatusTable';

const flow = targetFacts({ indicatorCode: 'new_ningbo_rd_institutions', nameZh: '新增宁波市级及以上研发机构', unit: '家', comparator: '>', value: 20 });

describe('targetStatusRow', () => {
  it('flattens the board’s evaluation: a count of an earlier year is in progress, counted from what counts toward it', () => {
    const target = completeBoardTarget({
      ...flow,
      observations: [{ ...observation(2023, 'annual', 34), countedFrom: 'new_ningbo_enterprise_rd_centers', sourceId: 's1' }],
    });
    const row = targetStatusRow(target);
    expect(row).toMatchObject({
      latest_year: 2023,
      latest_period: 'annual',
      latest_value: 34,
      latest_source_id: 's1',
      counted_from: 'new_ningbo_enterprise_rd_centers',
      completion_pct: 170,
      gap: 20,
      meets: false,
      status: 'in-progress',
      status_zh: '进行中',
      caveat_short_zh: '暂按新认定宁波市级企业技术研发中心计数，为下限',
    });
    expect(Object.keys(row)).toEqual(TARGET_STATUS_COLUMNS.map((column) => column.name));
  });

  it('tells met, missed and no actual apart', () => {
    expect(targetStatusCode(completeBoardTarget(flow))).toBe('no-actual');
    expect(targetStatusCode(completeBoardTarget({ ...flow, observations: [observation(2024, 'annual', 25)] }))).toBe('met');
    expect(targetStatusCode(completeBoardTarget({ ...flow, observations: [observation(2024, 'annual', 15)] }))).toBe('missed');
    expect(targetStatusCode(completeBoardTarget({ ...flow, observations: [observation(2024, '1-6月', 15)] }))).toBe('in-progress');
  });
});

describe('targetStatusTableStatements', () => {
  it('creates a typed, empty table when there are no targets', () => {
    const [create] = targetStatusTableStatements([]);
    expect(create).toMatch(/^CREATE OR REPLACE TABLE "target_status" AS\nSELECT CAST\(NULL AS VARCHAR\) AS "target_id", .* WHERE FALSE$/);
  });
});
