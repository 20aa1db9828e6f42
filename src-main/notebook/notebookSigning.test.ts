import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseNotebook } from '@shared/domain/notebook/notebookText';
import { loadSigningKey, signatureIsValid, signNotebook } from './notebookSigning';

const folder = mkdtempSync(join(tmpdir(), 'iwb-sign-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const { document } = parseNotebook('---\niwb-notebook: 1\ntitle: 测试\n---\n\n```sql a\nselect 1\n```\n');

describe('notebook signing', () => {
  it('creates a private key once and reads the same key afterwards', async () => {
    const keyFile = join(folder, 'deep', 'notebook-signing.key');
    const key = await loadSigningKey(keyFile);
    expect(key).toHaveLength(32);
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect((await loadSigningKey(keyFile)).equals(key)).toBe(true);
    expect(readFileSync(keyFile, 'utf8')).toBe(key.toString('hex') + '\n');
  });

  it('narrows a key file others can read', async () => {
    if (process.platform === 'win32') return;
    const keyFile = join(folder, 'open.key');
    await loadSigningKey(keyFile);
    chmodSync(keyFile, 0o644);
    await loadSigningKey(keyFile);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it('verifies its own signature and rejects another key, an edit and a missing signature', async () => {
    const mine = await loadSigningKey(join(folder, 'mine.key'));
    const theirs = await loadSigningKey(join(folder, 'theirs.key'));
    const signed = { ...document, signature: signNotebook(document, mine) };
    expect(signed.signature).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(signatureIsValid(signed, mine)).toBe(true);
    expect(signatureIsValid(signed, theirs)).toBe(false);
    const edited = { ...signed, cells: signed.cells.map((cell) => (cell.kind === 'sql' ? { ...cell, sql: "select read_text('/etc/passwd')" } : cell)) };
    expect(signatureIsValid(edited, mine)).toBe(false);
    expect(signatureIsValid(document, mine)).toBe(false);
    expect(signatureIsValid({ ...signed, signature: 'hmac-sha256:00' }, mine)).toBe(false);
  });

  it('refuses a damaged key file instead of silently replacing it', async () => {
    const keyFile = join(folder, 'damaged.key');
    await loadSigningKey(keyFile);
    writeFileSync(keyFile, 'not a key');
    await expect(loadSigningKey(keyFile)).rejects.toMatchObject({ kind: 'user', code: 'notebook-key-damaged' });
    expect(readFileSync(keyFile, 'utf8')).toBe('not a key');
  });
});
