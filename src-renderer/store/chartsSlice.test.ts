import { describe, expect, it } from 'vitest';
import { CALL_ENVELOPE_BYTES, callBodyLimit } from '@shared/contract/callBodyLimits';
import type { ChartFigure } from '@shared/domain/chart/buildChartFigure';
import { fakeWorkbenchApi } from './testing/fakeWorkbenchApi';
import { createWorkbenchStore } from './workbenchStore';

/** A figure whose JSON is about `bytes` long. */
const figureOf = (bytes: number): ChartFigure => ({ data: [{ type: 'bar', y: 'x'.repeat(bytes) }], layout: {} });

describe('exporting all charts of a notebook', () => {
  it('splits charts larger together than one call may carry, numbering them 01…N into one folder', async () => {
    const fake = fakeWorkbenchApi({
      'charts.exportAll': (input) => {
        const { charts, numbering } = input as { charts: { name: string }[]; numbering: { first: number } };
        const into = '/exports/笔记本';
        return { folder: into, files: charts.map((chart, index) => `${into}/${String(numbering.first + index).padStart(2, '0')}-${chart.name}.png`) };
      },
    });
    const store = createWorkbenchStore(fake.api);
    const third = Math.floor((callBodyLimit('charts.exportAll') - CALL_ENVELOPE_BYTES) / 3);
    const charts = ['甲', '乙', '丙', '丁', '戊'].map((name) => ({ figure: figureOf(third), name }));
    await store.getState().exportAllCharts(charts, 'png', '笔记本');

    const calls = fake.calls.filter((call) => call.method === 'charts.exportAll').map((call) => call.input as { charts: { name: string }[]; numbering: unknown; folderName?: string });
    expect(calls.map((call) => call.charts.map((chart) => chart.name))).toEqual([['甲', '乙'], ['丙', '丁'], ['戊']]);
    expect(calls.map((call) => call.numbering)).toEqual([{ first: 1, total: 5 }, { first: 3, total: 5 }, { first: 5, total: 5 }]);
    expect(calls.map((call) => call.folderName)).toEqual(['笔记本', '笔记本', '笔记本']);
    expect(store.getState().chartExportDone).toEqual({ kind: 'all', folder: '/exports/笔记本', count: 5 });
  });

  it('sends a few small charts in one call', async () => {
    const fake = fakeWorkbenchApi({ 'charts.exportAll': (input) => ({ folder: '/f', files: (input.charts as unknown[]).map((_chart, index) => `/f/${index}`) }) });
    const store = createWorkbenchStore(fake.api);
    await store.getState().exportAllCharts([{ figure: figureOf(10), name: 'a' }, { figure: figureOf(10), name: 'b' }], 'svg', 'n');
    expect(fake.calls.filter((call) => call.method === 'charts.exportAll')).toHaveLength(1);
    expect(store.getState().chartExportDone).toEqual({ kind: 'all', folder: '/f', count: 2 });
  });

  it('refuses a chart too large for any call before writing anything, naming it', async () => {
    const fake = fakeWorkbenchApi({ 'charts.exportAll': () => ({ folder: '/f', files: ['/f/01-a.png'] }) });
    const store = createWorkbenchStore(fake.api);
    const budget = callBodyLimit('charts.exportAll') - CALL_ENVELOPE_BYTES;
    await store.getState().exportAllCharts([{ figure: figureOf(10), name: '小图' }, { figure: figureOf(budget), name: '大图' }], 'png', 'n');
    expect(fake.calls.filter((call) => call.method === 'charts.exportAll')).toHaveLength(0);
    expect(store.getState().chartExportError).toMatchObject({ code: 'chart-too-large', params: { name: '大图' } });
    expect(store.getState().chartExportDone).toBeNull();
  });

  it('says what an earlier call wrote when a later one fails', async () => {
    let call = 0;
    const fake = fakeWorkbenchApi({
      'charts.exportAll': (input) => {
        if (++call === 2) throw new Error('disk full');
        return { folder: '/f', files: (input.charts as unknown[]).map((_chart, index) => `/f/${index}`) };
      },
    });
    const store = createWorkbenchStore(fake.api);
    const half = Math.floor((callBodyLimit('charts.exportAll') - CALL_ENVELOPE_BYTES) / 2);
    await store.getState().exportAllCharts(['a', 'b', 'c'].map((name) => ({ figure: figureOf(half), name })), 'png', 'n');
    expect(store.getState().chartExportDone).toEqual({ kind: 'all', folder: '/f', count: 1 });
    expect(store.getState().chartExportError).not.toBeNull();
  });
});
