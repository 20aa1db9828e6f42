import { describe, expect, it } from 'vitest';
import { CsvRecordTracker, scanRecords, type RecordEnd } from './csvRecords';

/** The byte offsets just after each record end the tracker finds, scanning `text` in blocks of `block` bytes. */
function recordEnds(text: string, delimiter = ',', block = 1_000_000): number[] {
  const bytes = new TextEncoder().encode(text);
  const tracker = new CsvRecordTracker(delimiter.charCodeAt(0));
  const ends: number[] = [];
  const before: [number, number] = [0x0a, 0x0a];
  const last: RecordEnd = { end: -1, records: 0 };
  // Every record end, not only a block's last: each block is scanned line by line, the two bytes before carried along.
  for (let start = 0; start < bytes.length; start += block) {
    const part = bytes.subarray(start, start + block);
    let from = 0;
    for (let index = part.indexOf(0x0a); index !== -1; index = part.indexOf(0x0a, index + 1)) {
      const records = tracker.records;
      scanRecords(tracker, part.subarray(from, index + 1), start + from, before, last);
      if (tracker.records > records) ends.push(start + index + 1);
      from = index + 1;
    }
    scanRecords(tracker, part.subarray(from), start + from, before, last);
  }
  return ends;
}

const lineEnds = (text: string): number[] => [...text.matchAll(/\n/g)].map((match) => new TextEncoder().encode(text.slice(0, match.index + 1)).length);

describe('CsvRecordTracker', () => {
  it('ends records at line feeds outside quoted fields', () => {
    const text = 'a,b\n1,"two\nlines"\n"x""y",3\n';
    expect(recordEnds(text)).toEqual([lineEnds(text)[0]!, lineEnds(text)[2]!, lineEnds(text)[3]!]);
  });

  it('treats a quote inside an unquoted field as a character, as DuckDB does', () => {
    // Without this, 15.6" flips the state and the line break inside the next quoted field would end a record.
    const text = '显示器,15.6" 屏幕\n备注,"第一行\n第二行"\n';
    const ends = lineEnds(text);
    expect(recordEnds(text)).toEqual([ends[0]!, ends[2]!]);
  });

  it('opens a quoted field only at its start: after the delimiter, a line end or the start of the file', () => {
    expect(recordEnds('"a\nb",c\n')).toEqual([8]);
    expect(recordEnds('x\t"a\nb"\n', '\t')).toEqual([2 + 6]);
    // With a tab delimiter a comma does not start a field.
    expect(recordEnds('x,"a\nb"\n', '\t')).toEqual([5, 8]);
    expect(recordEnds('a,b\r\n"c\r\nd",e\r\n')).toEqual([5, 15]);
    // One space before the quote still opens it (DuckDB reads `a, "b\nc"` as two fields); two spaces do not.
    expect(recordEnds('a, "b\nc"\n')).toEqual([9]);
    expect(recordEnds(' "b\nc"\n')).toEqual([7]);
    expect(recordEnds('a,  "b\nc"\n')).toEqual([7, 10]);
  });

  it('keeps its state across blocks, even between the two quotes of ""', () => {
    const text = ['名称,说明', ...Array.from({ length: 200 }, (_, index) => `企业${index},${index % 3 === 0 ? ' ' : ''}"含""引号""\n和换行${index}"`), '15.6",尾\n"a\nb",c'].join('\n') + '\n';
    const whole = recordEnds(text);
    expect(whole).toHaveLength(1 + 200 + 2);
    for (const block of [1, 2, 3, 7, 64]) expect(recordEnds(text, ',', block)).toEqual(whole);
  });
});
