/**
 * The renderer's own origin. The window loads app://renderer/index.html
 * (registered as a standard, secure scheme), so "the app's own frame" is a
 * URL test that needs no Electron: used for IPC sender validation and
 * navigation denial in src-main/electron.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const RENDERER_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for a URL on the app's origin (any of its files), with no user name or password smuggled in. */
export function isAppOrigin(url: string | undefined | null): boolean {
  if (typeof url !== 'string') return false;
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

/**
 * Whether an IPC message comes from the app's page: the sending frame must be
 * a top frame (not an iframe) showing the renderer's index.html on the app's
 * origin. A query string or fragment does not change the page.
 */
export function isTrustedSenderFrame(frame: { url: string; isTopFrame: boolean } | null | undefined): boolean {
  if (!frame || !frame.isTopFrame || !isAppOrigin(frame.url)) return false;
  return parse(frame.url)!.pathname === '/index.html';
}

/** Navigation the window may make: only to its own page (a reload, a fragment change). */
export function isAllowedNavigation(url: string): boolean {
  return isAppOrigin(url) && parse(url)!.pathname === '/index.html';
}

/** Requests the window's session lets through: the app's own files, devtools, and in-page data and blob URLs. */
export function isAllowedRequest(url: string): boolean {
  return isAppOrigin(url) || url.startsWith('devtools://') || url.startsWith('data:') || url.startsWith('blob:app://renderer/');
}
