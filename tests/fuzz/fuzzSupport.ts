import fc from 'fast-check';
import { expect } from 'vitest';
import { WorkbenchError } from '@shared/contract/WorkbenchError';

/**
 * Shared settings for the fuzz suites in tests/fuzz (CSV, notebooks,
 * series files, API arguments, workbooks). Every suite is seeded, so a
 * failure reproduces: run again with IWB_FUZZ_SEED set to the seed printed
 * by fast-check. IWB_FUZZ_SCALE multiplies the number of inputs (CI: 1).
 * Inputs that once failed are kept in `regressionCorpus.ts` and run first.
 */
export const FUZZ_SEED = Number(process.env.IWB_FUZZ_SEED ?? 20_261_203);
const SCALE = Number(process.env.IWB_FUZZ_SCALE ?? 1);

/** Longest any single input may take before it counts as a hang. */
export const INPUT_DEADLINE_MS = 20_000;

/** fast-check parameters for `runs` generated inputs (scaled), seeded. */
export function fuzzParameters<T>(runs: number): fc.Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(runs * SCALE)), endOnFailure: true };
}

/** Counts inputs per suite, so each suite can assert how many it really tried. */
export class InputCounter {
  count = 0;
  add(): void {
    this.count += 1;
  }
}

/** Rejects with "hang" when `work` takes longer than the deadline. */
export async function withDeadline<T>(work: Promise<T>, what: string, deadlineMs = INPUT_DEADLINE_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`hang: ${what} took longer than ${deadlineMs} ms`)), deadlineMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What a user-reachable path may end in: success, or a WorkbenchError the
 * user can act on (kind `user` or `cancelled`) with a message. Anything
 * else (a bug envelope, a plain Error, a TypeError) is an internal error.
 */
export function expectUserFacing(error: unknown, what: string): void {
  if (!(error instanceof WorkbenchError)) {
    throw new Error(`internal error for ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  expect(error.kind, `${what}: ${error.message}`).not.toBe('bug');
  expect(error.message.trim().length, what).toBeGreaterThan(0);
}

/** Runs `work`; it must succeed or fail user-facing, within the deadline. */
export async function expectNoInternalError(work: () => Promise<unknown>, what: string): Promise<void> {
  try {
    await withDeadline(work(), what);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('hang:')) throw error;
    expectUserFacing(error, what);
  }
}

/** A CLI outcome is clean when it exits 0, 1 (user error), 2 (usage) or 3 (cancelled) and prints no stack. */
export function expectCleanExit(outcome: { code: number; stderr: string }, what: string): void {
  expect([0, 1, 2, 3], `${what} exited ${outcome.code}: ${outcome.stderr}`).toContain(outcome.code);
  expect(outcome.stderr, what).not.toMatch(/Unexpected error|This is a bug|\n\s+at \S+ \(/);
}

/** Text pieces that break parsers: line ends of all kinds, quotes, delimiters, NUL, BOM, CJK, huge numbers. */
export const hostileFragments = [
  '\n', '\r\n', '\r', '"', '""', ',', ';', '\t', '|', '\u0000', '\uFEFF', '\u2028', '慈溪', '亿元', '%', '—', '𠀀',
  '1e309', '-0', 'NaN', '9'.repeat(40), '', ' ', '```', '---', '#', '\\', "'", '{', '}', '[', ']', ':', '=',
];

/** A string made of hostile fragments and arbitrary text. */
export function hostileText(maxPieces = 40): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(fc.constantFrom(...hostileFragments), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 })), { maxLength: maxPieces })
    .map((pieces) => pieces.join(''));
}
