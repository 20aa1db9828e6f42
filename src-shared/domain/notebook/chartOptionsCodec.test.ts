import { describe, expect, it } from 'vitest';
import { parseNotebook, serializeNotebook } from './notebookText';

const STYLED = `---
iwb-notebook: 1
title: 图表样式
---

\`\`\`chart 研发经费图
kind: combo
source: 历年
x: 年份
y: 研发经费
unit: 元
y2: 同比增速
labels: true
subtitle: 2018—2023年
sourceNote: 慈溪市统计局
unit2: %
scaling: yi
preset: print
targets: [{"value": 10000000000, "label": "2024年目标"}]
bands: [{"from": 9000000000, "to": 11000000000}]
\`\`\`
`;

describe('chart cell style fields', () => {
  it('reads the new optional fields and writes them back unchanged', () => {
    const { document } = parseNotebook(STYLED);
    const cell = document.cells[0]!;
    expect(cell.kind).toBe('chart');
    if (cell.kind !== 'chart') return;
    expect(cell.chart).toEqual({
      kind: 'combo',
      source: '历年',
      x: '年份',
      y: ['研发经费'],
      title: null,
      unit: '元',
      y2: ['同比增速'],
      dataLabels: true,
      subtitle: '2018—2023年',
      sourceNote: '慈溪市统计局',
      unit2: '%',
      scaling: 'yi',
      preset: 'print',
      targets: [{ value: 10_000_000_000, label: '2024年目标' }],
      bands: [{ from: 9_000_000_000, to: 11_000_000_000 }],
    });
    expect(cell.extra).toEqual([]);
    const again = parseNotebook(serializeNotebook(document)).document.cells[0];
    expect(again).toEqual(cell);
  });

  it('a version-1 chart without the new fields reads as before', () => {
    const { document } = parseNotebook(STYLED.replace(/y2:[\s\S]*?```/, '```').replace('kind: combo', 'kind: bar'));
    const cell = document.cells[0]!;
    if (cell.kind !== 'chart') throw new Error('not a chart');
    expect(cell.chart).toEqual({ kind: 'bar', source: '历年', x: '年份', y: ['研发经费'], title: null, unit: '元' });
  });

  it('a bad value names its line', () => {
    const { document } = parseNotebook(STYLED.replace('scaling: yi', 'scaling: 千'));
    const cell = document.cells[0]!;
    expect(cell.kind).toBe('raw');
    if (cell.kind !== 'raw') return;
    expect(cell.problem?.message).toBe('"scaling" must be one of auto, none, wan, yi (found "千")');
    expect(cell.problem?.line).toBe(17);
  });
});
