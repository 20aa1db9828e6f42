import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { NotebookDocument } from '@shared/domain/notebook/NotebookDocument';
import { canonicalNotebookText } from '@shared/domain/notebook/notebookText';
import { bilingual, localizedError } from '@shared/contract/errorTexts';
import { defaultDataDirectory } from '../workspace/workspaceLocation';

/**
 * Notebook trust, as Jupyter does it: notebooks this user saves carry an
 * HMAC-SHA256 of their canonical content made with a key that only this
 * user can read and that never goes into a notebook. A notebook whose
 * signature does not verify came from someone else (or was edited outside
 * the app) and opens without running anything.
 */

const SIGNATURE_PREFIX = 'hmac-sha256:';
const KEY_FILE_NAME = 'notebook-signing.key';

/** The key file in the user's data folder (outside every workspace). */
export function defaultSigningKeyFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(defaultDataDirectory(env), KEY_FILE_NAME);
}

/**
 * Reads the user's key, creating it (32 random bytes, mode 0600) on first
 * use. A key file readable by others is narrowed back to the owner.
 */
export async function loadSigningKey(keyFile: string): Promise<Buffer> {
  let text: string | null = null;
  try {
    text = (await readFile(keyFile, 'utf8')).trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Unreadable (a folder, no permission): the user can mend it; it is not a bug.
    if (code !== 'ENOENT') throw localizedError('notebook-key-damaged', { file: keyFile, problem: code ?? String(error) });
  }
  if (text !== null) {
    if (!/^[0-9a-f]{64}$/.test(text)) throw localizedError('notebook-key-damaged', { file: keyFile, problem: bilingual('not 64 hexadecimal digits', '不是 64 位十六进制数字') });
    if (process.platform !== 'win32' && ((await stat(keyFile)).mode & 0o077) !== 0) await chmod(keyFile, 0o600);
    return Buffer.from(text, 'hex');
  }
  await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  try {
    const handle = await open(keyFile, 'wx', 0o600);
    try {
      await handle.writeFile(key.toString('hex') + '\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
    return key;
  } catch (error) {
    // Another process made the key first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadSigningKey(keyFile);
    throw error;
  }
}

export function signNotebook(document: NotebookDocument, key: Buffer): string {
  return SIGNATURE_PREFIX + createHmac('sha256', key).update(canonicalNotebookText(document), 'utf8').digest('hex');
}

export function signatureIsValid(document: NotebookDocument, key: Buffer): boolean {
  const signature = document.signature;
  if (!signature?.startsWith(SIGNATURE_PREFIX)) return false;
  const given = Buffer.from(signature.slice(SIGNATURE_PREFIX.length), 'hex');
  const expected = Buffer.from(signNotebook(document, key).slice(SIGNATURE_PREFIX.length), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
