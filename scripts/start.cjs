#!/usr/bin/env node
'use strict';
// `npm start`: launch the desktop app, or say in one paragraph why it cannot start and what to do.
const { existsSync } = require('node:fs');
const { spawn, spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { findElectronBinary } = require('./electronBinary.cjs');

const root = join(__dirname, '..');

const binary = findElectronBinary(root).path;
if (!binary) {
  process.stderr.write(
    [
      '指标工作台桌面版无法启动：没有安装 Electron 运行文件（node_modules/electron/dist 不存在）。',
      'The desktop app cannot start because the Electron binary is not installed (node_modules/electron/dist is missing).',
      'This happens when `npm install` ran without network access or with ELECTRON_SKIP_BINARY_DOWNLOAD=1.',
      'To get it, run `npx install-electron --no` (or `node node_modules/electron/install.js`) with network access (Node.js 22.12 or newer);',
      'behind a firewall, first set ELECTRON_MIRROR to a reachable mirror, e.g. ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/.',
      'Meanwhile the same workbench runs in your browser: `npm run serve` (or `npx iwb serve`) and open the address it prints.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

if (!existsSync(join(root, 'out', 'main', 'electronMain.js'))) {
  const build = spawnSync(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'build', '-c', 'electron.config.ts'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
