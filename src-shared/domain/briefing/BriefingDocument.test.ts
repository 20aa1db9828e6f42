import { describe, expect, it } from 'vitest';
import { chineseDate, numberedLabels, type BriefingBlock } from './BriefingDocument';

describe('briefing numbering', () => {
  it('numbers figures and tables separately, in document order', () => {
    const png = new Uint8Array();
    const blocks: BriefingBlock[] = [
      { kind: 'heading', level: 1, text: '一、总体情况' },
      { kind: 'figure', caption: 'a', png, widthMm: 150, heightMm: 90 },
      { kind: 'table', caption: 'b', columns: [], rows: [] },
      { kind: 'figure', caption: 'c', png, widthMm: 150, heightMm: 90 },
    ];
    const labels = numberedLabels(blocks);
    expect([labels.get(blocks[1]!), labels.get(blocks[2]!), labels.get(blocks[3]!), labels.get(blocks[0]!)]).toEqual(['图1', '表1', '图2', undefined]);
  });

  it('writes dates the way official documents do', () => {
    expect(chineseDate('2024-02-01')).toBe('2024年2月1日');
    expect(chineseDate('not a date')).toBe('not a date');
  });
});
