import { expect } from 'vitest';
import { WorkbenchError } from '@shared/contract/WorkbenchError';

/** The WorkbenchError a call fails with; the test fails if the call succeeds or fails otherwise. */
export async function expectWorkbenchError(promise: Promise<unknown>): Promise<WorkbenchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbenchError);
    return error as WorkbenchError;
  }
  throw new Error('expected the call to fail');
}
