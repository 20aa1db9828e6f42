'use strict';
// Where the Electron executable is, without require('electron'): that call
// tries to download a missing binary on the spot, which fails offline with a
// stack trace. Used by `npm start` and the desktop smoke test.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

/** { path } of the executable, or { path: null, reason } saying where it looked. */
function findElectronBinary(root, env = process.env) {
  const packageDirectory = join(root, 'node_modules', 'electron');
  const pathFile = join(packageDirectory, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const overridden = join(env.ELECTRON_OVERRIDE_DIST_PATH, name ?? 'electron');
    return existsSync(overridden) ? { path: overridden } : { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${overridden} does not exist` };
  }
  if (name === null) return { path: null, reason: 'no Electron binary: node_modules/electron/path.txt is missing (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or offline)' };
  const executable = join(packageDirectory, 'dist', name);
  return existsSync(executable) ? { path: executable } : { path: null, reason: `no Electron binary at ${executable}` };
}

module.exports = { findElectronBinary };
