import { MAX_NOTEBOOK_BYTES } from './services/notebookContract';
import { MAX_UPLOAD_CHUNK_BYTES } from './services/importContract';
import { MAX_SQL_LENGTH } from './services/coreContract';

const MiB = 1024 * 1024;
/** Room for the frame, the JSON around the value and escaping. */
export const CALL_ENVELOPE_BYTES = MiB;

/**
 * The largest request body each method can need in browser mode, from its
 * argument's own limits (UTF-8 text takes up to 3 bytes a character). The
 * HTTP host refuses anything larger before reading it; the renderer checks
 * the same table before sending, and splits calls that can be split (all
 * charts of a notebook) to fit. Uploads come in chunks, so no body is large.
 */
export const CALL_BODY_LIMITS: Readonly<Record<string, number>> = {
  '*': CALL_ENVELOPE_BYTES,
  'query.run': 3 * MAX_SQL_LENGTH + CALL_ENVELOPE_BYTES,
  'notebook.runCell': 3 * MAX_SQL_LENGTH + CALL_ENVELOPE_BYTES,
  'import.upload': MAX_UPLOAD_CHUNK_BYTES + CALL_ENVELOPE_BYTES,
  'import.matchIndicators': 16 * MiB,
  'notebook.openBytes': MAX_NOTEBOOK_BYTES + CALL_ENVELOPE_BYTES,
  'notebook.save': 3 * MAX_NOTEBOOK_BYTES + CALL_ENVELOPE_BYTES,
  'notebook.autosave': 3 * MAX_NOTEBOOK_BYTES + CALL_ENVELOPE_BYTES,
  'notebook.trust': 3 * MAX_NOTEBOOK_BYTES + CALL_ENVELOPE_BYTES,
  'charts.export': 16 * MiB,
  'charts.exportAll': 16 * MiB,
  'scenarios.save': 4 * MiB,
  'scenarios.saveResults': 4 * MiB,
};

/** The body limit of a method (`service.method`), from `limits` (the table above unless a test gives its own). */
export function callBodyLimit(method: string, limits: Readonly<Record<string, number>> = CALL_BODY_LIMITS): number {
  return Object.hasOwn(limits, method) ? limits[method]! : limits['*']!;
}
