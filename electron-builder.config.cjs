'use strict';
// Packaging of the desktop app (docs/packaging.md). `npm run dist:win` and
// `npm run dist:linux` stage the DuckDB binding of each target first
// (scripts/stageDuckdbBindings.cjs), because npm installs only the binding
// of the machine it runs on. tests/unit/packagingConfig.test.ts evaluates
// this file with electron-builder's own file matching.

const { Arch } = require('builder-util');
const { DUCKDB_STAGING_DIRECTORY, checkStagedBinding } = require('./scripts/packaging/duckdbBindingTargets.cjs');

const PRODUCT_NAME = '指标工作台';

/** @type {import('app-builder-lib').Configuration} */
module.exports = {
  appId: 'cn.cixi.kjj.indicator-workbench',
  productName: PRODUCT_NAME,
  // ASCII file names for the executable and the artifacts: some domestic
  // desktops and download tools still mangle non-ASCII names.
  executableName: 'indicator-workbench',
  artifactName: 'indicator-workbench-${version}-${os}-${arch}.${ext}',
  copyright: '慈溪市科学技术局 Cixi Science and Technology Bureau',
  directories: { output: 'dist', buildResources: 'build' },
  // Only the built bundles and package.json; tests and sources stay out
  // (nothing under src-*, tests, scripts or the repository's configs).
  files: [
    'out/**',
    'package.json',
    '!**/*.map',
    // npm installed the binding of the build machine; each target gets its own below.
    '!node_modules/@duckdb/node-bindings-*/**',
    { from: `${DUCKDB_STAGING_DIRECTORY}/\${os}-\${arch}`, to: 'node_modules/@duckdb', filter: ['**/*'] },
  ],
  beforePack: async (context) => checkStagedBinding(__dirname, context.electronPlatformName, Arch[context.arch]),
  asar: true,
  // Native code cannot be loaded from inside an asar archive: duckdb.node and
  // libduckdb are unpacked to app.asar.unpacked (Electron redirects require()).
  asarUnpack: ['node_modules/@duckdb/**'],
  extraResources: [
    { from: 'datasets', to: 'datasets', filter: ['**/*'] },
    { from: 'queries', to: 'queries', filter: ['**/*.iwb.md'] },
  ],
  fileAssociations: [
    {
      ext: 'iwb.md',
      name: 'IndicatorWorkbenchNotebook',
      description: '指标工作台笔记本 Indicator Workbench notebook',
      mimeType: 'application/x-iwb-notebook',
      role: 'Editor',
    },
  ],
  // DuckDB's Node binding is N-API: no rebuild (which would download Electron headers).
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  // No auto-update: nothing is published and the app fetches nothing.
  publish: null,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  },
  // Icons come from build/icon.svg (node scripts/packaging/makeIcons.mjs);
  // build/ is the buildResources directory and is not in `files`.
  win: {
    icon: 'build/icon.ico',
    target: [
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ],
    // No code-signing certificate in this project: leave the executable
    // unsigned, but let electron-builder put the icon and the version info
    // into it (resedit, plain JavaScript, also on Linux). The shortcuts take
    // their icon from the executable.
    signExecutable: false,
  },
  nsis: {
    // Per user, no administrator rights: installs under %LOCALAPPDATA%\Programs.
    oneClick: false,
    perMachine: false,
    allowElevation: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: PRODUCT_NAME,
    uninstallDisplayName: `${PRODUCT_NAME} Indicator Workbench`,
    installerLanguages: ['zh_CN', 'en_US'],
    language: '2052',
    unicode: true,
    artifactName: 'indicator-workbench-${version}-setup-${arch}.${ext}',
  },
  portable: {
    artifactName: 'indicator-workbench-${version}-portable-${arch}.${ext}',
  },
  linux: {
    // electron-builder's icon set directory: build/icons/<size>x<size>.png.
    icon: 'build/icons',
    target: [
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ],
    category: 'Office',
    synopsis: '指标工作台：科技规划指标的离线分析',
    description: '离线分析工作台：DuckDB SQL、目标、情景、笔记本与简报。 Offline analysis workbench for science and technology planning indicators.',
    maintainer: 'Cixi Science and Technology Bureau <noreply@localhost>',
    mimeTypes: ['application/x-iwb-notebook'],
    desktop: {
      entry: {
        Name: PRODUCT_NAME,
        'Name[zh_CN]': PRODUCT_NAME,
        'Name[en]': 'Indicator Workbench',
        GenericName: '指标分析',
        'GenericName[en]': 'Indicator analysis',
        Comment: '科技规划指标的离线分析工作台',
        'Comment[en]': 'Offline analysis workbench for planning indicators',
        Keywords: 'indicator;DuckDB;SQL;指标;规划;',
      },
    },
  },
  deb: {
    artifactName: 'indicator-workbench_${version}_${arch}.${ext}',
  },
};
