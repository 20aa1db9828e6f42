'use strict';
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

module.exports = { DUCKDB_STAGING_DIRECTORY, PACKAGING_TARGETS, bindingPackageName, stagedBindingDirectory };
