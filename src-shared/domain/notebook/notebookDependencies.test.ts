import { describe, expect, it } from 'vitest';
import type { CellId, NotebookDocument } from './NotebookDocument';
import { analyzeNotebook, cellInputKey, cellStatuses, chartSourceCell, downstreamOf, isChartedCell, parameterValues, type CellRunRecord } from './notebookDependencies';
import { parseNotebook } from './notebookText';

const TEXT = `---
iwb-notebook: 1
---

\`\`\`parameter year
control: number
value: 2023
\`\`\`

\`\`\`parameter region
control: select
value: 慈溪
options: ["慈溪", "宁波"]
\`\`\`

\`\`\`sql base
select * from observations where region = getvariable('region')
\`\`\`

\`\`\`sql latest
select * from Base where year = getvariable('year')
\`\`\`

\`\`\`sql
create or replace temp table scratch as select 1 as one
\`\`\`

\`\`\`sql total
select sum(one) from scratch, latest
\`\`\`

\`\`\`chart
kind: line
source: latest
x: year
y: value
\`\`\`

\`\`\`markdown
latest is mentioned here but markdown reads nothing
\`\`\`
`;

const { document } = parseNotebook(TEXT);
const id = (index: number) => document.cells[index]!.id;

describe('analyzeNotebook', () => {
  const graph = analyzeNotebook(document);

  it('links cells to the earlier cells and parameters they mention', () => {
    expect(graph.cells.get(id(2))).toMatchObject({ defines: ['base'], readsCells: [], readsParameters: ['region'] });
    expect(graph.cells.get(id(3))).toMatchObject({ defines: ['latest'], readsCells: [id(2)], readsParameters: ['year'] });
    expect(graph.cells.get(id(4))).toMatchObject({ defines: ['scratch'], readsCells: [] });
    expect(graph.cells.get(id(5))).toMatchObject({ readsCells: [id(3), id(4)] });
    expect(graph.cells.get(id(6))).toMatchObject({ readsCells: [id(3)] });
    expect(graph.cells.get(id(7))).toMatchObject({ readsCells: [], readsParameters: [] });
  });

  it('reports names defined only further down and variables with no parameter', () => {
    const { document: broken } = parseNotebook(
      "---\niwb-notebook: 1\n---\n\n```sql a\nselect * from b where x = getvariable('nope')\n```\n\n```sql b\nselect 1\n```\n",
    );
    const links = analyzeNotebook(broken).cells.get(broken.cells[0]!.id)!;
    expect(links.laterNames).toEqual([{ name: 'b', definedBy: broken.cells[1]!.id }]);
    expect(links.unknownVariables).toEqual(['nope']);
  });

  it('knows which cells a chart draws: the cell its source names, nothing upstream of it', () => {
    expect(document.cells.map((_cell, index) => isChartedCell(document, id(index)))).toEqual([false, false, false, true, false, false, false, false]);
  });

  it('draws a chart from the nearest cell above with its source name, as iwb run does', () => {
    const { document: named } = parseNotebook(
      '---\niwb-notebook: 1\n---\n\n```sql 数据\nselect 1 as v\n```\n\n```sql 数据\nselect 2 as v\n```\n\n```chart\nkind: bar\nsource: 数据\nx: v\ny: v\n```\n\n' +
        '```sql later\nselect 3 as v\n```\n\n```chart\nkind: bar\nsource: LATER\nx: v\ny: v\n```\n\n```chart\nkind: bar\nsource: below\nx: v\ny: v\n```\n\n```sql below\nselect 4 as v\n```\n',
    );
    const cells = named.cells;
    // The second 数据, not the first; a name in another case; a source defined only below the chart draws nothing.
    expect([2, 4, 5].map((index) => chartSourceCell(named, cells[index]!.id)?.id ?? null)).toEqual([cells[1]!.id, cells[3]!.id, null]);
    expect(chartSourceCell(named, cells[0]!.id)).toBeNull();
  });

  it('finds everything downstream of a parameter or a cell, in notebook order', () => {
    expect(downstreamOf(graph, { parameters: ['year'] })).toEqual([id(3), id(5), id(6)]);
    expect(downstreamOf(graph, { parameters: ['region'] })).toEqual([id(2), id(3), id(5), id(6)]);
    expect(downstreamOf(graph, { cells: [id(4)] })).toEqual([id(5)]);
  });
});

describe('cellStatuses', () => {
  function runAll(doc: NotebookDocument, graph = analyzeNotebook(doc)): Map<CellId, CellRunRecord> {
    const records = new Map<CellId, CellRunRecord>();
    const values = parameterValues(doc);
    for (const cell of doc.cells) {
      if (cell.kind !== 'sql' && cell.kind !== 'target') continue;
      records.set(cell.id, { inputKey: cellInputKey(cell, graph, values, records), outputVersion: 1 });
    }
    return records;
  }

  it('is idle before a run and fresh after it', () => {
    const graph = analyzeNotebook(document);
    expect(cellStatuses(document, graph, parameterValues(document), new Map()).get(id(3))).toBe('idle');
    const statuses = cellStatuses(document, graph, parameterValues(document), runAll(document));
    expect([...statuses.values()].every((status) => status === 'fresh')).toBe(true);
  });

  it('marks the readers of a changed parameter stale, and their readers, but nothing else', () => {
    const records = runAll(document);
    const changed: NotebookDocument = {
      ...document,
      cells: document.cells.map((cell) => (cell.kind === 'parameter' && cell.name === 'year' ? { ...cell, value: 2024 } : cell)),
    };
    const statuses = cellStatuses(changed, analyzeNotebook(changed), parameterValues(changed), records);
    expect([id(2), id(3), id(4), id(5), id(6)].map((cell) => statuses.get(cell))).toEqual(['fresh', 'stale', 'fresh', 'stale', 'stale']);
  });

  it('marks an edited cell stale, and readers of a cell that ran again', () => {
    const records = runAll(document);
    const edited: NotebookDocument = {
      ...document,
      cells: document.cells.map((cell, index) => (index === 4 && cell.kind === 'sql' ? { ...cell, sql: cell.sql + ' -- edited' } : cell)),
    };
    const graph = analyzeNotebook(edited);
    expect(cellStatuses(edited, graph, parameterValues(edited), records).get(id(4))).toBe('stale');
    records.set(id(4), { inputKey: cellInputKey(edited.cells[4]!, graph, parameterValues(edited), records), outputVersion: 2 });
    const statuses = cellStatuses(edited, graph, parameterValues(edited), records);
    expect([statuses.get(id(4)), statuses.get(id(5))]).toEqual(['fresh', 'stale']);
  });
});
