import type { QueryResult } from '@shared/contract/workbenchContract';
import type { EngineClient } from '../engine/EngineClient';
import type { EngineParams, StreamReport } from '../engine/engineProtocol';
import type { ServiceContext } from './ServiceContext';

export type RunOutcome = { result: QueryResult } | { error: unknown };

/**
 * Runs a query on the engine. Without `stream` this is the engine's reply.
 * With `stream`, the answer is the first window as soon as the engine has it
 * and more rows follow (`early`, marked `pending`), while `finished` settles
 * with the complete result of the same single execution; the growing count
 * in between goes out as `onDidStreamRows`.
 */
export async function runStreamed(
  engine: EngineClient,
  input: EngineParams<'run'>,
  emit: ServiceContext['emit'],
  started: number,
): Promise<RunOutcome | { early: QueryResult; finished: Promise<RunOutcome> }> {
  let firstReport: (report: StreamReport) => void = () => undefined;
  const first = new Promise<StreamReport>((resolve) => {
    firstReport = resolve;
  });
  let answered = false;
  const stopListening = engine.onDidStreamRows((report) => {
    if (report.queryId !== input.queryId) return;
    if (report.window) firstReport(report);
    else if (answered) emit('onDidStreamRows', { queryId: report.queryId, rowsSoFar: report.rowsSoFar });
  });
  const finished: Promise<RunOutcome> = engine.call('run', input).then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
  void finished.finally(stopListening);
  if (!input.stream) return finished;
  const winner = await Promise.race([first.then((report) => ({ report })), finished]);
  if (!('report' in winner)) return winner;
  answered = true;
  const { report } = winner;
  return {
    early: {
      queryId: report.queryId,
      kind: 'rows',
      resultId: report.resultId,
      columns: report.columns,
      rowCount: report.rowsSoFar,
      rowsChanged: 0,
      statementCount: 0,
      elapsedMs: performance.now() - started,
      window: report.window,
      pending: true,
    },
    finished,
  };
}
