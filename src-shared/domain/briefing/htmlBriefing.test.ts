import { describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { escapeHtml, writeHtmlBriefing } from './htmlBriefing';

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

describe('HTML briefing', () => {
  const html = writeHtmlBriefing({
    title: '目标进展 <简报>',
    issuer: '慈溪市科学技术局',
    date: '2024-12-05',
    blocks: [
      { kind: 'heading', level: 1, text: '一、总体情况' },
      { kind: 'paragraph', runs: [{ text: '增加值 ' }, { text: '817.5亿元', bold: true }, { text: '<script>alert(1)</script>' }] },
      { kind: 'figure', caption: '增加值', png, widthMm: 156, heightMm: 90 },
      { kind: 'table', caption: '主要指标', unit: '亿元', columns: [{ name: '指标', align: 'left' }, { name: '数值', align: 'right' }], rows: [['全市', '817.5']] },
    ],
    sources: ['慈溪市科学技术局 2023年度工作总结'],
  });

  it('is self-contained: the image is inlined and nothing can be fetched', () => {
    expect(html).toContain('src="data:image/png;base64,iVBORwECAw=="');
    expect(html).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('escapes every text from the notebook', () => {
    expect(html).toContain('<title>目标进展 &lt;简报&gt;</title>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(escapeHtml(`a&b"c'd`)).toBe('a&amp;b&quot;c&#39;d');
  });

  it('numbers captions, states units, and lists sources', () => {
    expect(html).toContain('<figcaption>图1 增加值</figcaption>');
    expect(html).toContain('表1 主要指标（单位：亿元）');
    expect(html).toContain('<td class="right">817.5</td>');
    expect(html).toContain('<li>慈溪市科学技术局 2023年度工作总结</li>');
  });

  it('sizes table columns as the Word briefing does, so a short status phrase is never broken', () => {
    const status = writeHtmlBriefing({
      title: '总览',
      issuer: '慈溪市科学技术局',
      date: '2024-12-05',
      blocks: [{ kind: 'table', caption: '目标', columns: [{ name: '目标', align: 'left' }, { name: '状态', align: 'left' }, { name: '说明', align: 'left' }], rows: [['新增省科技型中小企业', '尚无实际值', '很长的说明'.repeat(12)]] }],
      sources: [],
    });
    const widths = [...status.matchAll(/<col style="width:([\d.]+)%"\/>/g)].map((match) => Number(match[1]));
    expect(widths).toHaveLength(3);
    expect(widths.reduce((sum, width) => sum + width, 0)).toBeCloseTo(100, 0);
    // 尚无实际值 is 10 display columns plus padding, of the 84 across the page.
    expect(widths[1]).toBeGreaterThanOrEqual((100 * 12) / 84 - 0.01);
    expect(status).toContain('table-layout: fixed');
  });

  it('is well-formed markup apart from the doctype', () => {
    expect(XMLValidator.validate(html.replace('<!doctype html>', ''))).toBe(true);
  });
});
