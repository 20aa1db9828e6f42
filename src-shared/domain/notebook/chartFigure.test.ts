import { DateDay, Field, Float64, Int32, Schema, Table, TimestampMillisecond, Utf8, makeData, RecordBatch, Struct, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { defaultChartSpec } from '../chart/ChartSpec';
import { chartColumnsFromArrow } from './chartFigure';

function table(columns: { name: string; type: DateDay | TimestampMillisecond | Utf8 | Int32 | Float64; values: unknown[] }[]): Table {
  const fields = columns.map((column) => new Field(column.name, column.type, true));
  const children = columns.map((column) => vectorFromArray(column.values, column.type).data[0]!);
  const data = makeData({ type: new Struct(fields), length: columns[0]!.values.length, nullCount: 0, children });
  return new Table([new RecordBatch(new Schema(fields), data)]);
}

describe('chartColumnsFromArrow', () => {
  it('marks dates and times, so a first chart of a monthly series is a line, not bars of names', () => {
    const months = [new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 1, 1)), new Date(Date.UTC(2024, 2, 1))];
    const columns = chartColumnsFromArrow(
      table([
        { name: '月份', type: new DateDay(), values: months },
        { name: '时间', type: new TimestampMillisecond(), values: months },
        { name: '单位', type: new Utf8(), values: ['甲', '乙', '丙'] },
        { name: '年份', type: new Int32(), values: [2021, 2022, 2023] },
        { name: '研发经费', type: new Float64(), values: [1, 2, 3] },
      ]),
    );
    expect(columns.map((column) => [column.name, column.numeric, column.yearLike, column.temporal ?? false])).toEqual([
      ['月份', false, false, true],
      ['时间', false, false, true],
      ['单位', false, false, false],
      ['年份', true, true, false],
      ['研发经费', true, false, false],
    ]);
    expect(defaultChartSpec([columns[0]!, columns[4]!]).kind).toBe('line');
    expect(defaultChartSpec([columns[1]!, columns[4]!]).kind).toBe('line');
    expect(defaultChartSpec([columns[2]!, columns[4]!]).kind).toBe('bar');
  });
});
