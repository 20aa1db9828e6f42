import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const CHROMIUM_ENV = 'IWB_CHROMIUM';

/**
 * A Chromium-family browser to render chart images with: `IWB_CHROMIUM`
 * when set, else the usual install places (Edge ships with Windows 10 and
 * 11; Chrome, Chromium on Linux and macOS). Returns the paths tried when
 * none is found, to say so.
 */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (path: string) => boolean = existsSync,
): { path: string | null; tried: string[] } {
  const override = env[CHROMIUM_ENV];
  if (override) return { path: exists(override) ? override : null, tried: [override] };
  const candidates: string[] = [];
  if (platform === 'win32') {
    const roots = [env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)', env.ProgramFiles ?? 'C:\\Program Files', env.LOCALAPPDATA].filter((root): root is string => Boolean(root));
    for (const root of roots) {
      candidates.push(join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'));
      candidates.push(join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'));
    }
  } else if (platform === 'darwin') {
    candidates.push(
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    );
  } else {
    candidates.push('/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge', '/snap/bin/chromium');
  }
  return { path: candidates.find((candidate) => exists(candidate)) ?? null, tried: candidates };
}
