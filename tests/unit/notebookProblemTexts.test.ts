import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkNotebook } from '../../src-shared/domain/notebook/notebookCheck';
import { NotebookFormatError, describeProblem, type NotebookProblem } from '../../src-shared/domain/notebook/notebookProblem';
import { isNotebookProblemCode, notebookProblemPlaceholders } from '../../src-shared/domain/notebook/notebookProblemTexts';
import { decodeNotebookBytes } from '../../src-shared/domain/notebook/notebookSource';
import { parseNotebook } from '../../src-shared/domain/notebook/notebookText';

const NOTEBOOK_DOMAIN = join(__dirname, '../../src-shared/domain/notebook');

/** The end of a call that starts at `open` (the index of its `(`), strings skipped. */
function callEnd(source: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let index = open; index < source.length; index++) {
    const char = source[index]!;
    if (quote) {
      if (char === '\\') index += 1;
      else if (char === quote) quote = null;
    } else if (char === "'" || char === '"' || char === '`') quote = char;
    else if (char === '(') depth += 1;
    else if (char === ')' && --depth === 0) return index;
  }
  return source.length;
}

/**
 * The problem codes the notebook modules write: the code literal of every
 * `problem(severity, line, 'code', …)`, `fail(line, 'code', …)`,
 * `new CellDecodeError(line, 'code', …)` and `fields.fail('key', 'code', …)`.
 */
function codesUsedInSource(): { file: string; code: string }[] {
  const found: { file: string; code: string }[] = [];
  for (const file of readdirSync(NOTEBOOK_DOMAIN).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))) {
    const source = readFileSync(join(NOTEBOOK_DOMAIN, file), 'utf8');
    for (const match of source.matchAll(/(\.fail|\bfail|\bproblem|\bCellDecodeError)\(/g)) {
      if (/function\s+$/.test(source.slice(Math.max(0, match.index - 12), match.index)) || /^\s*fail\(key: string/.test(source.slice(match.index))) continue;
      const open = match.index + match[0].length - 1;
      const literals = [...source.slice(open, callEnd(source, open)).matchAll(/'([a-z][a-z0-9-]*)'/g)].map((item) => item[1]!);
      const code = match[1] === 'problem' ? literals.find((text) => text !== 'error' && text !== 'warning') : match[1] === '.fail' ? literals[1] : literals[0];
      if (code !== undefined) found.push({ file, code });
    }
  }
  return found;
}

/** Notebooks that each go wrong in one way, between them reaching most codes. */
const BROKEN = [
  'a\u0000b',
  '',
  'iwb-notebook: 1\n',
  '---\nnot a header line\n---\n',
  '---\niwb-notebook: 1\ntitle: {"a":\n---\n',
  '---\niwb-notebook: 1\niwb-notebook: 1\n---\n',
  '---\niwb-notebook: 1\n',
  '---\niwb-notebook: 1\n---\nloose text\n',
  '---\niwb-notebook: 1\n---\n\n```sql a\nselect 1\n',
  '---\niwb-notebook: 1\n---\n\n``` sql\nselect 1\n```\n',
  '---\niwb-notebook: 1\n---\n\n```sql a {oops\nselect 1\n```\n',
  '---\niwb-notebook: 1\n---\n\n```sql a [1]\nselect 1\n```\n',
  '---\ntitle: x\n---\n',
  '---\niwb-notebook: one\n---\n',
];

const CHECKED = `---
iwb-notebook: 2
---

\`\`\`sql a
select * from later where x = getvariable('nope')
\`\`\`

\`\`\`sql later
select 1
\`\`\`

\`\`\`sql A
select 2
\`\`\`

\`\`\`sql empty
\`\`\`

\`\`\`sql 1bad
select 1
\`\`\`

\`\`\`sql settings
SET threads = 2
\`\`\`

\`\`\`chart
kind: bar
source: nowhere
x: x
y: y
\`\`\`

\`\`\`parameter p
control: slider
value: 30
min: 40
max: 10
step: 0
\`\`\`

\`\`\`parameter q
control: select
value: 3
options: [1, 2]
\`\`\`

\`\`\`parameter d
control: date
value: 2024-01-01
options: [2024]
\`\`\`

\`\`\`parameter s
control: slider
value: 1
\`\`\`

\`\`\`gantt
a: 1
\`\`\`

\`\`\`markdown named
text
\`\`\`

\`\`\`parameter
control: slider
\`\`\`

\`\`\`parameter r
control: knob
value: 1
\`\`\`

\`\`\`chart
kind: bar
source: a
x: x
y: []
\`\`\`

\`\`\`target
method: latest
\`\`\`

\`\`\`parameter t
control: number
value: 1
value: 2
\`\`\`

\`\`\`parameter u
control: number
value: {"a"
\`\`\`

\`\`\`parameter v
not a field
\`\`\`
`;

function problemsOf(text: string): NotebookProblem[] {
  try {
    return checkNotebook(parseNotebook(decodeNotebookBytes(new TextEncoder().encode(text))));
  } catch (error) {
    if (!(error instanceof NotebookFormatError)) throw error;
    return [error.problem];
  }
}

describe('notebook problem texts', () => {
  it('gives every code the same placeholders in Chinese and English', () => {
    const placeholders = Object.entries(notebookProblemPlaceholders());
    expect(placeholders.length).toBeGreaterThan(50);
    for (const [code, names] of placeholders) expect(names.zh, code).toEqual(names.en);
  });

  it('has an entry for every problem code the notebook modules write', () => {
    const used = codesUsedInSource();
    // The scan finds the calls (so a new code without an entry fails here as well as in the typecheck).
    expect(new Set(used.map((item) => item.code)).size).toBeGreaterThan(50);
    expect(used.filter((item) => !isNotebookProblemCode(item.code))).toEqual([]);
  });

  it('fills every placeholder of the problems broken notebooks have, in both languages', () => {
    const problems = [...BROKEN, CHECKED].flatMap(problemsOf);
    const codes = new Set(problems.map((item) => item.code));
    expect(codes.size).toBeGreaterThan(25);
    for (const item of problems) {
      for (const language of ['en', 'zh'] as const) expect(describeProblem(item, language), `${item.code} (${language})`).not.toMatch(/\{\w+\}/);
      expect(item.message).toBe(describeProblem({ ...item, line: null }, 'en'));
    }
    const chinese = problems.map((item) => describeProblem(item, 'zh'));
    expect(chinese).toContain('第 13 行：名称“A”已被第 5 行的单元格使用');
    expect(chinese).toContain('第 35 行：参数“p”：最小值 40 大于最大值 10');
    expect(chinese).toContain('第 17 行：SQL 单元格“empty”没有 SQL');
    expect(chinese).toContain('第 100 行：应写成 `名称: 值`，实际是“not a field”');
  });
});
