import './zodSettings';
import type { z } from 'zod';
import { WorkbenchError, type CallOutcome } from './WorkbenchError';

/**
 * One request the renderer may make: a runtime validator for its argument and
 * a compile-time type for its result. Results are produced by our own main
 * side, so only arguments are validated at run time.
 */
export interface MethodSpec<Input extends z.ZodType, Output> {
  readonly input: Input;
  /** Phantom: never set at run time, only carries the result type. */
  readonly output?: Output;
}

export function method<Input extends z.ZodType, Output>(input: Input): MethodSpec<Input, Output> {
  return { input };
}

/** A namespace of methods, e.g. `query: { run, cancel }`. */
export type ServiceSpec = Record<string, MethodSpec<z.ZodType, unknown>>;
export type ContractSpec = Record<string, ServiceSpec>;

export type InputOf<M> = M extends MethodSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<M> = M extends MethodSpec<infer I, unknown> ? z.output<I> : never;
export type OutputOf<M> = M extends MethodSpec<z.ZodType, infer O> ? O : never;

/** What the renderer calls: every method takes the unparsed input and returns a Promise. */
export type ClientOf<C extends ContractSpec> = {
  readonly [S in keyof C]: { readonly [M in keyof C[S]]: (input: InputOf<C[S][M]>) => Promise<OutputOf<C[S][M]>> };
};

/** What the main side implements: every method receives the validated input. */
export type ImplementationOf<C extends ContractSpec> = {
  readonly [S in keyof C]: {
    readonly [M in keyof C[S]]: (input: ParsedInputOf<C[S][M]>) => Promise<OutputOf<C[S][M]>>;
  };
};

/** Keys that reach or replace an object's prototype when copied or merged. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The path of the first prototype key (`__proto__`, `constructor`,
 * `prototype`) anywhere in an argument, or null. Such keys are refused at
 * parse time: copied into a plain object, `__proto__` replaces its prototype
 * and lets arguments arrive past the validator as inherited properties.
 */
export function prototypeKeyPath(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || depth > 64) return null;
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null && !Array.isArray(value)) return null;
  for (const key of Object.keys(value)) {
    if (PROTOTYPE_KEYS.has(key)) return [...path, key].join('.');
    const found = prototypeKeyPath((value as Record<string, unknown>)[key], [...path, key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** True for a key that must never be copied into an object from untrusted input. */
export function isPrototypeKey(key: string): boolean {
  return PROTOTYPE_KEYS.has(key);
}

/** Wire names are `service.method`. */
export function methodNames(contract: ContractSpec): string[] {
  return Object.entries(contract).flatMap(([service, methods]) =>
    Object.keys(methods).map((name) => `${service}.${name}`),
  );
}

export function lookupMethod(contract: ContractSpec, wireName: string): MethodSpec<z.ZodType, unknown> | undefined {
  const dot = wireName.indexOf('.');
  if (dot <= 0) return undefined;
  const service = wireName.slice(0, dot);
  const name = wireName.slice(dot + 1);
  if (!Object.hasOwn(contract, service)) return undefined;
  const methods = contract[service]!;
  return Object.hasOwn(methods, name) ? methods[name] : undefined;
}

/**
 * Builds `client.service.method(input)` for every method of the contract on
 * top of one `call` function; failures reject with a WorkbenchError carrying
 * the envelope. Used by the renderer (over IPC or HTTP) and in-process by the CLI.
 */
export function buildClient<C extends ContractSpec>(
  contract: C,
  call: (wireName: string, input: unknown) => Promise<CallOutcome<unknown>>,
): ClientOf<C> {
  const client: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const [service, methods] of Object.entries(contract)) {
    const target: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const name of Object.keys(methods)) {
      target[name] = async (input: unknown) => {
        const outcome = await call(`${service}.${name}`, input === undefined ? {} : input);
        if (outcome.ok) return outcome.value;
        throw new WorkbenchError(outcome.error);
      };
    }
    client[service] = target;
  }
  return client as unknown as ClientOf<C>;
}
