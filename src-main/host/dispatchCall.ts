import { lookupMethod, prototypeKeyPath, type ContractSpec } from '@shared/contract/contractKit';
import { toErrorEnvelope, type CallOutcome } from '@shared/contract/WorkbenchError';
import { localizedError, type Bilingual, type ErrorParams, type ErrorTextCode } from '@shared/contract/errorTexts';
import { argumentProblem, nullArgumentProblem, prototypeKeyProblem } from './argumentProblem';

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
  if (rawInput === null) return invalid(wireName, nullArgumentProblem());
  const prototypeKey = prototypeKeyPath(rawInput);
  if (prototypeKey !== null) return invalid(wireName, prototypeKeyProblem(prototypeKey));
  // reportInput: argumentProblem tells the contract's own hints from zod's default texts.
  const parsed = spec.input.safeParse(rawInput ?? {}, { reportInput: true });
  if (!parsed.success) return invalid(wireName, argumentProblem(parsed.error, rawInput ?? {}));
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

function invalid(method: string, problem: Bilingual): CallOutcome<unknown> {
  return refused('call-invalid-argument', { method, problem }, 'invalid-argument');
}
