import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { XMLValidator } from 'fast-xml-parser';
import type { BriefingDocument } from '@shared/domain/briefing/BriefingDocument';
import { withPngDpi } from '@shared/domain/chart/pngMetadata';
import { writeDocxBriefing } from './docxBriefing';

const folder = mkdtempSync(join(tmpdir(), 'iwb-docx-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A solid-colour PNG of the given size, built with zlib (a stand-in for a rendered chart). */
function solidPng(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x44)]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return new Uint8Array(
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]),
  );
}

const chart = withPngDpi(solidPng(1843, 1063), 300);
const briefing: BriefingDocument = {
  title: '2024年科技创新目标进展简报',
  subtitle: '（2024年1—11月）',
  issuer: '慈溪市科学技术局',
  date: '2024-12-05',
  blocks: [
    { kind: 'heading', level: 1, text: '一、总体情况' },
    { kind: 'paragraph', runs: [{ text: '全市完成高新技术产业增加值' }, { text: '817.5亿元', bold: true }, { text: '，同比增长5.7%。' }] },
    { kind: 'figure', caption: '高新技术产业增加值', png: chart, widthMm: 156, heightMm: 90, sourceNote: '数据来源：慈溪市科学技术局2023年度工作总结' },
    {
      kind: 'table',
      caption: '高新技术产业主要指标',
      unit: '亿元',
      columns: [
        { name: '指标', align: 'left' },
        { name: '2023年', align: 'right' },
      ],
      rows: [
        ['高新技术产业增加值（全市）', '817.5'],
        ['高新技术产业增加值（市级）', '392.8'],
        ['高新技术产业投资', '165.3'],
      ],
      totalRows: 5,
    },
    { kind: 'heading', level: 2, text: '（一）下一步工作' },
    { kind: 'list', ordered: true, items: [[{ text: '培育壮大科技型企业梯队' }], [{ text: '提升企业创新能力' }]] },
    { kind: 'figure', caption: '第二张图', png: withPngDpi(solidPng(1843, 1100), 300), widthMm: 156, heightMm: 93 },
  ],
  sources: ['慈溪市科学技术局. 慈溪市科学技术局2023年度工作总结和2024年工作思路. 2024-02-01.'],
};

describe('DOCX briefing', () => {
  it('is a well-formed package with numbered captions, a real table with units, images and sources', async () => {
    const bytes = await writeDocxBriefing(briefing);
    const files = unzipSync(bytes);
    for (const [name, content] of Object.entries(files)) {
      if (name.endsWith('.xml') || name.endsWith('.rels')) expect(XMLValidator.validate(strFromU8(content)), name).toBe(true);
    }
    const xml = strFromU8(files['word/document.xml']!);
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join('');
    expect(text).toContain('2024年科技创新目标进展简报');
    expect(text).toContain('慈溪市科学技术局　2024年12月5日');
    expect(text).toContain('图1 高新技术产业增加值');
    expect(text).toContain('图2 第二张图');
    expect(text).toContain('表1 高新技术产业主要指标（单位：亿元）');
    expect(text).toContain('注：仅列出前 3 行，共 5 行。');
    expect(text).toContain('数据来源');
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(1);
    expect((xml.match(/<w:tr[ >]/g) ?? []).length).toBe(4);
    expect(xml).toContain('w:eastAsia="仿宋"');
    // Columns sized to their content (the long name column wider than the number), filling the 156 mm text block.
    const grid = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((match) => Number(match[1]));
    expect(grid).toHaveLength(2);
    expect(grid[0]! / grid[1]!).toBeCloseTo(28 / 8, 1);
    expect(grid[0]! + grid[1]!).toBeCloseTo(Math.round(156 * 56.6929), -1);
    expect(xml).toContain('<w:tblLayout w:type="fixed"/>');
    expect(Object.keys(files).filter((name) => name.startsWith('word/media/'))).toHaveLength(2);
  });

  it.skipIf(!existsSync('/usr/bin/soffice'))('opens in LibreOffice: converts to PDF with every chart on a page', async () => {
    const docx = join(folder, 'briefing.docx');
    writeFileSync(docx, await writeDocxBriefing(briefing));
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${join(folder, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', folder, docx], {
      stdio: 'pipe',
      timeout: 120_000,
    });
    const pdf = join(folder, 'briefing.pdf');
    expect(existsSync(pdf)).toBe(true);
    const info = execFileSync('pdfinfo', [pdf]).toString();
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(3);
    expect(/Page size:\s+595\.\d+ x 841\.\d+/.test(info)).toBe(true);
    // pdfimages -list: one line per image with its page; both charts must be placed.
    const images = execFileSync('pdfimages', ['-list', pdf]).toString().trim().split('\n').slice(2);
    expect(images.length).toBe(2);
    // pdftotext spaces out CJK text; compare without spaces.
    const text = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, '');
    expect(text).toContain('图1高新技术产业增加值');
    expect(text).toContain('表1高新技术产业主要指标（单位：亿元）');
    expect(text).toContain('817.5');
    expect(readFileSync(pdf).byteLength).toBeGreaterThan(10_000);
  }, 180_000);
});
