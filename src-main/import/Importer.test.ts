import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunImportRequest } from '@shared/contract/workbenchContract';
import { localizedMessage } from '@shared/contract/errorTexts';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { statisticalTable, tableToMap, textTableRows, writeCsv, writeHeaderUnitWorkbook, writeHugeCellCsv, writeMalformedFiles, writeStatisticalWorkbook } from '../../tests/fixtures/importFixtures';
import { importTestBench } from './testing/importTestBench';

const bench = importTestBench();
const { files, upload, importId, rows, failure, tableNames } = bench;

describe('statistical workbook', () => {
  it('finds the table under the title and unit line, reads the two-row header and cleans text numbers', async () => {
    const sourceId = await upload(writeStatisticalWorkbook(files));
    const preview = await bench.workbench.client.import.preview({ sourceId });
    expect(preview.settings.sheet).toBe('主要指标');
    expect(preview.sheets.map((sheet) => [sheet.name, sheet.hasData])).toEqual([['说明', false], ['主要指标', true]]);
    expect(preview.layout).toMatchObject({ headerTop: 2, headerRows: 2, dataTop: 4, unit: '亿元' });
    expect(preview.columns.map((column) => column.name)).toEqual(['指标', '年份_2019年', '年份_2020', '年份_2021年度', '年份_2022年', '年份_2023']);
    expect(preview.columns.map((column) => column.type)).toEqual(['VARCHAR', 'DOUBLE', 'DOUBLE', 'DOUBLE', 'DOUBLE', 'BIGINT']);
    expect(preview.columns.slice(1).every((column) => column.cleaned)).toBe(true);
    expect(preview.unpivot?.yearColumns.map((column) => column.year)).toEqual(statisticalTable.years);

    const outcome = await bench.workbench.client.import.run({ importId: importId(), sourceId, table: '主要指标_宽表' });
    expect(outcome.rowCount).toBe(statisticalTable.indicators.length);
    expect(outcome.provenance).toMatchObject({ tableName: '主要指标_宽表', fileName: 'statistical.xlsx', sheet: '主要指标', range: 'A3:F7', format: 'xlsx' });
    expect(outcome.provenance.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    const imported = await rows(`SELECT * FROM "主要指标_宽表"`);
    const names = preview.columns.map((column) => column.name);
    statisticalTable.indicators.forEach((indicator, row) => {
      expect(imported[row]![names[0]!]).toBe(indicator.name);
      indicator.values.forEach((value, column) => {
        // BIGINT columns arrive as JSON strings from the engine.
        const cell = imported[row]![names[column + 1]!];
        expect(cell === null ? null : Number(cell), `${indicator.name} ${statisticalTable.years[column]}`).toBe(value);
      });
    });
  });

  it('takes the header rows the user sets instead of the detected ones', async () => {
    const sourceId = await upload(writeStatisticalWorkbook(files, 'override.xlsx'));
    const preview = await bench.workbench.client.import.preview({ sourceId, settings: { layout: { headerTop: 3, headerRows: 1 } } });
    expect(preview.columns.map((column) => column.name)).toEqual(['指标', '2019年', '2020', '2021年度', '2022年', '2023']);
    expect(preview.rowCount).toBe(statisticalTable.indicators.length);
  });

  it('unpivots years into long rows with the unit line as unit', async () => {
    const sourceId = await upload(writeStatisticalWorkbook(files, 'long.xlsx'));
    const preview = await bench.workbench.client.import.preview({ sourceId });
    const plan = preview.unpivot!;
    const outcome = await bench.workbench.client.import.run({
      importId: importId(),
      sourceId,
      table: '主要指标_长表',
      unpivot: { ...plan, indicatorColumn: plan.indicatorColumn!, destination: 'table' },
    });
    const expected = statisticalTable.indicators.flatMap((indicator) =>
      statisticalTable.years.flatMap((year, index) => (indicator.values[index] === null ? [] : [{ indicator: indicator.name, year, value: indicator.values[index], unit: '亿元' }])),
    );
    expect(outcome.rowCount).toBe(expected.length);
    const imported = await rows(`SELECT indicator, year, value, unit FROM "主要指标_长表" ORDER BY indicator, year`);
    const sorted = [...expected].sort((a, b) => (a.indicator < b.indicator ? -1 : a.indicator > b.indicator ? 1 : a.year - b.year));
    expect(imported).toEqual(sorted);
    // Appended again, the long rows' names (indicator, year, value, unit) are the table's: the plan lets them through.
    const again = await bench.workbench.client.import.run({
      importId: importId(),
      sourceId,
      table: '主要指标_长表',
      mode: 'append',
      unpivot: { ...plan, indicatorColumn: plan.indicatorColumn!, destination: 'table' },
    });
    expect(again.rowCount).toBe(expected.length);
    expect(await rows(`SELECT count(*)::INTEGER AS n FROM "主要指标_长表"`)).toEqual([{ n: 2 * expected.length }]);
  });

  it('takes the unit from a header like 金额（亿元）', async () => {
    const fixture = writeHeaderUnitWorkbook(files);
    const sourceId = await upload(fixture.path);
    const preview = await bench.workbench.client.import.preview({ sourceId });
    const plan = preview.unpivot!;
    expect(plan.yearColumns.map((column) => [column.year, column.measure, column.unit])).toEqual(fixture.years.map((year) => [year, '金额', '亿元']));
    await bench.workbench.client.import.run({ importId: importId(), sourceId, table: 'header_unit', unpivot: { ...plan, indicatorColumn: plan.indicatorColumn!, destination: 'table' } });
    const imported = await rows(`SELECT indicator, year, value, unit FROM header_unit ORDER BY indicator, year`);
    expect(imported).toContainEqual({ indicator: '科技经费 - 金额', year: 2022, value: 2.25, unit: '亿元' });
    expect(imported).toHaveLength(6);
  });

  it('reads the same layout from an old .xls workbook', async () => {
    const sourceId = await upload(writeStatisticalWorkbook(files, 'old.xls'));
    const preview = await bench.workbench.client.import.preview({ sourceId });
    expect(preview.source.format).toBe('xls');
    const outcome = await bench.workbench.client.import.run({ importId: importId(), sourceId, table: 'old_xls' });
    expect(outcome.rowCount).toBe(3);
    expect(await rows(`SELECT "年份_2020" AS v FROM old_xls WHERE "指标" = 'R&D经费支出'`)).toEqual([{ v: 50.1 }]);
  });

  it('reads numbers shown with a percent format in percentage points', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([['指标', '增速'], ['研发投入', 0.064], ['专利', -0.015]]);
    sheet['B2']!.z = '0.00%';
    sheet['B3']!.z = '0.0%';
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Sheet1');
    const path = join(files, 'percent.xlsx');
    writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const sourceId = await upload(path);
    const preview = await bench.workbench.client.import.preview({ sourceId });
    expect(preview.columns[1]).toMatchObject({ type: 'DOUBLE', percent: true });
    await bench.workbench.client.import.run({ importId: importId(), sourceId, table: 'percent' });
    expect(await rows(`SELECT * FROM percent`)).toEqual([
      { 指标: '研发投入', 增速: 6.4 },
      { 指标: '专利', 增速: -1.5 },
    ]);
  });
});

describe('text files', () => {
  for (const encoding of ['utf-8', 'utf-8-bom', 'gb18030', 'utf-16le', 'utf-16be'] as const) {
    it(`imports a ${encoding} CSV with Chinese and four-byte characters exactly`, async () => {
      const sourceId = await upload(writeCsv(files, `text-${encoding}.csv`, encoding));
      const preview = await bench.workbench.client.import.preview({ sourceId });
      expect(preview.settings.encoding).toBe(encoding === 'utf-8-bom' ? 'utf-8' : encoding);
      expect(preview.decodeIssues).toBeNull();
      const table = `csv_${encoding.replaceAll('-', '_')}`;
      const outcome = await bench.workbench.client.import.run({ importId: importId(), sourceId, table });
      expect(outcome.provenance.encoding).toBe(preview.settings.encoding);
      const imported = await rows(`SELECT * FROM ${table}`);
      const [header, ...data] = textTableRows;
      expect(Object.keys(imported[0]!)).toEqual(header);
      data.forEach((row, index) => {
        expect(imported[index]!['地区']).toBe(row[0]);
        expect(imported[index]!['名称']).toBe(row[1]);
        expect(imported[index]!['数值']).toBe(Number(row[2]));
        expect(imported[index]!['备注']).toBe(row[3] === '' ? null : row[3]);
      });
    });
  }

  it('cleans numbers written as text in a CSV inside DuckDB (separators, full-width digits, percent, missing markers)', async () => {
    const written = [['指标', '数值', '增速'], ['甲', '"1,234.5"', '6.40%'], ['乙', '１２３', '—'], ['丙', '/', '-1.5%']];
    const path = join(files, 'text-numbers.csv');
    writeFileSync(path, written.map((row) => row.join(',')).join('\n') + '\n');
    const sourceId = await upload(path);
    const preview = await bench.workbench.client.import.preview({ sourceId });
    expect(preview.columns.map((column) => [column.type, column.cleaned, column.percent])).toEqual([
      ['VARCHAR', false, false],
      ['DOUBLE', true, false],
      ['DOUBLE', true, true],
    ]);
    await bench.workbench.client.import.run({ importId: importId(), sourceId, table: 'text_numbers' });
    expect(await rows(`SELECT * FROM text_numbers`)).toEqual([
      { 指标: '甲', 数值: 1234.5, 增速: 6.4 },
      { 指标: '乙', 数值: 123, 增速: null },
      { 指标: '丙', 数值: null, 增速: -1.5 },
    ]);
  });

  it('reads accounting negatives, a leading ¥ and the minus sign in DuckDB as the preview typed them', async () => {
    // The preview (parseNumberText) calls these numbers; DuckDB's cleaning must read them too, not fail the import.
    const written = [['指标', '数值'], ['甲', '"(1,200)"'], ['乙', '（35）'], ['丙', '¥12'], ['丁', '−5'], ['戊', '"¥ 1,000.5"']];
    const path = join(files, 'text-negatives.csv');
    writeFileSync(path, written.map((row) => row.join(',')).join('\n') + '\n');
    const sourceId = await upload(path);
    const preview = await bench.workbench.client.import.preview({ sourceId });
    expect(preview.columns.map((column) => [column.type, column.cleaned])).toEqual([
      ['VARCHAR', false],
      ['DOUBLE', true],
    ]);
    await bench.workbench.client.import.run({ importId: importId(), sourceId, table: 'text_negatives' });
    expect((await rows(`SELECT 数值 FROM text_negatives`)).map((row) => row['数值'])).toEqual([-1200, -35, 12, -5, 1000.5]);
  });

  it('reads cells of spaces as empty and dates written 2024年1月31日, in the previewed rows and past them', async () => {
    // The preview infers types from the first 256 KB; the same forms further down are retried with that column cleaned.
    const head = ['名称,数值,日期,时间,启用', '甲,1,2024年1月31日,2024-01-31 08:30,true', '乙, ,2024/2/1,2024年2月1日, ', '丙,3, , ,FALSE '];
    const plain = Array.from({ length: 8_000 }, (_, index) => `企业${index},${index},2024-03-01,2024-03-01 09:00,false`);
    for (const [name, lines] of [['forms-head', [...head, ...plain]], ['forms-tail', [head[0]!, ...plain, ...head.slice(1)]]] as const) {
      const path = join(files, `${name}.csv`);
      writeFileSync(path, lines.join('\n') + '\n');
      const sourceId = await upload(path);
      const preview = await bench.workbench.client.import.preview({ sourceId });
      expect(preview.columns.map((column) => column.type), name).toEqual(['VARCHAR', 'BIGINT', 'DATE', 'TIMESTAMP', 'BOOLEAN']);
      const table = name.replace('-', '_');
      await bench.workbench.client.import.run({ importId: importId(), sourceId, table });
      expect(await rows(`SELECT 数值, 日期::VARCHAR AS 日期, 时间::VARCHAR AS 时间, 启用 FROM ${table} WHERE 名称 IN ('甲', '乙', '丙') ORDER BY 数值 NULLS FIRST`), name).toEqual([
        { 数值: null, 日期: '2024-02-01', 时间: '2024-02-01 00:00:00', 启用: null },
        { 数值: '1', 日期: '2024-01-31', 时间: '2024-01-31 08:30:00', 启用: true },
        { 数值: '3', 日期: null, 时间: null, 启用: false },
      ]);
    }
  });

  it('names the column by its header, and the value, when a cell past the previewed rows does not fit its type', async () => {
    const lines = ['名称,2021年', ...Array.from({ length: 30_000 }, (_, index) => `企业${index},${index}`), '企业x,12亿'];
    const path = join(files, 'late-text.csv');
    writeFileSync(path, lines.join('\n') + '\n');
    const sourceId = await upload(path);
    const error = await failure(bench.workbench.client.import.run({ importId: importId(), sourceId, table: 'late_text' }));
    expect(error.message).toContain('Error when converting column "2021年"');
    expect(error.message).toContain('Column "2021年" has "12亿", which is not a whole number');
    expect(localizedMessage(error, 'zh')).toContain('问题在文件的第 30002 行。列“2021年”中的“12亿”不是整数：请改正该单元格，或在预览中把该列改为文本（VARCHAR）。');
    expect(error.message).not.toContain('"c1"');
  });

  it('says a quote is never closed, where DuckDB only says the line', async () => {
    const path = join(files, 'open-quote.csv');
    writeFileSync(path, '名称,说明\n甲,"未闭合\n乙,正常\n');
    const sourceId = await upload(path);
    // The preview says so first.
    expect((await bench.workbench.client.import.preview({ sourceId })).warnings[0]?.zh).toBe('第 2 行有一个 " 没有闭合，文件其余部分都被读成了一个单元格；导入会在这一行停止。请补上引号（单元格内的引号写成 ""）。');
    const error = await failure(bench.workbench.client.import.run({ importId: importId(), sourceId, table: 'open_quote' }));
    expect(localizedMessage(error, 'zh')).toContain('问题在文件的第 2 行。有一个引号没有闭合');
    expect(error.message).toContain('A quoted cell is never closed');
  });

  for (const [label, rowCount] of [['small', 3], ['larger than the 256 KB sample', 20_000]] as const) {
    for (const encoding of ['utf-8', 'gb18030'] as const) {
      it(`stops before footnotes under a ${label} ${encoding} CSV table, and keeps a last row that only looks like one`, async () => {
        const data = Array.from({ length: rowCount }, (_, index) => `企业${index},${index * 1.5},备注${index}`);
        // The last data row starts like a footnote marker (*) but fills every column: it is data.
        const text = ['名称,数值,说明', ...data, '*ST样例,9.5,最后一行', ',,', '注：数值为虚构。,,', '资料来源：测试生成。'].join('\r\n') + '\r\n';
        const path = join(files, `notes-${rowCount}-${encoding}.csv`);
        writeFileSync(path, encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'gb18030'));
        const sourceId = await upload(path, 64 * 1024);
        const table = `notes_${rowCount}_${encoding.replace('-', '_')}`;
        const outcome = await bench.workbench.client.import.run({ importId: importId(), sourceId, table });
        expect(outcome.rowCount).toBe(rowCount + 1);
        expect(await rows(`SELECT * FROM ${table} ORDER BY 数值 DESC LIMIT 1 OFFSET 0`)).toEqual([
          rowCount > 7 ? { 名称: `企业${rowCount - 1}`, 数值: (rowCount - 1) * 1.5, 说明: `备注${rowCount - 1}` } : { 名称: '*ST样例', 数值: 9.5, 说明: '最后一行' },
        ]);
        expect(await rows(`SELECT count(*)::INTEGER AS n FROM ${table} WHERE 名称 LIKE '注%' OR 名称 LIKE '资料来源%'`)).toEqual([{ n: 0 }]);
        expect(await rows(`SELECT 数值 FROM ${table} WHERE 名称 = '*ST样例'`)).toEqual([{ 数值: 9.5 }]);
        // The user's file is untouched.
        expect(readFileSync(path).length).toBe(encoding === 'utf-8' ? Buffer.byteLength(text) : iconv.encode(text, 'gb18030').length);
      });
    }
  }

  it('estimates the row count of a file larger than its sample from the whole sample', async () => {
    const path = join(files, 'estimate.csv');
    writeFileSync(path, iconv.encode(['名称,数值', ...Array.from({ length: 100_000 }, (_, index) => `企业${index},${index}`)].join('\n') + '\n', 'gb18030'));
    const preview = await bench.workbench.client.import.preview({ sourceId: await upload(path, 1 << 20) });
    expect(preview.rowCountExact).toBe(false);
    expect(Math.abs(preview.rowCount! - 100_001) / 100_001).toBeLessThan(0.1);
  });

  it('warns in the preview of a row with another field count, numbered as the import error will number it', async () => {
    const path = join(files, 'ragged-preview.csv');
    writeFileSync(path, ['名称,数值,说明', '甲,1,a', '乙,2', '丙,3,c', '丁,4,d,多', '', '戊,5,e'].join('\n') + '\n');
    const sourceId = await upload(path);
    const preview = await bench.workbench.client.import.preview({ sourceId });
    expect(preview.warnings).toEqual([
      {
        en: 'Row 3 has 2 fields where the table has 3 (and 1 more such rows in the preview); the import will stop at that row. Check its quoting and delimiter.',
        zh: '第 3 行有 2 个字段，而表格有 3 列（预览中另有 1 行如此）；导入会在这一行停止。请检查该行的引号和分隔符。',
      },
    ]);
    const error = await failure(bench.workbench.client.import.run({ importId: importId(), sourceId, table: 'ragged_preview' }));
    expect(error.message).toContain('CSV Error on Line: 3');
    // A row of empty fields is not an empty line: DuckDB stops on it too.
    const commas = join(files, 'ragged-commas.csv');
    writeFileSync(commas, 'a,b,c\n1,2,3\n,\n4,5,6\n');
    const warned = await bench.workbench.client.import.preview({ sourceId: await upload(commas) });
    expect(warned.warnings.map((warning) => warning.en.slice(0, 21))).toEqual(['Row 3 has 2 fields wh']);
  });

  it('imports a tab-separated file', async () => {
    const sourceId = await upload(writeCsv(files, 'tabbed.tsv', 'utf-8', textTableRows, '\t'));
    const preview = await bench.workbench.client.import.preview({ sourceId });
    expect(preview.settings.delimiter).toBe('\t');
    await bench.workbench.client.import.run({ importId: importId(), sourceId, table: 'tabbed' });
    expect(await rows(`SELECT count(*)::INTEGER AS n FROM tabbed`)).toEqual([{ n: 3 }]);
  });

  it('shows mojibake in the preview when the wrong encoding is chosen', async () => {
    const sourceId = await upload(writeCsv(files, 'gb.csv', 'gb18030'));
    const preview = await bench.workbench.client.import.preview({ sourceId, settings: { encoding: 'utf-8' } });
    expect(preview.decodeIssues?.count).toBeGreaterThan(0);
    expect(preview.decodeIssues?.line).toBe(1);
  });

  it('imports a 50 MB single cell whole', async () => {
    const huge = writeHugeCellCsv(files, 50);
    const sourceId = await upload(huge.path, 16 * 1024 * 1024);
    await bench.workbench.client.import.run({ importId: importId(), sourceId, table: 'huge_cell' });
    expect(await rows(`SELECT id::INTEGER AS id, length(text)::INTEGER AS n FROM huge_cell ORDER BY id`)).toEqual([
      { id: 1, n: huge.length },
      { id: 2, n: 5 },
    ]);
  }, 60_000);
});

describe('files DuckDB reads', () => {
  const sql = (text: string) => bench.workbench.engine.call('exec', { sql: text });
  const literal = (path: string) => `'${path.replaceAll("'", "''")}'`;

  it('imports Parquet, JSON and NDJSON with names and types', async () => {
    const source = `SELECT i AS id, '名称' || i AS 名称, i * 1.25 AS 金额 FROM range(5) t(i)`;
    const parquet = join(files, 'data.parquet');
    const ndjson = join(files, 'data.ndjson');
    const json = join(files, 'data.json');
    await sql(`COPY (${source}) TO ${literal(parquet)} (FORMAT parquet)`);
    await sql(`COPY (${source}) TO ${literal(ndjson)} (FORMAT json)`);
    await sql(`COPY (${source}) TO ${literal(json)} (FORMAT json, ARRAY true)`);
    const expected = Array.from({ length: 5 }, (_, i) => ({ id: i, 名称: `名称${i}`, 金额: i * 1.25 }));
    for (const [path, table, format] of [[parquet, 'from_parquet', 'parquet'], [ndjson, 'from_ndjson', 'json'], [json, 'from_json', 'json']] as const) {
      const sourceId = await upload(path);
      const preview = await bench.workbench.client.import.preview({ sourceId });
      expect(preview.source.format, path).toBe(format);
      expect(preview.rowCount).toBe(5);
      const columns = preview.columns.map((column) => (column.name === '名称' ? { ...column, name: '企业名称' } : column));
      const outcome = await bench.workbench.client.import.run({ importId: importId(), sourceId, table, columns });
      expect(outcome.rowCount).toBe(5);
      const imported = await rows(`SELECT id::INTEGER AS id, 企业名称 AS 名称, 金额::DOUBLE AS 金额 FROM ${table} ORDER BY id`);
      expect(imported, path).toEqual(expected);
    }
  });

  it('copies tables from a DuckDB file, with provenance', async () => {
    const path = join(files, 'other.duckdb');
    await sql(`ATTACH ${literal(path)} AS other_db`);
    await sql(`CREATE TABLE other_db.指标表 AS SELECT i AS year, i * 2 AS value FROM range(2019, 2024) t(i)`);
    await sql(`DETACH other_db`);
    const sourceId = await upload(path);
    const preview = await bench.workbench.client.import.preview({ sourceId });
    expect(preview.source.format).toBe('duckdb');
    expect(preview.relations.map((relation) => relation.name)).toEqual(['指标表']);
    const outcome = await bench.workbench.client.import.run({ importId: importId(), sourceId, table: 'copied', duckdb: { mode: 'copy', relations: ['指标表'] } });
    expect(outcome.provenance).toMatchObject({ fileName: 'other.duckdb', format: 'duckdb', tableName: 'copied' });
    expect(await rows(`SELECT sum(value)::INTEGER AS total FROM copied`)).toEqual([{ total: 2 * (2019 + 2020 + 2021 + 2022 + 2023) }]);
    expect(await rows(`SELECT count(*)::INTEGER AS n FROM duckdb_databases() WHERE database_name LIKE 'iwb_source_%'`)).toEqual([{ n: 0 }]);
  });
});

describe('safety', () => {
  it('gives a clear error for each malformed file and leaves the workspace unchanged', async () => {
    const before = await tableNames();
    const provenanceBefore = await rows(`SELECT count(*)::INTEGER AS n FROM import_provenance`);
    for (const file of writeMalformedFiles(files)) {
      const error = await failure(
        (async () => {
          const sourceId = await upload(file.path);
          const id = importId();
          await bench.workbench.client.import.run({ importId: id, sourceId, table: `bad_${id}` });
        })(),
      );
      expect(error.kind, file.name).toBe('user');
      for (const mention of file.mentions) expect(error.message, file.name).toContain(mention);
    }
    expect(await tableNames()).toEqual(before);
    expect(await rows(`SELECT count(*)::INTEGER AS n FROM import_provenance`)).toEqual(provenanceBefore);
  });

  it('names the line of bytes that are not valid in the chosen encoding', async () => {
    const path = join(files, 'bad-bytes.csv');
    writeFileSync(path, Buffer.concat([iconv.encode('名称,数值\n甲,1\n', 'gb18030'), Buffer.from([0x41, 0xff, 0xff, 0x2c, 0x32, 0x0a])]));
    const sourceId = await upload(path);
    const error = await failure(bench.workbench.client.import.run({ importId: importId(), sourceId, table: 'bad_bytes', settings: { encoding: 'gb18030' } }));
    expect(error.message).toContain('bad-bytes.csv: bytes that are not valid GB18030 on line 3 (byte offset 16)');
  });

  it('names the cell of a value that does not fit the chosen type', async () => {
    const sourceId = await upload(writeStatisticalWorkbook(files, 'typed.xlsx'));
    const preview = await bench.workbench.client.import.preview({ sourceId });
    const columns = preview.columns.map((column, index) => (index === 0 ? { ...column, type: 'DOUBLE' as const } : column));
    const error = await failure(bench.workbench.client.import.run({ importId: importId(), sourceId, table: 'typed', columns }));
    expect(error.message).toContain('sheet "主要指标", cell A5');
    expect(error.message).toContain('"高新技术产业投资" is not a number');
  });

  it('refuses to overwrite an existing table unless asked, and replaces atomically', async () => {
    const path = writeCsv(files, 'again.csv', 'utf-8');
    const first: RunImportRequest = { importId: importId(), sourceId: await upload(path), table: 'again', settings: {}, mode: 'create', unpivot: null };
    await bench.workbench.client.import.run(first);
    const error = await failure(bench.workbench.client.import.run({ ...first, importId: importId() }));
    expect(error.message).toContain('already exists');
    const ragged = await upload(writeMalformedFiles(files).find((file) => file.name === 'ragged.csv')!.path);
    await failure(bench.workbench.client.import.run({ importId: importId(), sourceId: ragged, table: 'again', mode: 'replace' }));
    expect(await rows(`SELECT count(*)::INTEGER AS n FROM again`)).toEqual([{ n: 3 }]);
    await bench.workbench.client.import.run({ ...first, importId: importId(), mode: 'append' });
    expect(await rows(`SELECT count(*)::INTEGER AS n FROM again`)).toEqual([{ n: 6 }]);
    const history = await bench.workbench.client.import.history({});
    expect(history.entries.filter((entry) => entry.tableName === 'again').map((entry) => entry.mode)).toEqual(['append', 'create']);
  });

  it('refuses column choices that point past the file\'s columns, before DuckDB sees them', async () => {
    const path = join(files, 'narrow.csv');
    writeFileSync(path, '名称,数值\n乙,1\n');
    const sourceId = await upload(path);
    const preview = await bench.workbench.client.import.preview({ sourceId });
    const columns = [...preview.columns, { ...preview.columns[1]!, name: '第三列', sourceIndex: 2 }];
    const error = await failure(bench.workbench.client.import.run({ importId: importId(), sourceId, table: 'narrow', columns }));
    expect(error.code).toBe('import-column-stale');
    expect(error.message).toBe('narrow.csv: the column "第三列" is chosen as column 3, but the file has 2 columns now; nothing was changed. Preview the file again and choose its columns.');
    expect(await tableNames()).not.toContain('narrow');
  });

  it('names the column the table lacks when appending a file with other columns', async () => {
    const base = join(files, 'base-columns.csv');
    writeFileSync(base, '名称,数值\n乙,1\n');
    await bench.workbench.client.import.run({ importId: importId(), sourceId: await upload(base), table: 'two_columns' });
    const path = join(files, 'other-columns.csv');
    writeFileSync(path, '名称,另一列\n甲,新列\n');
    const error = await failure(bench.workbench.client.import.run({ importId: importId(), sourceId: await upload(path), table: 'two_columns', mode: 'append' }));
    expect(error.code).toBe('import-append-column');
    expect(localizedMessage(error, 'zh')).toBe('other-columns.csv：表“two_columns”没有列“另一列”，无法追加；工作区未作任何改动。表中的列是：名称、数值。请在预览中把该列改名为其中之一、不导入该列，或导入为新表。');
    expect(await rows(`SELECT count(*)::INTEGER AS n FROM two_columns`)).toEqual([{ n: 1 }]);
    // Names compare as DuckDB resolves them (case aside); every lacking column is named at once.
    const wider = join(files, 'wider-columns.csv');
    writeFileSync(wider, 'A,名称,数值,B\n1,丙,2,3\n');
    const both = await failure(bench.workbench.client.import.run({ importId: importId(), sourceId: await upload(wider), table: 'TWO_COLUMNS', mode: 'append' }));
    expect(both.message).toBe('wider-columns.csv: the table "TWO_COLUMNS" has no column "A", "B" to append into; nothing was changed. The table\'s columns are 名称, 数值. Rename the column in the preview to one of them, leave it out, or import into a new table.');
    expect(await rows(`SELECT count(*)::INTEGER AS n FROM two_columns`)).toEqual([{ n: 1 }]);
  });

  it('runs two imports started together one after the other, both complete', async () => {
    const first = await upload(writeCsv(files, 'together-1.csv', 'gb18030'));
    const second = await upload(writeStatisticalWorkbook(files, 'together-2.xlsx'));
    const outcomes = await Promise.all([
      bench.workbench.client.import.run({ importId: importId(), sourceId: first, table: 'together_1' }),
      bench.workbench.client.import.run({ importId: importId(), sourceId: second, table: 'together_2' }),
    ]);
    expect(outcomes.map((outcome) => [outcome.table, outcome.rowCount])).toEqual([
      ['together_1', 3],
      ['together_2', 3],
    ]);
    expect(await rows(`SELECT (SELECT count(*) FROM together_1)::INTEGER AS a, (SELECT count(*) FROM together_2)::INTEGER AS b`)).toEqual([{ a: 3, b: 3 }]);
  });

  it('cancels a running import and leaves the workspace as it was', async () => {
    const path = join(files, 'big.csv');
    await bench.workbench.engine.call('exec', {
      sql: `COPY (SELECT i AS id, 'name ' || i AS name, i * 0.5 AS value FROM range(6000000) t(i)) TO '${path.replaceAll("'", "''")}' (HEADER)`,
    });
    const before = await tableNames();
    const provenanceBefore = await rows(`SELECT count(*)::INTEGER AS n FROM import_provenance`);
    const sourceId = await upload(path, 16 * 1024 * 1024);
    const id = importId();
    // The engine's first progress report for the import says DuckDB is loading it: a Cancel now has work to stop.
    const loading = new Promise<void>((resolve) => {
      const stop = bench.workbench.engine.onDidReportProgress((report) => {
        if (report.queryId !== (id as string)) return;
        stop();
        resolve();
      });
    });
    const running = failure(bench.workbench.client.import.run({ importId: id, sourceId, table: 'big_cancelled' }));
    await loading;
    expect(await bench.workbench.client.import.cancel({ importId: id })).toEqual({ cancelled: true });
    const error = await running;
    expect(error.kind).toBe('cancelled');
    expect(await tableNames()).toEqual(before);
    expect(await rows(`SELECT count(*)::INTEGER AS n FROM import_provenance`)).toEqual(provenanceBefore);
  }, 60_000);

  it('appends unpivoted rows to observations when every indicator and unit matches', async () => {
    const table = { ...statisticalTable, indicators: [{ name: '高新技术产业投资', values: [100.5, 110, null, 130.25, 140] }] };
    const sourceId = await upload(writeStatisticalWorkbook(files, 'to-observations.xlsx', table));
    const plan = (await bench.workbench.client.import.preview({ sourceId })).unpivot!;
    const outcome = await bench.workbench.client.import.run({
      importId: importId(),
      sourceId,
      unpivot: { ...plan, indicatorColumn: plan.indicatorColumn!, destination: 'observations' },
    });
    expect(outcome).toMatchObject({ table: 'user_observations', rowCount: 4 });
    expect(outcome.provenance.mode).toBe('observations');
    expect(
      await rows(`SELECT year, value, unit, origin FROM observations WHERE indicator_code = 'hightech_industry_investment' AND origin = 'user' ORDER BY year`),
    ).toEqual([
      { year: 2019, value: 100.5, unit: '亿元', origin: 'user' },
      { year: 2020, value: 110, unit: '亿元', origin: 'user' },
      { year: 2022, value: 130.25, unit: '亿元', origin: 'user' },
      { year: 2023, value: 140, unit: '亿元', origin: 'user' },
    ]);
    const again = await failure(
      bench.workbench.client.import.run({ importId: importId(), sourceId, unpivot: { ...plan, indicatorColumn: plan.indicatorColumn!, destination: 'observations' } }),
    );
    expect(again.message).toContain('Your own values already exist (or the file gives them twice) for: 高新技术产业投资 2019、高新技术产业投资 2020');
  });

  it('refuses figures an indicator cannot have, as the form and the grid do, and appends nothing', async () => {
    const table = { ...statisticalTable, unitLine: '单位：%', years: [2021, 2022, 2023], indicators: [{ name: '全社会R&D经费占GDP比重', values: [2.4, 150, 2.6] }] };
    const sourceId = await upload(writeStatisticalWorkbook(files, 'impossible.xlsx', table));
    const plan = (await bench.workbench.client.import.preview({ sourceId })).unpivot!;
    const error = await failure(
      bench.workbench.client.import.run({ importId: importId(), sourceId, unpivot: { ...plan, indicatorColumn: plan.indicatorColumn!, destination: 'observations' } }),
    );
    expect(error.message).toBe('Nothing was imported; these figures cannot be what their indicators measure: 全社会R&D经费占GDP比重: 150%: a share cannot be over 100%.');
    expect(await rows(`SELECT count(*)::INTEGER AS n FROM user_observations WHERE indicator_code = 'rd_gdp_ratio'`)).toEqual([{ n: 0 }]);
  });

  it('names the cell that is not a number, and refuses NaN and Infinity, appending nothing', async () => {
    const observationsBefore = await rows(`SELECT count(*)::INTEGER AS n FROM user_observations`);
    const run = async (name: string, text: string) => {
      const path = join(files, name);
      writeFileSync(path, text);
      const sourceId = await upload(path);
      const plan = (await bench.workbench.client.import.preview({ sourceId })).unpivot!;
      return failure(bench.workbench.client.import.run({ importId: importId(), sourceId, unpivot: { ...plan, indicatorColumn: plan.indicatorColumn!, destination: 'observations' } }));
    };
    // 1,2345 has its separator out of place: text to the preview, so text here too, not 12345.
    const unreadable = await run('unreadable.csv', '指标,单位,2021年,2022年,2023年,2024年\n高新技术产业投资,亿元,约12,—,12吨,"1,2345"\n');
    expect(unreadable.code).toBe('import-unreadable-values');
    expect(localizedMessage(unreadable, 'zh')).toBe(
      '未导入任何数据；以下单元格不是数字：高新技术产业投资 2021 年：“约12”；高新技术产业投资 2023 年：“12吨”；高新技术产业投资 2024 年：“1,2345”。请写成数字（如 3.5、1,200、12.5%），没有数值的写“—”或“空”。',
    );
    const notFinite = await run('not-finite.csv', '指标,单位,2015年,2016年,2017年\n高新技术产业投资,亿元,NaN,1e400,130\n');
    expect(notFinite.message).toBe(
      'Nothing was imported; these figures cannot be what their indicators measure: 高新技术产业投资 2015: NaN is not a finite number; 高新技术产业投资 2016: Infinity is not a finite number.',
    );
    expect(await rows(`SELECT count(*)::INTEGER AS n FROM user_observations`)).toEqual(observationsBefore);
  });

  it('reads a unit written in the cell (12亿, 3,500万元) as that value\'s unit, converts it, and keeps what was written', async () => {
    const path = join(files, 'cell-units.csv');
    writeFileSync(path, '指标,2015年,2016年,2017年,2018年\n高新技术产业投资（亿元）,12亿,"3,500万元",１５．５,¥1.2 亿元\n新认定高新技术企业,"1,200家",1 300 家,—,1400家\n');
    const sourceId = await upload(path);
    const preview = await bench.workbench.client.import.preview({ sourceId });
    // The mapping shows the unit the rows carry: the label's, or the cells' where the label states none.
    expect(preview.indicatorLabels).toEqual([
      { name: '高新技术产业投资', unit: '亿元', unitMissingYears: [] },
      { name: '新认定高新技术企业', unit: '家', unitMissingYears: [] },
    ]);
    const plan = preview.unpivot!;
    const id = importId();
    const outcome = await bench.workbench.client.import.run({ importId: id, sourceId, unpivot: { ...plan, indicatorColumn: plan.indicatorColumn!, destination: 'observations' } });
    expect(outcome.rowCount).toBe(7);
    expect(
      await rows(`SELECT year, value, unit, entered_value, entered_unit FROM user_observations WHERE indicator_code = 'hightech_industry_investment' AND note = 'import ${id}' ORDER BY year`),
    ).toEqual([
      { year: 2015, value: 12, unit: '亿元', entered_value: 12, entered_unit: '亿元' },
      { year: 2016, value: 0.35, unit: '亿元', entered_value: 3500, entered_unit: '万元' },
      { year: 2017, value: 15.5, unit: '亿元', entered_value: 15.5, entered_unit: '亿元' },
      { year: 2018, value: 1.2, unit: '亿元', entered_value: 1.2, entered_unit: '亿元' },
    ]);
    expect(
      await rows(`SELECT year, value, entered_unit FROM user_observations WHERE indicator_code = 'new_hightech_enterprises' AND note = 'import ${id}' ORDER BY year`),
    ).toEqual([
      { year: 2015, value: 1200, entered_unit: '家' },
      { year: 2016, value: 1300, entered_unit: '家' },
      { year: 2018, value: 1400, entered_unit: '家' },
    ]);
  });

  it('reads units in the text cells of a workbook whose other cells are numbers', async () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['指标', '2015年', '2016年', '2017年'], ['高新技术产业增加值（亿元）', 12.5, '3,500万元', '0.5亿']]), 'Sheet1');
    const path = join(files, 'cell-units.xlsx');
    writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const sourceId = await upload(path);
    const plan = (await bench.workbench.client.import.preview({ sourceId })).unpivot!;
    const id = importId();
    await bench.workbench.client.import.run({ importId: id, sourceId, unpivot: { ...plan, indicatorColumn: plan.indicatorColumn!, destination: 'observations' } });
    expect(await rows(`SELECT year, value, entered_value, entered_unit FROM user_observations WHERE note = 'import ${id}' ORDER BY year`)).toEqual([
      { year: 2015, value: 12.5, entered_value: 12.5, entered_unit: '亿元' },
      { year: 2016, value: 0.35, entered_value: 3500, entered_unit: '万元' },
      { year: 2017, value: 0.5, entered_value: 0.5, entered_unit: '亿元' },
    ]);
  });

  it('reads a cell unit past the first 256 KB of a CSV once its year column is set to text, and names its line before', async () => {
    // 40,000 rows of bare numbers, then 12亿: the preview types the column from its first 256 KB as numbers.
    const lines = ['指标,2015年', ...Array.from({ length: 40_000 }, (_, index) => `指标${index}（亿元）,${index}`), '高新技术产业投资,12亿'];
    const path = join(files, 'late-cell-unit.csv');
    writeFileSync(path, lines.join('\n') + '\n');
    const sourceId = await upload(path);
    const preview = await bench.workbench.client.import.preview({ sourceId });
    expect(preview.columns[1]!.type).toBe('BIGINT');
    const plan = preview.unpivot!;
    const unpivot = { ...plan, indicatorColumn: plan.indicatorColumn!, destination: 'table' as const };
    const refused = await failure(bench.workbench.client.import.run({ importId: importId(), sourceId, table: 'late_unit', unpivot }));
    expect(refused.message).toContain('"12亿"');
    expect(refused.message).toContain('40002');
    const columns = preview.columns.map((column, index) => (index === 1 ? { ...column, type: 'VARCHAR' as const, cleaned: false } : column));
    await bench.workbench.client.import.run({ importId: importId(), sourceId, table: 'late_unit', columns, unpivot });
    expect(await rows(`SELECT indicator, value, unit FROM late_unit WHERE indicator = '高新技术产业投资'`)).toEqual([{ indicator: '高新技术产业投资', value: 12, unit: '亿元' }]);
    expect(await rows(`SELECT count(*)::INTEGER AS n FROM late_unit`)).toEqual([{ n: 40_001 }]);
  }, 60_000);

  it('refuses to keep a column named like the long rows\' own, in the UI\'s words, instead of failing in DuckDB', async () => {
    const path = join(files, 'kept-name.csv');
    writeFileSync(path, '指标,Year,2021年,2022年\n高新技术产业投资（亿元）,甲,12,13\n');
    const sourceId = await upload(path);
    const plan = (await bench.workbench.client.import.preview({ sourceId })).unpivot!;
    expect(plan.keepColumns).toEqual([1]);
    const error = await failure(bench.workbench.client.import.run({ importId: importId(), sourceId, table: 'kept_name', unpivot: { ...plan, indicatorColumn: plan.indicatorColumn!, destination: 'table' } }));
    expect(error.code).toBe('import-unpivot-kept-name');
    expect(localizedMessage(error, 'zh')).toBe('列“Year”不能随转换后的行保留：这些行已有同名的列（indicator、year、value、unit）。请在预览中给它改名，或不导入该列。');
  });

  it('refuses a cell unit the indicator cannot take, and a bare number where no unit is stated', async () => {
    const path = join(files, 'cell-units-wrong.csv');
    writeFileSync(path, '指标,2016年,2017年\n高新技术产业投资,12家,13\n');
    const sourceId = await upload(path);
    const plan = (await bench.workbench.client.import.preview({ sourceId })).unpivot!;
    const error = await failure(bench.workbench.client.import.run({ importId: importId(), sourceId, unpivot: { ...plan, indicatorColumn: plan.indicatorColumn!, destination: 'observations' } }));
    expect(error.message).toBe("Units that cannot be converted to the indicators' units: 高新技术产业投资 2016: 家 (the indicator is in 亿元); 高新技术产业投资 2017: no unit stated (the indicator is in 亿元).");
  });

  it('refuses to append rows whose indicators are unknown to observations', async () => {
    const sourceId = await upload(writeStatisticalWorkbook(files, 'obs.xlsx'));
    const plan = (await bench.workbench.client.import.preview({ sourceId })).unpivot!;
    const error = await failure(
      bench.workbench.client.import.run({ importId: importId(), sourceId, unpivot: { ...plan, indicatorColumn: plan.indicatorColumn!, destination: 'observations' } }),
    );
    expect(error.message).toBe(
      'These names match no indicator: R&D经费支出、技术合同成交额𠀀. Map them to indicator codes (or leave them out), or keep the rows as their own table.',
    );
  });

  it('maps names chosen by the user, leaves out names mapped to nothing, and converts 万元 to the indicator\'s 亿元', async () => {
    const sourceId = await upload(writeStatisticalWorkbook(files, 'mapped.xlsx', tableToMap));
    const preview = await bench.workbench.client.import.preview({ sourceId });
    expect(preview.indicatorLabels).toEqual([
      { name: '规模以上工业企业 研发费用', unit: '万元', unitMissingYears: [] },
      { name: '高新技术产业投资额', unit: '万元', unitMissingYears: [] },
      { name: '其中：外资企业', unit: '万元', unitMissingYears: [] },
    ]);
    // Spacing differs from the catalogue's 规模以上工业企业研发费用: matched all the same.
    const { matches } = await bench.workbench.client.import.matchIndicators({ names: preview.indicatorLabels.map((label) => label.name) });
    expect(matches.map((match) => match.code)).toEqual(['industrial_rd_expenditure', null, null]);
    const plan = preview.unpivot!;
    const unpivot = { ...plan, indicatorColumn: plan.indicatorColumn!, destination: 'observations' as const };
    const unknown = await failure(
      bench.workbench.client.import.run({ importId: importId(), sourceId, unpivot: { ...unpivot, indicatorCodes: { '规模以上工业企业 研发费用': 'industrial_rd_expenditure', 高新技术产业投资额: 'no_such_code' } } }),
    );
    expect(unknown.message).toBe('No indicator has the code no_such_code.');
    const outcome = await bench.workbench.client.import.run({
      importId: importId(),
      sourceId,
      unpivot: { ...unpivot, indicatorCodes: { '规模以上工业企业 研发费用': 'industrial_rd_expenditure', 高新技术产业投资额: 'hightech_industry_added_value', '其中：外资企业': '' } },
    });
    expect(outcome.rowCount).toBe(10);
    expect(await rows(`SELECT value, entered_value FROM user_observations WHERE indicator_code = 'hightech_industry_added_value' AND year = 2021`)).toEqual([
      { value: 150.25, entered_value: 1502500 },
    ]);
    expect(
      await rows(`SELECT year, value, unit, entered_value, entered_unit FROM user_observations WHERE indicator_code = 'industrial_rd_expenditure' ORDER BY year`),
    ).toEqual([
      { year: 2019, value: 45.2, unit: '亿元', entered_value: 452000, entered_unit: '万元' },
      { year: 2020, value: 50.1, unit: '亿元', entered_value: 501000, entered_unit: '万元' },
      { year: 2021, value: 58.75, unit: '亿元', entered_value: 587500, entered_unit: '万元' },
      { year: 2022, value: 63.4, unit: '亿元', entered_value: 634000, entered_unit: '万元' },
      { year: 2023, value: 70, unit: '亿元', entered_value: 700000, entered_unit: '万元' },
    ]);
  });

  it('refuses units that cannot be converted to the indicator\'s', async () => {
    const table = { ...statisticalTable, unitLine: '单位：家', indicators: [{ name: '高新技术产业投资', values: [1, 2, 3, 4, 5] }] };
    const sourceId = await upload(writeStatisticalWorkbook(files, 'wrong-unit.xlsx', table));
    const plan = (await bench.workbench.client.import.preview({ sourceId })).unpivot!;
    const error = await failure(bench.workbench.client.import.run({ importId: importId(), sourceId, unpivot: { ...plan, indicatorColumn: plan.indicatorColumn!, destination: 'observations' } }));
    expect(error.message).toBe("Units that cannot be converted to the indicators' units: 高新技术产业投资 2019: 家 (the indicator is in 亿元).");
  });
});
