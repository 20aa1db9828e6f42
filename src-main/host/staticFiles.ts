import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY_HEADER } from '@shared/contract/contentSecurityPolicy';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
};

/** A file of the renderer, ready to send, or why not (with the HTTP status to answer). */
export type StaticFile =
  | { ok: true; path: string; size: number; headers: Record<string, string> }
  | { ok: false; status: 400 | 403 | 404; message: string };

/**
 * Resolves a URL path against the renderer's folder, refusing anything that
 * would leave it (`..`, encoded or not; NUL bytes). Shared by browser mode's
 * HTTP host and the desktop app's `app://` protocol, so both serve the same
 * files with the same types and the same Content-Security-Policy header.
 */
export async function resolveStaticFile(staticDirectory: string, pathname: string): Promise<StaticFile> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { ok: false, status: 400, message: 'Bad path' };
  }
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = normalize(staticDirectory + sep);
  const path = normalize(join(root, relative));
  if (!path.startsWith(root) || relative.includes('\0')) return { ok: false, status: 403, message: 'Forbidden path' };
  let info;
  try {
    info = await stat(path);
  } catch {
    return { ok: false, status: 404, message: 'Not found' };
  }
  if (!info.isFile()) return { ok: false, status: 404, message: 'Not found' };
  const type = CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  const headers: Record<string, string> = { 'Content-Type': type };
  if (type.startsWith('text/html')) {
    headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY_HEADER;
    headers['Cache-Control'] = 'no-store';
  } else {
    headers['Cache-Control'] = 'max-age=3600';
  }
  return { ok: true, path, size: info.size, headers };
}

/** The file's bytes (after `resolveStaticFile` said it exists). */
export function readStaticFile(file: Extract<StaticFile, { ok: true }>): Promise<Buffer> {
  return readFile(file.path);
}
