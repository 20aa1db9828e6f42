import { builtinModules, createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '@shared/contract/contentSecurityPolicy';

/**
 * What each packaging target ships, computed with electron-builder's own
 * configuration loader, schema validation, macro expansion and file matchers
 * (app-builder-lib's fileMatcher and filter modules) over the real project
 * files. The one part not electron-builder's: the production dependency list
 * comes from package-lock.json (non-dev packages that are installed) instead
 * of its `npm list` collector. Nothing is downloaded.
 */

const root = resolve(__dirname, '../..');
const require = createRequire(import.meta.url);

interface Matcher {
  from: string;
  to: string;
  patterns: string[];
  createFilter(): (file: string, stat: Stats) => boolean;
}
interface BuilderConfig {
  [key: string]: unknown;
  files: unknown[];
  asarUnpack: string[];
  extraResources: unknown[];
  fileAssociations: { ext: string; mimeType?: string }[];
  publish: unknown;
  electronFuses: Record<string, boolean>;
  directories: { output: string; buildResources: string };
  win: { target: { target: string; arch: string[] }[] };
  linux: { target: { target: string; arch: string[] }[]; mimeTypes: string[] };
  nsis: Record<string, unknown>;
  beforePack: (context: { electronPlatformName: string; arch: number }) => Promise<void>;
}
type MacroExpander = (pattern: string) => string;

const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: unknown): Promise<void>;
};
const { getMainFileMatchers, getNodeModuleFileMatcher, getFileMatchers } = require('app-builder-lib/out/fileMatcher') as {
  getMainFileMatchers(appDir: string, destination: string, macroExpander: MacroExpander, platformOptions: unknown, platformPackager: unknown, outDir: string, isElectronCompile: boolean): Matcher[];
  getNodeModuleFileMatcher(appDir: string, destination: string, macroExpander: MacroExpander, platformOptions: unknown, packager: unknown): Matcher;
  getFileMatchers(config: BuilderConfig, name: string, destination: string, options: { macroExpander: MacroExpander; customBuildOptions: unknown; globalOutDir: string; defaultSrc: string }): Matcher[] | null;
};
const { expandMacro } = require('app-builder-lib/out/util/macroExpander') as {
  expandMacro(pattern: string, arch: string | null, appInfo: object, extra: Record<string, string>): string;
};
const { PACKAGING_TARGETS, bindingPackageName, stagedBindingDirectory } = require('../../scripts/packaging/duckdbBindingTargets.cjs') as {
  PACKAGING_TARGETS: { os: 'win' | 'linux'; platform: string; arch: string }[];
  bindingPackageName(platform: string, arch: string): string;
  stagedBindingDirectory(target: { os: string; platform: string; arch: string }): string;
};

const debugLogger = { isEnabled: false, add() {} };

/** Files under `directory` the filter keeps, pruning refused folders as electron-builder's walker does. */
function walk(directory: string, filter: (file: string, stat: Stats) => boolean, skip: (path: string) => boolean = () => false): string[] {
  const found: string[] = [];
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (skip(path)) continue;
    const stat = statSync(path);
    if (!filter(path, stat)) continue;
    if (stat.isDirectory()) found.push(...walk(path, filter, skip));
    else found.push(path);
  }
  return found;
}

function posix(path: string): string {
  return path.split(sep).join('/');
}

/** Production packages npm installed, as package-lock.json lists them (the stand-in for electron-builder's collector). */
function productionPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && entry.dev !== true && existsSync(join(root, path, 'package.json')))
    .map(([path]) => path);
}

/**
 * What a built main-process file loads, following its `require("./…")` calls
 * through the chunks beside it: the chunk files (relative to the root, POSIX)
 * and the packages named by bare specifiers (built-ins left out).
 */
function builtRequires(entry: string): { chunks: string[]; packages: string[] } {
  const chunks = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (chunks.has(file)) continue;
    chunks.add(file);
    for (const [, specifier] of readFileSync(join(root, file), 'utf8').matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
      if (specifier!.startsWith('.')) pending.push(posix(join(dirname(file), specifier!)));
      else if (!specifier!.startsWith('node:') && !builtinModules.includes(specifier!)) packages.add(specifier!);
    }
  }
  return { chunks: [...chunks], packages: [...packages] };
}

interface TargetFiles {
  /** Paths inside the app (app.asar, with unpacked files marked), relative, POSIX separators. */
  app: Set<string>;
  unpacked: Set<string>;
  /** Paths under resources/ outside the app. */
  resources: Set<string>;
}

function targetFiles(config: BuilderConfig, target: (typeof PACKAGING_TARGETS)[number]): TargetFiles {
  const appInfo = { productName: '指标工作台', sanitizedProductName: '指标工作台', version: '0.1.0' };
  const macroExpander: MacroExpander = (pattern) => expandMacro(pattern, target.arch, appInfo, { os: target.os, '/*': '{,/**/*}' });
  const platformOptions = config[target.os] ?? {};
  const outDir = resolve(root, config.directories.output);
  const destination = '/app';
  const packager = { info: { projectDir: root, buildResourcesDir: config.directories.buildResources, config, isPrepackedAppAsar: false, debugLogger }, config, debugLogger };

  const app = new Set<string>();
  const matchers = getMainFileMatchers(root, destination, macroExpander, platformOptions, packager, outDir, false);
  for (const matcher of matchers) {
    const skipNodeModules = (path: string) => matcher.from === root && (path === join(root, 'node_modules') || path === join(root, '.git'));
    if (!existsSync(matcher.from)) continue;
    for (const file of walk(matcher.from, matcher.createFilter(), skipNodeModules)) {
      app.add(posix(join(relative(destination, matcher.to), relative(matcher.from, file))));
    }
  }
  const nodeModulesFilter = getNodeModuleFileMatcher(root, destination, macroExpander, platformOptions, packager).createFilter();
  for (const pkg of productionPackages()) {
    const directory = join(root, pkg);
    if (!nodeModulesFilter(directory, statSync(directory))) continue;
    for (const file of walk(directory, nodeModulesFilter, (path) => path === join(directory, 'node_modules'))) app.add(posix(relative(root, file)));
  }

  const unpackFilters = (getFileMatchers(config, 'asarUnpack', destination, { macroExpander, customBuildOptions: platformOptions, globalOutDir: outDir, defaultSrc: destination }) ?? []).map((matcher) => matcher.createFilter());
  const fileStat = statSync(join(root, 'package.json'));
  const unpacked = new Set([...app].filter((file) => unpackFilters.some((filter) => filter(`${destination}/${file}`, fileStat))));

  const resources = new Set<string>();
  const resourcesDir = '/resources';
  for (const matcher of getFileMatchers(config, 'extraResources', resourcesDir, { macroExpander, customBuildOptions: platformOptions, globalOutDir: outDir, defaultSrc: root }) ?? []) {
    for (const file of walk(matcher.from, matcher.createFilter())) resources.add(posix(join(relative(resourcesDir, matcher.to), relative(matcher.from, file))));
  }
  return { app, unpacked, resources };
}

let config: BuilderConfig;
beforeAll(async () => {
  config = await getConfig(root, join(root, 'electron-builder.config.cjs'), null);
  await validateConfiguration(config, debugLogger);
});

describe('electron-builder configuration', () => {
  it('passes electron-builder’s schema and builds the promised targets', () => {
    expect(config.win.target).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ]);
    expect(config.linux.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
    expect(config.productName).toBe('指标工作台');
  });

  it('installs per user without administrator rights, with Chinese shortcuts', () => {
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false, createDesktopShortcut: true, createStartMenuShortcut: true, shortcutName: '指标工作台' });
  });

  it('uses the app icon from the build resources on both platforms (tests/unit/appIcon.test.ts checks the files)', () => {
    expect(config.directories.buildResources).toBe('build');
    expect((config.win as { icon?: string }).icon).toBe('build/icon.ico');
    expect((config.linux as { icon?: string }).icon).toBe('build/icons');
    // signAndEditExecutable: false would leave Electron's icon in the .exe and so on the shortcuts.
    expect(config.win).toMatchObject({ signExecutable: false });
    expect(config.win).not.toHaveProperty('signAndEditExecutable');
    expect(existsSync(join(root, 'build/icon.ico'))).toBe(true);
    expect(existsSync(join(root, 'build/icons/256x256.png'))).toBe(true);
  });

  it('registers .iwb.md as the app’s file type on both platforms', () => {
    expect(config.fileAssociations.map((association) => association.ext)).toEqual(['iwb.md']);
    expect(config.linux.mimeTypes).toContain(config.fileAssociations[0]!.mimeType);
  });

  it('refuses to pack a target whose DuckDB binding is not staged', async () => {
    const arm64 = 3;
    const armv7l = 2;
    await expect(config.beforePack({ electronPlatformName: 'win32', arch: arm64 })).rejects.toThrow('No packaging target win32-arm64: the targets are win32-x64, linux-x64, linux-arm64.');
    await expect(config.beforePack({ electronPlatformName: 'linux', arch: armv7l })).rejects.toThrow('No packaging target linux-armv7l');
    const staged = existsSync(join(root, stagedBindingDirectory(PACKAGING_TARGETS[0]!), 'duckdb.node'));
    const outcome = config.beforePack({ electronPlatformName: 'win32', arch: 1 });
    if (staged) await expect(outcome).resolves.toBeUndefined();
    else await expect(outcome).rejects.toThrow('run `node scripts/stageDuckdbBindings.cjs win`');
  });

  it('publishes nothing (no auto-update) and flips the hardening fuses', () => {
    expect(config.publish).toBeNull();
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

describe.each(PACKAGING_TARGETS)('file set of $os-$arch', (target) => {
  const binding = bindingPackageName(target.platform, target.arch);
  const staged = existsSync(join(root, stagedBindingDirectory(target), 'duckdb.node'));
  // Staging needs the npm registry (for other platforms' bindings), which a test must not use: CI stages first (.ci/run).
  const mustRun = staged || process.env.CI !== undefined;
  const built = existsSync(join(root, 'out/main/electronMain.js'));
  let files: TargetFiles;
  beforeAll(() => {
    if (mustRun) files = targetFiles(config, target);
  });

  it.skipIf(!mustRun)(`holds ${binding}, unpacked from the asar, and no other platform's binding (needs \`node scripts/stageDuckdbBindings.cjs\`)`, () => {
    expect(staged, `${stagedBindingDirectory(target)} is missing: run node scripts/stageDuckdbBindings.cjs`).toBe(true);
    expect(files.app).toContain(`node_modules/${binding}/duckdb.node`);
    expect(files.unpacked).toContain(`node_modules/${binding}/duckdb.node`);
    const library = target.platform === 'win32' ? 'duckdb.dll' : 'libduckdb.so';
    expect(files.unpacked).toContain(`node_modules/${binding}/${library}`);
    expect(files.app).toContain('node_modules/@duckdb/node-bindings/duckdb.js');
    expect(files.app).toContain('node_modules/@duckdb/node-api/package.json');
    const bindings = new Set([...files.app].filter((file) => file.startsWith('node_modules/@duckdb/node-bindings-')).map((file) => file.split('/').slice(0, 3).join('/')));
    expect([...bindings]).toEqual([`node_modules/${binding}`]);
  });

  it.skipIf(!mustRun || !built)('holds the built app, the bundled font, the datasets and the sample notebooks (needs `npm run build`)', () => {
    for (const file of ['package.json', 'out/main/electronMain.js', 'out/main/engineProcess.js', 'out/preload/preload.js', 'out/renderer/index.html', 'out/renderer/render.html']) {
      expect(files.app).toContain(file);
    }
    expect([...files.app].some((file) => /^out\/renderer\/assets\/noto-sans-sc-.*\.woff2$/.test(file))).toBe(true);
    for (const file of readdirSync(join(root, 'datasets'), { recursive: true, withFileTypes: true })) {
      if (file.isFile()) expect(files.resources).toContain(posix(join('datasets', relative(join(root, 'datasets'), join(file.parentPath, file.name)))));
    }
    const samples = readdirSync(join(root, 'queries')).filter((name) => name.endsWith('.iwb.md'));
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples) expect(files.resources).toContain(`queries/${sample}`);
  });

  // Electron starts worker threads with asar support (electron/electron#33216,
  // in 17.3.0 and 18 on; its spec starts a Worker whose entry file is inside an
  // asar), so the workbook worker stays in app.asar: it needs only its files
  // packed, not unpacked (docs/packaging.md).
  it.skipIf(!mustRun || !built)('holds the workbook worker, every chunk it requires and @e965/xlsx, inside the asar (needs `npm run build`)', () => {
    const { chunks, packages } = builtRequires('out/main/workbookWorker.js');
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(files.app, chunk).toContain(chunk);
      expect(files.unpacked, chunk).not.toContain(chunk);
    }
    expect(packages).toContain('@e965/xlsx');
    for (const name of packages) {
      const directory = join(root, 'node_modules', name);
      const main = posix(relative(realpathSync(directory), require.resolve(name, { paths: [root] })));
      expect(files.app, name).toContain(`node_modules/${name}/package.json`);
      expect(files.app, name).toContain(`node_modules/${name}/${main}`);
    }
  });

  it.skipIf(!mustRun || !built)('holds the Monte Carlo web worker the renderer starts', () => {
    const workers = [...files.app].filter((file) => /^out\/renderer\/assets\/monteCarloWorker-[^/]+\.js$/.test(file));
    expect(workers).toHaveLength(1);
    const bundles = readdirSync(join(root, 'out/renderer/assets')).filter((name) => name.endsWith('.js'));
    const worker = workers[0]!.split('/').pop()!;
    expect(bundles.some((name) => name !== worker && readFileSync(join(root, 'out/renderer/assets', name), 'utf8').includes(worker))).toBe(true);
  });

  it.skipIf(!mustRun || !built)('ships a page that carries the Content-Security-Policy', () => {
    expect(files.app).toContain('out/renderer/index.html');
    const html = readFileSync(join(root, 'out/renderer/index.html'), 'utf8');
    expect(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });

  it.skipIf(!mustRun)('holds nothing from tests, sources, scripts, configs, build tools or source maps', () => {
    const forbidden = [/^src-/, /^tests\//, /^scripts\//, /^build\//, /^dist\//, /^docs\//, /\.test\.[cm]?[jt]sx?$/, /\.map$/, /^tsconfig/, /^electron(-builder)?\.config\./, /^datasets\//, /^queries\//, /^README/];
    const offending = [...files.app].filter((file) => !file.startsWith('node_modules/') && forbidden.some((pattern) => pattern.test(file)));
    expect(offending).toEqual([]);
    for (const devOnly of ['electron', 'electron-builder', 'vitest', 'typescript', 'react', 'plotly.js', '@fontsource/noto-sans-sc']) {
      expect([...files.app].some((file) => file.startsWith(`node_modules/${devOnly}/`)), devOnly).toBe(false);
    }
  });
});
