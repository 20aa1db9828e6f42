#!/usr/bin/env node
'use strict';
// Launcher for the `iwb` command: runs the built CLI bundle.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'out', 'main', 'iwb.js');
if (!existsSync(cli)) {
  process.stderr.write(
    'iwb: the app has not been built yet (out/main/iwb.js is missing).\n' +
      'Run `npm install` (which builds it) or `npm run build` in ' + join(__dirname, '..') + '.\n',
  );
  process.exit(2);
}
require(cli).main();
