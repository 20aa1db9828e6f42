import type { z } from 'zod';
import { lookupMethod, prototypeKeyPath, type ContractSpec } from '@shared/contract/contractKit';
import { toErrorEnvelope, type CallOutcome } from '@shared/contract/WorkbenchError';
import { localizedError, type ErrorParams, type ErrorTextCode } from '@shared/contract/errorTexts';

/**
 * The single path from a transport to the service: look the method up in the
 * contract, validate the argument, call the implementation, and wrap the
 * outcome in the error envelope. Adapters do nothing else.
 */
export async function dispatchCall(
  contract: ContractSpec,
  implementation: object,
  wireName: unknown,
  rawInput: unknown,
): Promise<CallOutcome<unknown>> {
  if (typeof wireName !== 'string') return refused('call-method-name', { given: wireName === null ? 'null' : typeof wireName }, 'invalid-argument');
  const spec = lookupMethod(contract, wireName);
  if (!spec) return refused('call-unknown-method', { method: wireName }, 'unknown-method');
  // Only a missing argument means "no options"; null is a wrong argument, said so.
  if (rawInput === null) return invalid(wireName, '(argument) Invalid input: expected object, received null');
  const prototypeKey = prototypeKeyPath(rawInput);
  if (prototypeKey !== null) return invalid(wireName, `${prototypeKey} is not an allowed key`);
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) return invalid(wireName, describeIssues(parsed.error));
  const [service, name] = [wireName.slice(0, wireName.indexOf('.')), wireName.slice(wireName.indexOf('.') + 1)];
  const target = (implementation as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[service];
  const fn = target?.[name];
  if (typeof fn !== 'function') {
    return { ok: false, error: { kind: 'bug', message: `Method "${wireName}" is in the contract but not implemented` } };
  }
  try {
    return { ok: true, value: await fn.call(target, parsed.data) };
  } catch (error) {
    const envelope = toErrorEnvelope(error);
    if (envelope.kind === 'bug') console.error(`[iwb] ${wireName} failed:`, envelope.detail ?? envelope.message);
    return { ok: false, error: envelope };
  }
}

/** A call refused before it reaches the service, in both languages. */
export function refused(text: ErrorTextCode, params: ErrorParams, code: string): CallOutcome<unknown> {
  return { ok: false, error: localizedError(text, params, undefined, code).toEnvelope() };
}

function invalid(method: string, problem: string): CallOutcome<unknown> {
  return refused('call-invalid-argument', { method, problem }, 'invalid-argument');
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(argument)'} ${issue.message}`)
    .join('; ');
}
