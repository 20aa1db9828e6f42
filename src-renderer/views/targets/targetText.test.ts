import { describe, expect, it } from 'vitest';
import { completeBoardTarget, type BoardTargetFacts } from '@shared/domain/targets/boardTarget';
import { translator } from '../../i18n/translate';
import { gapText, paceText } from './targetText';

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
