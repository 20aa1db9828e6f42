import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPngInfo } from '@shared/domain/chart/pngMetadata';
import { ExportChartsInput } from '@shared/contract/services/chartsContract';
import type { ChartImageOptions, ChartImageRenderer } from '../charts/ChartImageRenderer';
import { SharedChartRenderer } from '../charts/SharedChartRenderer';
import type { HtmlPdfPrinter } from '../briefing/notebookBriefing';
import { createChartsApi } from './chartsApi';
import type { ServiceContext } from './ServiceContext';

const root = mkdtempSync(join(tmpdir(), 'iwb-charts-api-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A PNG header of the asked size (enough for the DPI writer and reader). */
function fakePng(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(8 + 25 + 12);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(bytes.buffer);
  view.setUint32(8, 13);
  bytes.set([0x49, 0x48, 0x44, 0x52], 12);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 2, 0, 0, 0], 24);
  view.setUint32(33, 0);
  bytes.set([0x49, 0x45, 0x4e, 0x44], 37);
  return bytes;
}

class FakeRenderer implements ChartImageRenderer, HtmlPdfPrinter {
  readonly calls: ChartImageOptions[] = [];
  async render(_figure: unknown, options: ChartImageOptions): Promise<Uint8Array> {
    this.calls.push(options);
    if (options.format === 'png') return fakePng(Math.round(options.widthPx * options.scale), Math.round(options.heightPx * options.scale));
    return new TextEncoder().encode(options.format === 'svg' ? '<svg/>' : '%PDF-1.4');
  }
  async printHtml(): Promise<Uint8Array> {
    return new TextEncoder().encode('%PDF-1.4');
  }
  async close(): Promise<void> {}
}

function api(dialogs?: ServiceContext['dialogs']) {
  const fake = new FakeRenderer();
  const context = { workspace: { directory: root, databaseFile: join(root, 'w.duckdb') }, host: dialogs ? 'electron' : 'browser', version: '0', exportDirectory: () => root, ...(dialogs ? { dialogs } : {}) } as unknown as ServiceContext;
  const charts = createChartsApi(context, new SharedChartRenderer(async () => fake, 1000)).charts;
  return { charts, fake };
}

const figure = { data: [], layout: {} };

describe('charts api', () => {
  it('returns a Word-size PNG with 300 dpi written, laid out at 640 CSS px', async () => {
    const { charts, fake } = api();
    const outcome = await charts.export({ figure, name: '研发经费', format: 'png', size: 'word', destination: 'bytes' });
    expect(fake.calls[0]).toMatchObject({ format: 'png', widthPx: 640, heightPx: 394 });
    expect(outcome).toMatchObject({ fileName: '研发经费.png', mimeType: 'image/png', widthPx: 1843, heightPx: 1135, dpi: 300 });
    expect(readPngInfo(outcome.bytes!)).toEqual({ width: 1843, height: 1135, dpiX: 300, dpiY: 300 });
  });

  it('custom size: the width asked, the DPI written', async () => {
    const { charts } = api();
    const outcome = await charts.export({ figure, name: 'c', format: 'png', size: 'custom', widthPx: 1200, heightPx: 800, dpi: 150, destination: 'bytes' });
    expect(readPngInfo(outcome.bytes!)).toMatchObject({ width: 1200, dpiX: 150 });
  });

  it('saves through the native dialog and copies to the clipboard in the desktop app', async () => {
    const copied: Uint8Array[] = [];
    const target = join(root, 'saved.svg');
    const { charts } = api({ chooseSavePath: async () => target, copyImage: async (png) => void copied.push(png) });
    expect(await charts.export({ figure, name: 'c', format: 'svg', size: 'word', destination: 'dialog' })).toMatchObject({ savedTo: target });
    expect(readFileSync(target, 'utf8')).toBe('<svg/>');
    expect(await charts.export({ figure, name: 'c', format: 'png', size: 'slide', destination: 'clipboard' })).toMatchObject({ copied: true, widthPx: 1920, dpi: 144 });
    expect(readPngInfo(copied[0]!)).toEqual({ width: 1920, height: 1080, dpiX: 144, dpiY: 144 });
  });

  it('says plainly that the clipboard needs the desktop app', async () => {
    const { charts } = api();
    await expect(charts.export({ figure, name: 'c', format: 'png', size: 'word', destination: 'clipboard' })).rejects.toMatchObject({
      kind: 'user',
      code: 'chart-clipboard-desktop',
      message: 'Copying to the clipboard needs the desktop app; export the PNG instead',
    });
  });

  it('writes all charts of a notebook into one folder, numbered', async () => {
    const { charts } = api();
    const folder = join(root, 'all');
    const outcome = await charts.exportAll({ charts: [{ figure, name: '甲' }, { figure, name: '乙' }], format: 'pdf', size: 'word', folderName: 'all' });
    expect(outcome.folder).toBe(folder);
    expect(outcome.files.map((file) => file.slice(folder.length + 1))).toEqual(['01-甲.pdf', '02-乙.pdf']);
    expect(readdirSync(folder).sort()).toEqual(['01-甲.pdf', '02-乙.pdf']);
  });

  it('numbers charts sent in several calls across the calls', async () => {
    const { charts } = api();
    const folder = join(root, 'parts');
    const outcome = await charts.exportAll({ charts: [{ figure, name: '丙' }], format: 'svg', size: 'word', folderName: 'parts', numbering: { first: 100, total: 120 } });
    expect(outcome.files.map((file) => file.slice(folder.length + 1))).toEqual(['100-丙.svg']);
    expect(ExportChartsInput.safeParse({ charts: [{ figure, name: '丙' }, { figure, name: '丁' }], format: 'svg', size: 'word', numbering: { first: 120, total: 120 } }).success).toBe(false);
    // The files go into the export folder only: no caller-chosen folder.
    expect(ExportChartsInput.safeParse({ charts: [{ figure, name: '丙' }], format: 'svg', size: 'word', folder: '/etc' }).success).toBe(false);
  });
});
