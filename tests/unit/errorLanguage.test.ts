import { describe, expect, it } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { workbenchContract } from '../../src-shared/contract/workbenchContract';
import type { CallOutcome, ErrorEnvelope } from '../../src-shared/contract/WorkbenchError';
import { dispatchCall } from '../../src-main/host/dispatchCall';
import { registerIpcHost } from '../../src-main/electron/ipcHost';
import { errorBannerMessage } from '../../src-renderer/components/errorBannerText';
import { fakeWorkbenchApi } from '../../src-renderer/store/testing/fakeWorkbenchApi';
import { createWorkbenchStore } from '../../src-renderer/store/workbenchStore';

/** What the window's error banner shows for an error: first in the default language, then after choosing English. */
function shown(error: ErrorEnvelope): { byDefault: string; english: string } {
  const store = createWorkbenchStore(fakeWorkbenchApi({}).api);
  const byDefault = errorBannerMessage(error, store.getState().locale);
  store.getState().setLocale('en');
  return { byDefault, english: errorBannerMessage(error, store.getState().locale) };
}

function failure(outcome: CallOutcome<unknown>): ErrorEnvelope {
  if (outcome.ok) throw new Error('expected the call to fail');
  return outcome.error;
}

describe('errors on their way to the window are Chinese by default and English when chosen', () => {
  it('a SQL error says what is wrong, never only "SQL 错误" (its banner title); DuckDB’s words where there is no explanation', () => {
    const explained: ErrorEnvelope = { kind: 'user', code: 'sql', message: 'Parser Error: syntax error at or near "SELEC"', text: 'sql-syntax', params: { near: 'SELEC' } };
    expect(shown(explained)).toEqual({ byDefault: '语法错误：在“SELEC”附近。', english: 'Syntax error near "SELEC".' });
    const unexplained: ErrorEnvelope = { kind: 'user', code: 'sql', message: 'Binder Error: Set operations can only apply to expressions with the same number of result columns' };
    expect(shown(unexplained)).toEqual({ byDefault: unexplained.message, english: unexplained.message });
  });

  it('an unknown method refused by dispatchCall', async () => {
    const error = failure(await dispatchCall(workbenchContract, {}, 'query.drop', {}));
    expect(error).toMatchObject({ kind: 'user', code: 'unknown-method' });
    expect(shown(error)).toEqual({ byDefault: '未知的方法“query.drop”', english: 'Unknown method "query.drop"' });
  });

  it('an argument that does not fit the contract, naming the method and the field', async () => {
    const error = failure(await dispatchCall(workbenchContract, {}, 'query.run', { queryId: 'q1', sql: '' }));
    expect(error).toMatchObject({ kind: 'user', code: 'invalid-argument' });
    expect(shown(error)).toEqual({ byDefault: 'query.run 的参数无效：sql 为空', english: 'Invalid argument for query.run: sql is empty' });
  });

  it("a field with the contract's own hint: the hint in English, the kind of problem in Chinese", async () => {
    const error = failure(await dispatchCall(workbenchContract, {}, 'query.run', { queryId: 'q 1', sql: 'select 1' }));
    expect(shown(error)).toEqual({
      byDefault: 'query.run 的参数无效：queryId 的格式不符合要求',
      english: 'Invalid argument for query.run: queryId must be 1-64 letters, digits, _ or -',
    });
  });

  it('several argument problems, each with its field: missing, wrong type, not one of the values, a key not taken', async () => {
    const error = failure(await dispatchCall(workbenchContract, {}, 'query.run', { sql: 7, windowRows: 'many', extra: 1 }));
    expect(error).toMatchObject({ kind: 'user', code: 'invalid-argument' });
    expect(shown(error)).toEqual({
      byDefault: 'query.run 的参数无效：缺少 queryId；sql 应为文本（收到的是数字）；windowRows 应为数字（收到的是文本）；参数本身 含有不接受的键："extra"',
      english: 'Invalid argument for query.run: queryId is missing; sql must be text (received a number); windowRows must be a number (received text); (argument) has keys it does not take: "extra"',
    });
  });

  it('a call from a frame other than the app window, refused by the IPC host', async () => {
    let handler: ((event: IpcMainInvokeEvent, method: unknown, input: unknown) => unknown) | undefined;
    const ipcMain = { handle: (_channel: string, fn: typeof handler) => (handler = fn), removeHandler: () => undefined } as unknown as IpcMain;
    registerIpcHost({ ipcMain, contract: workbenchContract, implementation: {}, subscribe: () => () => undefined, isTrustedSender: () => false, targets: () => [] });
    const error = failure((await handler!({} as IpcMainInvokeEvent, 'schema.list', {})) as CallOutcome<unknown>);
    expect(error).toMatchObject({ kind: 'user', code: 'forbidden' });
    expect(shown(error)).toEqual({ byDefault: '只接受来自应用窗口的调用', english: 'Calls are only accepted from the app window' });
  });
});

describe('a call the browser-mode server refuses', () => {
  it('names the method and the status, Chinese by default and English when chosen', async () => {
    const { createHttpTransport } = await import('../../src-renderer/api/httpTransport');
    const fetchImpl = (async () => new Response('Forbidden origin', { status: 403 })) as typeof fetch;
    const transport = createHttpTransport('t', 'http://127.0.0.1:1', fetchImpl);
    const error = failure(await transport.call('schema.list', {}));
    expect(error).toMatchObject({ kind: 'user', code: 'http-error' });
    expect(shown(error)).toEqual({
      byDefault: '工作台服务拒绝了调用 schema.list（403：Forbidden origin）。',
      english: 'The workbench server refused the call schema.list (403: Forbidden origin).',
    });
  });
});
