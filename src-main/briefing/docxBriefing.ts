import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import {
  chineseDate,
  numberedLabels,
  type BriefingBlock,
  type BriefingDocument,
  type InlineRun,
} from '@shared/domain/briefing/BriefingDocument';
import { keepNumberWithUnit, tableColumnWidths } from '@shared/domain/briefing/tableColumnWidths';

/**
 * Writes a briefing as DOCX in the layout of Chinese official documents
 * (GB/T 9704-2012): A4 with a 156 × 225 mm text block, 仿宋 三号 body on a
 * 28-point line, 黑体 and 楷体 headings, centered page numbers. Fonts are
 * named, not embedded: Word and WPS on Chinese Windows have them, and
 * LibreOffice substitutes Noto CJK.
 */

const MM = 56.6929; // twips per millimetre
const FONT_BODY = '仿宋';
const FONT_TITLE = '宋体';
const FONT_H1 = '黑体';
const FONT_H2 = '楷体';
const FONT_LATIN = 'Times New Roman';
const SIZE_TITLE = 44; // half-points: 二号 22 pt
const SIZE_BODY = 32; // 三号 16 pt
const SIZE_SMALL = 24; // 小四 12 pt
const SIZE_TABLE = 21; // 五号 10.5 pt
const LINE_28PT = 560; // twips, exact
/** Twips of one display column of table text: half a 五号 (10.5 pt) Chinese character. */
const TABLE_COLUMN_TWIPS = SIZE_TABLE * 10 / 2;

function font(eastAsia: string): IRunOptions['font'] {
  return { ascii: FONT_LATIN, hAnsi: FONT_LATIN, eastAsia, cs: FONT_LATIN };
}

function runsOf(runs: readonly InlineRun[], size = SIZE_BODY, face = FONT_BODY): TextRun[] {
  return runs.map(
    (run) =>
      new TextRun({
        text: run.text,
        bold: run.bold ?? false,
        italics: run.italic ?? false,
        size,
        font: run.code ? { ascii: 'Consolas', hAnsi: 'Consolas', eastAsia: face } : font(face),
      }),
  );
}

const bodySpacing = { line: LINE_28PT, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function heading(block: Extract<BriefingBlock, { kind: 'heading' }>): Paragraph {
  const face = block.level === 1 ? FONT_H1 : block.level === 2 ? FONT_H2 : FONT_BODY;
  return new Paragraph({
    heading: block.level === 1 ? HeadingLevel.HEADING_1 : block.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
    spacing: { ...bodySpacing, before: block.level === 1 ? 160 : 0 },
    indent: { firstLine: 640 },
    keepNext: true,
    children: [new TextRun({ text: block.text, size: SIZE_BODY, bold: block.level === 3, font: font(face), color: '000000' })],
  });
}

function caption(text: string, keepNext: boolean): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 60, after: 60, line: 360, lineRule: LineRuleType.AUTO },
    keepNext,
    children: [new TextRun({ text, size: SIZE_SMALL, font: font(FONT_H1) })],
  });
}

function note(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.LEFT,
    spacing: { before: 0, after: 120, line: 300, lineRule: LineRuleType.AUTO },
    children: [new TextRun({ text, size: SIZE_TABLE, font: font(FONT_BODY), color: '333333' })],
  });
}

function figure(block: Extract<BriefingBlock, { kind: 'figure' }>, label: string): Paragraph[] {
  const toPixels = (mm: number) => Math.round((mm / 25.4) * 96);
  const paragraphs = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: 120, after: 0 },
      children: [
        new ImageRun({
          type: 'png',
          data: block.png,
          transformation: { width: toPixels(block.widthMm), height: toPixels(block.heightMm) },
          altText: { name: label, title: `${label} ${block.caption}`, description: block.caption },
        }),
      ],
    }),
    caption(`${label} ${block.caption}`, Boolean(block.sourceNote)),
  ];
  if (block.sourceNote) paragraphs.push(note(block.sourceNote));
  return paragraphs;
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function table(block: Extract<BriefingBlock, { kind: 'table' }>, label: string): (Paragraph | Table)[] {
  const alignmentOf = (align: 'left' | 'right' | 'center') =>
    align === 'right' ? AlignmentType.RIGHT : align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT;
  // Columns sized to their content: an id or a number is never broken over lines, long text takes what is left.
  const textWidth = Math.round(DOCX_TEXT_WIDTH_MM * MM);
  const room = Math.floor(textWidth / TABLE_COLUMN_TWIPS);
  const widths = tableColumnWidths(
    block.columns.map((column) => column.name),
    block.rows,
    room,
  ).map((width) => Math.round((width * textWidth) / room));
  const cell = (text: string, align: 'left' | 'right' | 'center', header: boolean, index: number) =>
    new TableCell({
      width: { size: widths[index]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E7EBF0' } } : {}),
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : alignmentOf(align),
          children: [new TextRun({ text: keepNumberWithUnit(text), size: SIZE_TABLE, bold: header, font: font(header ? FONT_H1 : FONT_BODY) })],
        }),
      ],
    });
  const rows = [
    new TableRow({ tableHeader: true, children: block.columns.map((column, index) => cell(column.name, 'center', true, index)) }),
    ...block.rows.map((row) => new TableRow({ cantSplit: true, children: block.columns.map((column, index) => cell(row[index] ?? '', column.align, false, index)) })),
  ];
  const title = block.unit ? `${label} ${block.caption}（单位：${block.unit}）` : `${label} ${block.caption}`;
  const parts: (Paragraph | Table)[] = [
    caption(title, true),
    new Table({
      rows,
      width: { size: textWidth, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin },
    }),
  ];
  const notes: string[] = [];
  if (block.totalRows !== undefined && block.totalRows > block.rows.length) {
    notes.push(`注：仅列出前 ${block.rows.length} 行，共 ${block.totalRows.toLocaleString('en-US')} 行。`);
  }
  if (block.sourceNote) notes.push(block.sourceNote);
  parts.push(notes.length > 0 ? note(notes.join(' ')) : new Paragraph({ spacing: { after: 120 }, children: [] }));
  return parts;
}

function list(block: Extract<BriefingBlock, { kind: 'list' }>): Paragraph[] {
  return block.items.map(
    (item, index) =>
      new Paragraph({
        spacing: bodySpacing,
        indent: { left: 640, hanging: 0, firstLine: 0 },
        children: [new TextRun({ text: block.ordered ? `${index + 1}. ` : '· ', size: SIZE_BODY, font: font(FONT_BODY) }), ...runsOf(item)],
      }),
  );
}

export async function writeDocxBriefing(document: BriefingDocument): Promise<Uint8Array> {
  const labels = numberedLabels(document.blocks);
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 240, line: 720, lineRule: LineRuleType.EXACT },
      children: [new TextRun({ text: document.title, size: SIZE_TITLE, bold: true, font: font(FONT_TITLE) })],
    }),
  ];
  if (document.subtitle) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { ...bodySpacing, after: 120 },
        children: [new TextRun({ text: document.subtitle, size: SIZE_BODY, font: font(FONT_H2) })],
      }),
    );
  }
  const byline = [document.issuer, chineseDate(document.date)].filter(Boolean).join('　');
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { ...bodySpacing, after: 240 },
      children: [new TextRun({ text: byline, size: SIZE_SMALL, font: font(FONT_BODY) })],
    }),
  );
  for (const block of document.blocks) {
    switch (block.kind) {
      case 'heading':
        children.push(heading(block));
        break;
      case 'paragraph':
        children.push(new Paragraph({ spacing: bodySpacing, indent: { firstLine: 640 }, alignment: AlignmentType.JUSTIFIED, children: runsOf(block.runs) }));
        break;
      case 'list':
        children.push(...list(block));
        break;
      case 'figure':
        children.push(...figure(block, labels.get(block)!));
        break;
      case 'table':
        children.push(...table(block, labels.get(block)!));
        break;
    }
  }
  if (document.sources.length > 0) {
    children.push(heading({ kind: 'heading', level: 1, text: '数据来源' }));
    document.sources.forEach((source, index) =>
      children.push(
        new Paragraph({
          spacing: { line: 400, lineRule: LineRuleType.AUTO },
          indent: { left: 640, hanging: 400 },
          children: [new TextRun({ text: `${index + 1}. ${source}`, size: SIZE_SMALL, font: font(FONT_BODY) })],
        }),
      ),
    );
  }

  const doc = new Document({
    creator: '指标工作台 Indicator Workbench',
    title: document.title,
    description: document.subtitle ?? document.title,
    styles: { default: { document: { run: { font: font(FONT_BODY), size: SIZE_BODY } } } },
    numbering: { config: [{ reference: 'iwb-ordered', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT }] }] },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM), footer: Math.round(20 * MM) },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28, font: font(FONT_BODY) })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** Width of the text block in millimetres: figures are sized to it. */
export const DOCX_TEXT_WIDTH_MM = 156;
