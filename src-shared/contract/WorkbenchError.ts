/**
 * The one error envelope that crosses every boundary (engine process, IPC,
 * HTTP). `user` errors are expected and shown plainly (bad SQL, a missing
 * file); `cancelled` means the user asked to stop; `bug` is our fault and is
 * never swallowed.
 */
import type { ErrorParams } from './errorTexts';

export type ErrorKind = 'user' | 'cancelled' | 'bug';

/** A place in the SQL text the user submitted: 0-based offset, 1-based line and column. */
export interface SqlPosition {
  offset: number;
  line: number;
  column: number;
}

export interface ErrorEnvelope {
  kind: ErrorKind;
  message: string;
  /** Longer explanation or the original engine text, for a "details" disclosure. */
  detail?: string;
  /** Where in the submitted SQL the engine located the problem. */
  position?: SqlPosition;
  /** Stable machine-readable code, e.g. `sql`, `invalid-argument`, `workspace-locked`. */
  code?: string;
  /** The values in the message, so the window can show it in the user's language (see errorTexts). */
  params?: ErrorParams;
  /** The errorTexts entry of the message when it is not the code's own (several texts under one code). */
  text?: string;
}

export class WorkbenchError extends Error {
  readonly kind: ErrorKind;
  readonly detail: string | undefined;
  readonly position: SqlPosition | undefined;
  readonly code: string | undefined;
  readonly params: ErrorParams | undefined;
  readonly text: string | undefined;

  constructor(envelope: ErrorEnvelope) {
    super(envelope.message);
    this.name = 'WorkbenchError';
    this.kind = envelope.kind;
    this.detail = envelope.detail;
    this.position = envelope.position;
    this.code = envelope.code;
    this.params = envelope.params;
    this.text = envelope.text;
  }

  toEnvelope(): ErrorEnvelope {
    const envelope: ErrorEnvelope = { kind: this.kind, message: this.message };
    if (this.detail !== undefined) envelope.detail = this.detail;
    if (this.position !== undefined) envelope.position = this.position;
    if (this.code !== undefined) envelope.code = this.code;
    if (this.params !== undefined) envelope.params = this.params;
    if (this.text !== undefined) envelope.text = this.text;
    return envelope;
  }
}

/** Wraps anything thrown into an envelope; unknown errors are bugs, with their stack as detail. */
export function toErrorEnvelope(error: unknown): ErrorEnvelope {
  if (error instanceof WorkbenchError) return error.toEnvelope();
  if (isErrorEnvelope(error)) return error;
  if (error instanceof Error) {
    return { kind: 'bug', message: error.message, ...(error.stack ? { detail: error.stack } : {}) };
  }
  return { kind: 'bug', message: String(error) };
}

export function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    (candidate.kind === 'user' || candidate.kind === 'cancelled' || candidate.kind === 'bug') &&
    typeof candidate.message === 'string'
  );
}

/** What every transport carries back for one call. */
export type CallOutcome<T> = { ok: true; value: T } | { ok: false; error: ErrorEnvelope };
