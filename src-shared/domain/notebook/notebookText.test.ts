import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CHART_KINDS,
  NOTEBOOK_FORMAT_VERSION,
  PARAMETER_CONTROLS,
  type CellId,
  type JsonValue,
  type NotebookCell,
  type NotebookDocument,
} from './NotebookDocument';
import { redecodeRawCell } from './cellCodec';
import { NotebookFormatError } from './notebookProblem';
import { decodeNotebookBytes, firstInvalidUtf8 } from './notebookSource';
import { canonicalNotebookText, MAX_NOTEBOOK_CELLS, parseNotebook, serializeNotebook } from './notebookText';

const SAMPLE = `---
iwb-notebook: 1
title: 高新技术企业超千家
---

\`\`\`markdown
## 有效高新技术企业
2024 年目标：**超过千家**。
\`\`\`

\`\`\`parameter 年份
control: slider
label: 统计年份
value: 2023
min: 2019
max: 2024
step: 1
\`\`\`

\`\`\`sql hightech
SELECT year, value
FROM observations
WHERE indicator_code = 'high_tech_enterprises' AND year <= getvariable('年份')
ORDER BY year
\`\`\`

\`\`\`chart
kind: bar
source: hightech
x: year
y: ["value"]
title: 有效高新技术企业数量
unit: 家
\`\`\`

\`\`\`target
target: T2024-01
method: latest
\`\`\`
`;

function withoutIds(document: NotebookDocument): unknown {
  return { ...document, cells: document.cells.map(({ id: _id, ...rest }) => rest) };
}

function parseError(text: string): NotebookFormatError {
  try {
    parseNotebook(text);
  } catch (error) {
    if (error instanceof NotebookFormatError) return error;
    throw error;
  }
  throw new Error('expected a NotebookFormatError');
}

describe('parseNotebook', () => {
  it('reads every cell type with its fields', () => {
    const { document, cellLines, migratedFrom } = parseNotebook(SAMPLE);
    expect(migratedFrom).toBeNull();
    expect(document.formatVersion).toBe(1);
    expect(document.title).toBe('高新技术企业超千家');
    expect(cellLines).toEqual([6, 11, 20, 27, 36]);
    expect(withoutIds(document)).toEqual({
      formatVersion: 1,
      title: '高新技术企业超千家',
      signature: null,
      headerExtra: [],
      cells: [
        { kind: 'markdown', text: '## 有效高新技术企业\n2024 年目标：**超过千家**。', extra: [] },
        { kind: 'parameter', name: '年份', control: 'slider', label: '统计年份', value: 2023, min: 2019, max: 2024, step: 1, options: null, extra: [] },
        {
          kind: 'sql',
          name: 'hightech',
          sql: "SELECT year, value\nFROM observations\nWHERE indicator_code = 'high_tech_enterprises' AND year <= getvariable('年份')\nORDER BY year",
          extra: [],
        },
        { kind: 'chart', name: null, chart: { kind: 'bar', source: 'hightech', x: 'year', y: ['value'], title: '有效高新技术企业数量', unit: '家' }, extra: [] },
        { kind: 'target', name: null, targetId: 'T2024-01', method: 'latest', extra: [] },
      ],
    });
  });

  it('gives cells distinct ids', () => {
    const ids = parseNotebook(SAMPLE).document.cells.map((cell) => cell.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps unknown header fields, cell fields, fence extras and cell types from a newer version', () => {
    const text = [
      '---',
      'iwb-notebook: 3',
      'title: 新版本',
      'theme: {"palette":"gov"}',
      '---',
      '',
      '```sql a {"collapsed":true}',
      'select 1',
      '```',
      '',
      '```chart',
      'kind: line',
      'source: a',
      'x: x',
      'y: ["y"]',
      'legend: bottom',
      '```',
      '',
      '```map regions',
      'geo: cixi',
      '```',
      '',
    ].join('\n');
    const { document } = parseNotebook(text);
    expect(document.formatVersion).toBe(3);
    expect(document.headerExtra).toEqual([['theme', { palette: 'gov' }]]);
    expect(document.cells[0]).toMatchObject({ kind: 'sql', name: 'a', extra: [['collapsed', true]] });
    expect(document.cells[1]).toMatchObject({ kind: 'chart', extra: [['legend', 'bottom']] });
    expect(document.cells[2]).toMatchObject({ kind: 'raw', reason: 'unknown-type', info: 'map regions', body: 'geo: cixi' });
    expect(serializeNotebook(document, text)).toBe(text);
    // Written without a base (canonical form), nothing is lost either.
    expect(withoutIds(parseNotebook(serializeNotebook(document)).document)).toEqual(withoutIds(document));
  });

  it('keeps a broken cell as a raw cell naming the line and the problem, and opens the rest', () => {
    const text = SAMPLE.replace('value: 2023', 'value: 二〇二三');
    const { document } = parseNotebook(text);
    expect(document.cells[1]).toMatchObject({
      kind: 'raw',
      reason: 'invalid',
      problem: { line: 14, message: 'the value of a slider parameter must be a number' },
    });
    expect(document.cells.filter((cell) => cell.kind !== 'raw')).toHaveLength(4);
    expect(serializeNotebook(document, text)).toBe(text);
  });

  it('turns a fixed raw cell back into its proper kind', () => {
    const fixed = redecodeRawCell('parameter 年份', 'control: number\nvalue: 2024', 'x' as CellId);
    expect(fixed).toMatchObject({ kind: 'parameter', name: '年份', control: 'number', value: 2024 });
    const still = redecodeRawCell('parameter 年份', 'control: knob\nvalue: 1', 'x' as CellId);
    expect(still).toMatchObject({ kind: 'raw', problem: { line: 2, message: '"control" must be one of slider, number, date, select (found "knob")' } });
  });

  it.each([
    ['', 1, 'empty', 'the file is empty, not a notebook'],
    ['# 笔记\n', 1, 'no-header', 'a notebook starts with a `---` line'],
    ['---\ntitle: x\n---\n', 1, 'no-version', 'the header has no "iwb-notebook: VERSION" line'],
    ['---\niwb-notebook: one\n---\n', 2, 'bad-version', '"iwb-notebook" must be a whole number'],
    ['---\niwb-notebook: 1\ntitle: x\n', 3, 'header-unclosed', 'the header is never closed'],
    ['---\niwb-notebook: 1\nthis is prose\n---\n', 3, 'header-line', 'header lines must read `key: value`'],
    ['---\niwb-notebook: 1\ntitle: {"a":\n---\n', 3, 'header-value', 'the value of "title" is not valid JSON'],
    ['---\niwb-notebook: 1\n---\n\nsome prose\n', 5, 'outside-cell', 'text outside a cell'],
    ['---\niwb-notebook: 1\n---\n\n```sql a\nselect 1\n', 5, 'cell-unclosed', 'the sql cell opened here is never closed with ```'],
    ['---\niwb-notebook: 1\n---\n\n```\nselect 1\n```\n', 5, 'fence-type', 'a cell fence must name its type'],
    ['---\niwb-notebook: 1\n---\n\n```sql a [1]\nselect 1\n```\n', 5, 'fence-extra', 'the text after the cell name must be a JSON object'],
  ])('refuses %j at line %i (%s)', (text, line, code, message) => {
    const error = parseError(text);
    expect(error.problem.line).toBe(line);
    expect(error.problem.code).toBe(code);
    expect(error.problem.message).toContain(message);
    expect(error.message).toMatch(new RegExp(`^line ${line}: `));
  });

  it('names the line of a file cut short in the middle of a cell', () => {
    const cut = SAMPLE.slice(0, SAMPLE.indexOf('ORDER BY'));
    const error = parseError(cut);
    expect(error.problem).toMatchObject({ line: 20, code: 'cell-unclosed' });
    expect(error.message).toBe('line 20: the sql cell opened here is never closed with ``` (is the file cut short?)');
  });

  it('closes a fence only with at least as many backticks, so cells may contain code fences', () => {
    const text = '---\niwb-notebook: 1\n---\n\n````markdown\n```sql\nselect 1\n```\n````\n';
    const { document } = parseNotebook(text);
    expect(document.cells).toMatchObject([{ kind: 'markdown', text: '```sql\nselect 1\n```' }]);
    expect(serializeNotebook(document)).toBe(text);
  });
});

describe('decodeNotebookBytes', () => {
  const encoder = new TextEncoder();

  it('decodes UTF-8, keeping a byte-order mark for the parser to see', () => {
    expect(decodeNotebookBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode('---\n年份')]))).toBe('\uFEFF---\n年份');
  });

  it('refuses binary data, naming the line of the first NUL byte', () => {
    const bytes = new Uint8Array([...encoder.encode('---\niwb-notebook: 1\n'), 0x00, 0x01]);
    expect(() => decodeNotebookBytes(bytes)).toThrow('line 3: this is a binary file (a NUL byte at byte 20), not a notebook');
  });

  it('refuses invalid UTF-8 (for example a GBK file), naming the line', () => {
    const gbk = new Uint8Array([...encoder.encode('---\n'), 0xc4, 0xea, 0xb7, 0xdd]); // 年份 in GBK
    expect(() => decodeNotebookBytes(gbk)).toThrow('line 2: the file is not valid UTF-8 (byte 4); save it as UTF-8');
  });

  it('finds a UTF-8 sequence cut short at the end of the file', () => {
    const bytes = encoder.encode('年份');
    expect(firstInvalidUtf8(bytes.subarray(0, 5))).toBe(3);
    expect(firstInvalidUtf8(bytes)).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0); // an encoded surrogate
    expect(firstInvalidUtf8(new Uint8Array([0xc0, 0x80]))).toBe(0); // overlong
  });
});

describe('serializeNotebook', () => {
  const variants: [string, string][] = [
    ['canonical', SAMPLE],
    ['CRLF line endings', SAMPLE.replaceAll('\n', '\r\n')],
    ['no final newline', SAMPLE.slice(0, -1)],
    ['a byte-order mark', '\uFEFF' + SAMPLE],
    ['extra blank lines and trailing space', SAMPLE.replace('\n\n```parameter', '\n\n\n\n```parameter').replace('min: 2019', 'min:   2019  ') + '\n\n'],
    ['quoted plain strings and spaced JSON', SAMPLE.replace('label: 统计年份', 'label: "统计年份"').replace('y: ["value"]', 'y: [ "value" ]')],
    ['longer fences and an indented closing fence', SAMPLE.replace('```markdown', '`````markdown').replace('**。\n```', '**。\n  `````')],
    ['mixed line endings', SAMPLE.replace('\n', '\r\n').replace('ORDER BY year\n', 'ORDER BY year\r\n')],
    ['only a header', '---\niwb-notebook: 1\n---'],
  ];

  it.each(variants)('writes an unchanged notebook back byte for byte (%s)', (_label, text) => {
    expect(serializeNotebook(parseNotebook(text).document, text)).toBe(text);
  });

  it('writes the canonical form without a base', () => {
    expect(serializeNotebook(parseNotebook(SAMPLE).document)).toBe(SAMPLE);
  });

  it('rewrites only the changed cell and keeps the file line endings', () => {
    const crlf = SAMPLE.replaceAll('\n', '\r\n').replace('min: 2019', 'min:   2019');
    const { document } = parseNotebook(crlf);
    const cells = document.cells.map((cell) => (cell.kind === 'sql' ? { ...cell, sql: cell.sql.replace('ORDER BY year', 'ORDER BY year DESC') } : cell));
    const written = serializeNotebook({ ...document, cells }, crlf);
    expect(written).toBe(crlf.replace('ORDER BY year\r\n', 'ORDER BY year DESC\r\n'));
    expect(written).toContain('min:   2019');
  });

  it('moves cells with their original text and writes a new cell in canonical form', () => {
    const text = SAMPLE.replace('min: 2019', 'min:  2019');
    const { document } = parseNotebook(text);
    const [markdown, parameter, ...rest] = document.cells;
    const added: NotebookCell = { kind: 'sql', id: 'new' as CellId, name: null, sql: 'select 1', extra: [] };
    const written = serializeNotebook({ ...document, cells: [parameter!, markdown!, ...rest, added] }, text);
    expect(written).toContain('min:  2019');
    expect(written.indexOf('```parameter')).toBeLessThan(written.indexOf('```markdown'));
    expect(written.endsWith('```target\ntarget: T2024-01\nmethod: latest\n```\n\n```sql\nselect 1\n```\n')).toBe(true);
    expect(withoutIds(parseNotebook(written).document)).toEqual(withoutIds({ ...document, cells: [parameter!, markdown!, ...rest, added] }));
  });

  it('keeps header lines that did not change when the signature does', () => {
    const text = SAMPLE.replace('title: 高新技术企业超千家', 'title: "高新技术企业超千家"');
    const { document } = parseNotebook(text);
    const written = serializeNotebook({ ...document, signature: 'hmac-sha256:00ff' }, text);
    expect(written.split('\n').slice(0, 5)).toEqual(['---', 'iwb-notebook: 1', 'title: "高新技术企业超千家"', 'signature: hmac-sha256:00ff', '---']);
  });

  it('chooses a fence longer than any fence line inside a cell', () => {
    const document: NotebookDocument = {
      formatVersion: 1,
      title: null,
      signature: null,
      headerExtra: [],
      cells: [{ kind: 'markdown', id: 'm' as CellId, text: 'before\n````\ninside\n````', extra: [] }],
    };
    const text = serializeNotebook(document);
    expect(text).toContain('`````markdown\nbefore\n````\ninside\n````\n`````\n');
    expect(withoutIds(parseNotebook(text).document)).toEqual(withoutIds(document));
  });

  it('leaves the signature out of the canonical text and ignores line endings there', () => {
    const signed = SAMPLE.replace('---\n\n```markdown', 'signature: hmac-sha256:abc\n---\n\n```markdown');
    const canonical = canonicalNotebookText(parseNotebook(signed).document);
    expect(canonical).toBe(SAMPLE);
    expect(canonicalNotebookText(parseNotebook(signed.replaceAll('\n', '\r\n')).document)).toBe(canonical);
  });
});

// Property tests: documents built from arbitrary text (Chinese, quotes, backticks, CR, fence-like lines).
// A CR directly before a line break is part of a CRLF ending, so cell text never holds one (editors normalize it).
const textPiece = fc.constantFrom('年份', '高新技术', 'select', '"', "'", '`', '```', '````', ' ', '\t', '---', ':', '{', '[', '1', '-2', 'true', '亿元', '%', '#');
const line = fc.array(textPiece, { maxLength: 6 }).map((parts) => parts.join(''));
const text = fc.array(line, { maxLength: 5 }).map((lines) => lines.join('\n'));
const singleLine = line;
const name = fc.constantFrom('a', 'hightech', '年份', 'x_1', '研发投入');
const json: fc.Arbitrary<JsonValue> = fc.oneof(
  singleLine,
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(singleLine, fc.integer()), { maxLength: 3 }),
);
const extra = fc.uniqueArray(fc.tuple(fc.constantFrom('note', 'color', 'hidden', 'x-future'), json), { selector: ([key]) => key, maxLength: 2 });
const id = 'id' as CellId;

const cell: fc.Arbitrary<NotebookCell> = fc.oneof(
  fc.record({ kind: fc.constant('markdown' as const), id: fc.constant(id), text, extra }),
  fc.record({ kind: fc.constant('sql' as const), id: fc.constant(id), name: fc.option(name, { nil: null }), sql: text, extra }),
  fc.record({
    kind: fc.constant('parameter' as const),
    id: fc.constant(id),
    name,
    control: fc.constantFrom(...PARAMETER_CONTROLS.filter((control) => control !== 'date')),
    label: fc.option(singleLine, { nil: null }),
    value: fc.integer({ min: -5000, max: 5000 }),
    min: fc.option(fc.integer(), { nil: null }),
    max: fc.option(fc.integer(), { nil: null }),
    step: fc.option(fc.constantFrom(0.5, 1, 10), { nil: null }),
    options: fc.constant<(number | string)[]>([1, 2, '三']),
    extra: extra.map((fields) => fields.filter(([key]) => !['control', 'label', 'value', 'min', 'max', 'step', 'options'].includes(key))),
  }),
  fc.record({
    kind: fc.constant('chart' as const),
    id: fc.constant(id),
    name: fc.option(name, { nil: null }),
    chart: fc.record({
      kind: fc.constantFrom(...CHART_KINDS),
      source: name,
      x: singleLine.filter((value) => value.trim() !== ''),
      y: fc.array(singleLine.filter((value) => value !== ''), { minLength: 1, maxLength: 3 }),
      title: fc.option(singleLine, { nil: null }),
      unit: fc.option(fc.constantFrom('亿元', '家', '%'), { nil: null }),
    }),
    extra,
  }),
  fc.record({ kind: fc.constant('target' as const), id: fc.constant(id), name: fc.option(name, { nil: null }), targetId: singleLine.filter((value) => value.trim() !== ''), method: fc.constant('latest' as const), extra }),
);

const documentArbitrary: fc.Arbitrary<NotebookDocument> = fc.record({
  formatVersion: fc.constant(NOTEBOOK_FORMAT_VERSION),
  title: fc.option(singleLine, { nil: null }),
  signature: fc.option(fc.constant('hmac-sha256:0123'), { nil: null }),
  headerExtra: extra,
  cells: fc.array(cell, { maxLength: 6 }),
});


describe('notebook text properties', () => {
  it('reads back every document it writes', () => {
    fc.assert(
      fc.property(documentArbitrary, (document) => {
        const written = serializeNotebook(document);
        const read = parseNotebook(written).document;
        expect(withoutIds(read)).toEqual(withoutIds(document));
        expect(serializeNotebook(read, written)).toBe(written);
      }),
      { numRuns: 400 },
    );
  });

  it('writes any parsed variant back byte for byte, with CRLF, without a final newline, with a BOM', () => {
    fc.assert(
      fc.property(documentArbitrary, fc.boolean(), fc.boolean(), fc.boolean(), (document, crlf, bare, bom) => {
        let written = serializeNotebook(document);
        if (crlf) written = written.replaceAll('\n', '\r\n');
        if (bare) written = written.replace(/\r?\n$/, '');
        if (bom) written = '\uFEFF' + written;
        expect(serializeNotebook(parseNotebook(written).document, written)).toBe(written);
      }),
      { numRuns: 300 },
    );
  });
});

describe('notebook size bound', () => {
  it('refuses more than MAX_NOTEBOOK_CELLS cells with the line where the first extra cell starts', () => {
    const cells = Array.from({ length: MAX_NOTEBOOK_CELLS + 1 }, (_, index) => `\`\`\`sql c${index}\nselect ${index}\n\`\`\`\n`).join('');
    const text = `---\niwb-notebook: 1\n---\n${cells}`;
    expect(() => parseNotebook(text)).toThrow(NotebookFormatError);
    try {
      parseNotebook(text);
    } catch (error) {
      expect((error as NotebookFormatError).problem).toMatchObject({ code: 'too-many-cells', line: 4 + 3 * MAX_NOTEBOOK_CELLS });
    }
    const allowed = `---\niwb-notebook: 1\n---\n${cells.split('```sql').slice(0, MAX_NOTEBOOK_CELLS + 1).join('```sql')}`;
    expect(parseNotebook(allowed).document.cells).toHaveLength(MAX_NOTEBOOK_CELLS);
  });
});
