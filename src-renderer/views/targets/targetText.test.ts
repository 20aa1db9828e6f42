import { describe, expect, it } from 'vitest';
import { completeBoardTarget, type BoardTargetFacts } from '@shared/domain/targets/boardTarget';
import { translator } from '../../i18n/translate';
import { gapText, historyReason, paceText } from './targetText';

const t = translator('zh-CN');

const centres: BoardTargetFacts = {
  targetId: 't2024_smart_appliance_service_centers',
  indicatorCode: 'smart_appliance_public_service_centers',
  nameZh: '智能家电技术创新中心公共服务中心',
  nameEn: 'Public service centres',
  unit: '个',
  region: '慈溪市',
  scope: '全市',
  year: 2024,
  comparator: '=',
  value: 4,
  note: '四大公共服务中心',
  sourceTitle: null,
  origin: 'bundled',
  indicatorKind: 'level',
  observations: [{ year: 2024, period: 'annual', value: 5, status: 'actual', origin: 'user', sourceTitle: null, sourceDate: null }],
  newCertificationObservations: [],
};

describe('gap and pace texts of one row', () => {
  it('say the same thing: 5 centres against 四大公共服务中心 are 已超出 1 个 and 已达到目标, never 差 -1 个', () => {
    const target = completeBoardTarget(centres);
    expect(gapText(t, target)).toBe('已超出 1 个');
    expect(paceText(t, target)).toBe('已达到目标');
    expect(`${gapText(t, target)} ${paceText(t, target)}`).not.toContain('差');
  });

  it('never call a not-yet-met target exceeded: level with a "超过" target is 持平, not 已超出 0', () => {
    const target = completeBoardTarget({ ...centres, comparator: '>', observations: [{ ...centres.observations[0]!, value: 4 }] });
    expect(gapText(t, target)).toBe('持平，尚未超过');
  });
});

describe('the gap of a share or rate', () => {
  const ratio: BoardTargetFacts = {
    ...centres,
    targetId: 't2024_rd_gdp_ratio',
    indicatorCode: 'rd_gdp_ratio',
    nameZh: '全社会R&D经费占GDP比重',
    unit: '%',
    comparator: '>=',
    value: 3.53,
    indicatorKind: 'ratio',
    observations: [{ year: 2023, period: 'annual', value: 2.55, status: 'estimate', origin: 'bundled', sourceTitle: null, sourceDate: null }],
  };

  it('is in percentage points, as its pace is: 差 0.98 个百分点, not 差 0.98%', () => {
    const target = completeBoardTarget(ratio);
    expect(target.paceKind).toBe('ratio');
    expect(gapText(t, target)).toBe('差 0.98 个百分点');
    expect(paceText(t, target)).toBe('还差 0.98 个百分点');
    expect(gapText(translator('en'), target)).toBe('0.98 percentage points short');
  });

  it('says by how many points a met target is passed', () => {
    const target = completeBoardTarget({ ...ratio, observations: [{ ...ratio.observations[0]!, value: 3.73 }] });
    expect(gapText(t, target)).toBe('已超出 0.20 个百分点');
  });
});

describe('why a row has no projection', () => {
  it('says 无公开历史数据 when the indicator has no figure at all', () => {
    const target = completeBoardTarget({ ...centres, observations: [] });
    expect(historyReason(t, target)?.text).toBe('无公开历史数据');
  });

  it('says a stock has only its flow: new certifications but no valid total', () => {
    const target = completeBoardTarget({
      ...centres,
      targetId: 't2024_hightech_enterprises',
      indicatorCode: 'hightech_enterprises',
      nameZh: '有效高新技术企业',
      unit: '家',
      comparator: '>',
      value: 1000,
      observations: [],
      newCertificationObservations: [
        { year: 2014, period: 'annual', value: 14, status: 'actual', origin: 'bundled', sourceTitle: null, sourceDate: null },
        { year: 2023, period: 'annual', value: 219, status: 'preliminary', origin: 'bundled', sourceTitle: null, sourceDate: null },
      ],
    });
    expect(target.latest).toBeNull();
    expect(historyReason(t, target)?.text).toBe('只有新认定数（2014、2023年），无有效总数');
  });

  it('flags a projection resting on one annual value, and says nothing once there are two or the target year is known', () => {
    const year2023 = { ...centres.observations[0]!, year: 2023 };
    expect(historyReason(t, completeBoardTarget({ ...centres, observations: [year2023] }))?.text).toBe('只有 2023 年一个年度值');
    expect(historyReason(t, completeBoardTarget({ ...centres, observations: [{ ...year2023, year: 2022 }, year2023] }))).toBeNull();
    expect(historyReason(t, completeBoardTarget(centres))).toBeNull();
  });

  it('has an English text for every case', () => {
    const en = translator('en');
    expect(historyReason(en, completeBoardTarget({ ...centres, observations: [] }))?.text).toBe('No public history');
  });
});

describe('why a method cannot run on a series', () => {
  it('is said in the UI language from the series check, not the projection module’s English', async () => {
    const { backtest } = await import('@shared/domain/projection/backtest');
    const { seriesProblemText } = await import('./targetText');
    const result = backtest([{ year: 2021, value: 1 }, { year: 2022, value: 2 }, { year: 2023, value: 3 }], [{ method: 'holt' }], { holdout: 1, origins: 1 });
    const failure = result.methods[0]!.failures[0]!;
    expect(failure.message).toMatch(/needs at least \d+ years of data; got 2$/);
    expect(seriesProblemText(t, failure)).toMatch(/^需要至少 \d+ 年数据，现有 2 年$/);
    expect(seriesProblemText(translator('en'), failure)).toMatch(/^needs at least \d+ years of data; it has 2$/);
    expect(seriesProblemText(t, { message: 'other', problem: null })).toBe('other');
  });
});
