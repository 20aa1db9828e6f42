import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY_HEADER } from '@shared/contract/contentSecurityPolicy';
import { readStaticFile, resolveStaticFile } from './staticFiles';

const folder = mkdtempSync(join(tmpdir(), 'iwb-static-'));
const root = join(folder, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html>');
writeFileSync(join(root, 'assets', 'app.js'), 'export {}');
writeFileSync(join(folder, 'secret.txt'), 'secret');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('resolveStaticFile (browser mode and the desktop app:// protocol)', () => {
  it('serves the index with the Content-Security-Policy and assets with their type', async () => {
    const index = await resolveStaticFile(root, '/');
    expect(index).toMatchObject({ ok: true, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER } });
    const script = await resolveStaticFile(root, '/assets/app.js');
    expect(script).toMatchObject({ ok: true, headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
    if (script.ok) expect((await readStaticFile(script)).toString()).toBe('export {}');
  });

  it('refuses paths that leave the folder, plain or encoded, and says what is missing', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/a%00b']) {
      expect(await resolveStaticFile(root, path), path).toMatchObject({ ok: false, status: 403 });
    }
    expect(await resolveStaticFile(root, '/%E0%A4%A')).toMatchObject({ ok: false, status: 400 });
    expect(await resolveStaticFile(root, '/missing.js')).toMatchObject({ ok: false, status: 404 });
    expect(await resolveStaticFile(root, '/assets')).toMatchObject({ ok: false, status: 404 });
  });
});
