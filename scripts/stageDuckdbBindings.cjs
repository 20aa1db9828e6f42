#!/usr/bin/env node
'use strict';
// Stages the DuckDB native binding of every packaging target (or of one OS:
// `node scripts/stageDuckdbBindings.cjs win|linux`) under build/duckdb-bindings,
// where electron-builder.config.cjs picks up the one for the target it builds.
// npm installs only the build machine's binding; the others come from the npm
// registry (`npm pack`) at exactly the version and integrity in package-lock.json.

const { createHash } = require('node:crypto');
const { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, mkdirSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { tmpdir } = require('node:os');
const { dirname, join } = require('node:path');
const { PACKAGING_TARGETS, bindingPackageName, stagedBindingDirectory } = require('./packaging/duckdbBindingTargets.cjs');

const root = join(__dirname, '..');

function fail(message) {
  process.stderr.write(`stageDuckdbBindings: ${message}\n`);
  process.exit(1);
}

function lockedPackage(name) {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const entry = lock.packages[`node_modules/${name}`];
  if (!entry || !entry.version || !entry.integrity) fail(`${name} is not in package-lock.json with a version and integrity`);
  return entry;
}

function stagedVersion(directory) {
  const manifest = join(directory, 'package.json');
  if (!existsSync(manifest) || !existsSync(join(directory, 'duckdb.node'))) return null;
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', shell: process.platform === 'win32' });
  if (result.status !== 0) fail(`\`${command} ${args.join(' ')}\` failed: ${result.stderr || result.error}`);
  return result.stdout;
}

function fetchFromRegistry(name, locked, destination) {
  const work = mkdtempSync(join(tmpdir(), 'iwb-duckdb-'));
  try {
    const packed = JSON.parse(run('npm', ['pack', `${name}@${locked.version}`, '--json', '--pack-destination', work], work));
    const tarball = join(work, packed[0].filename);
    const [algorithm, expected] = locked.integrity.split('-');
    const actual = createHash(algorithm).update(readFileSync(tarball)).digest('base64');
    if (actual !== expected) fail(`${name}@${locked.version} from the registry does not match package-lock.json's integrity`);
    run('tar', ['-xzf', tarball, '-C', work], work);
    mkdirSync(dirname(destination), { recursive: true });
    renameSync(join(work, 'package'), destination);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const only = process.argv[2];
if (only !== undefined && !PACKAGING_TARGETS.some((target) => target.os === only)) {
  fail(`unknown OS "${only}"; give one of ${[...new Set(PACKAGING_TARGETS.map((target) => target.os))].join(', ')}`);
}
for (const target of PACKAGING_TARGETS.filter((candidate) => only === undefined || candidate.os === only)) {
  const name = bindingPackageName(target.platform, target.arch);
  const locked = lockedPackage(name);
  const destination = join(root, stagedBindingDirectory(target));
  if (stagedVersion(destination) === locked.version) {
    console.log(`${name}@${locked.version}: already staged`);
    continue;
  }
  rmSync(destination, { recursive: true, force: true });
  const installed = join(root, 'node_modules', name);
  if (stagedVersion(installed) === locked.version) {
    cpSync(installed, destination, { recursive: true });
    console.log(`${name}@${locked.version}: copied from node_modules`);
  } else {
    fetchFromRegistry(name, locked, destination);
    console.log(`${name}@${locked.version}: fetched from the npm registry`);
  }
  if (stagedVersion(destination) !== locked.version) fail(`${destination} has no duckdb.node of version ${locked.version}`);
}
