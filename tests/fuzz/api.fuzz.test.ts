import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames, prototypeKeyPath } from '@shared/contract/contractKit';
import { decodeWireMessage, encodeWireMessage } from '@shared/contract/wireCodec';
import { workbenchContract } from '@shared/contract/workbenchContract';
import { dispatchCall } from '../../src-main/host/dispatchCall';
import { startHttpHost, type HttpHost } from '../../src-main/host/httpHost';
import { fuzzParameters, InputCounter } from './fuzzSupport';
import { apiCorpus } from './regressionCorpus';

const counter = new InputCounter();
const names = methodNames(workbenchContract);
const reached: unknown[] = [];

/** Every method answers with what it was given: the fuzz tests the validators and transports, not the services. */
const echo = Object.fromEntries(
  Object.keys(workbenchContract).map((service) => [
    service,
    new Proxy({}, { get: () => async (input: unknown) => (reached.push(input), { echoed: true }) }),
  ]),
);

const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'queryId', 'sql', 'handle', 'sourceId', 'document', 'cells', '$bin'), fc.string({ maxLength: 8 }));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(null, undefined, -1, Number.POSITIVE_INFINITY, '', '慈溪'.repeat(50), 'q_1'),
    fc.uint8Array({ maxLength: 16 }),
    fc.dictionary(key, tie('node'), { maxKeys: 5 }),
    fc.array(tie('node'), { maxLength: 4 }),
  ),
})).node;
const argument = fc.oneof(value, fc.dictionary(key, value, { maxKeys: 6 }));
const wireName = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) });

async function dispatch(name: unknown, input: unknown): Promise<void> {
  counter.add();
  const before = reached.length;
  const outcome = await dispatchCall(workbenchContract, echo, name, input);
  if (outcome.ok) {
    // Nothing with a prototype key ever reaches a service.
    expect(reached.length).toBe(before + 1);
    expect(prototypeKeyPath(reached[reached.length - 1])).toBeNull();
  } else {
    expect(outcome.error.kind, outcome.error.message).toBe('user');
    expect(outcome.error.message.length).toBeGreaterThan(0);
    expect(reached.length).toBe(before);
  }
}

let host: HttpHost;
let staticDirectory: string;
beforeAll(async () => {
  staticDirectory = mkdtempSync(join(tmpdir(), 'iwb-fuzz-static-'));
  writeFileSync(join(staticDirectory, 'index.html'), '<!doctype html>');
  host = await startHttpHost({ contract: workbenchContract, implementation: echo, subscribe: () => () => undefined, staticDirectory, token: 'fuzztoken' });
});
afterAll(async () => {
  await host.close();
  rmSync(staticDirectory, { recursive: true, force: true });
});

function post(path: string, body: Uint8Array, headers: Record<string, string>): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: 'POST', headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Frames as the client writes them, then damaged: a wrong header length, cut short, bytes flipped. */
const body = fc.oneof(
  argument.map((input) => encodeWireMessage(input === undefined ? {} : input)),
  fc.tuple(argument, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([input, at, byte]) => {
    const bytes = encodeWireMessage(input === undefined ? {} : input);
    bytes[at % bytes.length] = byte;
    return bytes;
  }),
  fc.tuple(argument, fc.nat()).map(([input, cut]) => {
    const bytes = encodeWireMessage(input === undefined ? {} : input);
    return bytes.subarray(0, cut % (bytes.length + 1));
  }),
  fc.uint8Array({ maxLength: 64 }),
);

describe('API fuzz: the contract validators and the HTTP host', () => {
  it.each(apiCorpus)('regression: $name ($origin)', async (entry) => {
    await dispatch(entry.method, entry.input);
    const outcome = await dispatchCall(workbenchContract, echo, entry.method, entry.input);
    expect(outcome.ok).toBe(false);
  });

  it('dispatch: random arguments for every method are accepted or refused as user errors', async () => {
    await fc.assert(fc.asyncProperty(wireName, argument, (name, input) => dispatch(name, input)), fuzzParameters(500));
  });

  it('HTTP: random and damaged request bodies never end in an internal error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), body, fc.boolean(), async (name, bytes, withToken) => {
        counter.add();
        const response = await post(`/api/call/${name}`, bytes, withToken ? { 'x-iwb-token': 'fuzztoken' } : {});
        expect([200, 400, 401, 413], response.body.toString().slice(0, 200)).toContain(response.status);
        if (response.status === 200) {
          const outcome = decodeWireMessage(new Uint8Array(response.body)) as { ok: boolean; error?: { kind: string } };
          if (!outcome.ok) expect(outcome.error?.kind).toBe('user');
        }
      }),
      fuzzParameters(300),
    );
  });

  it('tried at least 800 API inputs', () => {
    expect(counter.count).toBeGreaterThanOrEqual(800 * Number(process.env.IWB_FUZZ_SCALE ?? 1));
  });
});
