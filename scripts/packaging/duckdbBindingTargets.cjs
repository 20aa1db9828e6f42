'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
// Which DuckDB native binding each packaging target needs, and where
// scripts/stageDuckdbBindings.cjs puts it. @duckdb/node-bindings picks its
// binding at run time with require(`@duckdb/node-bindings-${process.platform}-${process.arch}`)
// (the -musl variants only on musl Linux, which UOS and Kylin are not).

/** Folder (relative to the project) holding `<os>-<arch>/node-bindings-<platform>-<arch>/`. */
const DUCKDB_STAGING_DIRECTORY = 'build/duckdb-bindings';

/**
 * One entry per packaged target. `os` is electron-builder's `${os}` macro
 * (its platform key: win, linux, mac), `platform` is Node's process.platform.
 */
const PACKAGING_TARGETS = [
  { os: 'win', platform: 'win32', arch: 'x64' },
  { os: 'linux', platform: 'linux', arch: 'x64' },
  { os: 'linux', platform: 'linux', arch: 'arm64' },
];

/** The npm package holding the binding for `platform`/`arch`, as @duckdb/node-bindings names it. */
function bindingPackageName(platform, arch) {
  return `@duckdb/node-bindings-${platform}-${arch}`;
}

/** Where a target's binding package is staged, relative to the project. */
function stagedBindingDirectory(target) {
  return `${DUCKDB_STAGING_DIRECTORY}/${target.os}-${target.arch}/node-bindings-${target.platform}-${target.arch}`;
}

/**
 * Throws unless the binding for Node's `platform`/`arch` is staged under
 * `root`: electron-builder would otherwise package the app without it (a
 * missing FileSet folder is skipped silently) and DuckDB would fail at start.
 */
function checkStagedBinding(root, platform, arch) {
  const target = PACKAGING_TARGETS.find((candidate) => candidate.platform === platform && candidate.arch === arch);
  if (!target) {
    throw new Error(`No packaging target ${platform}-${arch}: the targets are ${PACKAGING_TARGETS.map((candidate) => `${candidate.platform}-${candidate.arch}`).join(', ')}.`);
  }
  const directory = join(root, stagedBindingDirectory(target));
  if (!existsSync(join(directory, 'duckdb.node'))) {
    throw new Error(`The DuckDB binding for ${platform}-${arch} is not staged (${directory}): run \`node scripts/stageDuckdbBindings.cjs ${target.os}\`.`);
  }
}

module.exports = { DUCKDB_STAGING_DIRECTORY, PACKAGING_TARGETS, bindingPackageName, stagedBindingDirectory, checkStagedBinding };
