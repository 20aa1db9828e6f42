import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '@shared/contract/workbenchContract';
import { QueryHistory } from './QueryHistory';

const folder = mkdtempSync(join(tmpdir(), 'iwb-history-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const entry = (sql: string, status: HistoryEntry['status'] = 'ok'): HistoryEntry => ({
  sql,
  startedAt: '2026-11-28T10:00:00.000Z',
  elapsedMs: 5,
  status,
  rowCount: status === 'ok' ? 1 : null,
  error: status === 'error' ? 'Parser Error' : null,
});

describe('QueryHistory', () => {
  it('lists newest first, searches case-insensitively, and survives a torn last line', async () => {
    const history = QueryHistory.forWorkspace(join(folder, 'ws1'));
    await history.add(entry('select 1'));
    await history.add(entry('SELECT * FROM 指标', 'error'));
    await history.add(entry('select 3'));
    appendFileSync(join(folder, 'ws1', 'query-history.jsonl'), '{"sql":"torn');
    expect((await history.list(10)).map((item) => item.sql)).toEqual(['select 3', 'SELECT * FROM 指标', 'select 1']);
    expect((await history.list(10, 'from 指标')).map((item) => item.status)).toEqual(['error']);
    expect(await history.list(1)).toHaveLength(1);
  });

  it('keeps the newest 5,000 entries when it grows past its cap', async () => {
    const history = QueryHistory.forWorkspace(join(folder, 'ws2'));
    for (let index = 0; index < 5600; index++) await history.add(entry(`select ${index}`));
    const lines = readFileSync(join(folder, 'ws2', 'query-history.jsonl'), 'utf8').trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(5500);
    const listed = await history.list(5000);
    expect(listed[0]!.sql).toBe('select 5599');
    expect(await history.clear()).toBeGreaterThanOrEqual(5000);
    expect(await history.list(10)).toEqual([]);
  });
});
