import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * Import direction (STYLE.md §1): shared code imports no runtime; the
 * renderer imports no Node or Electron; Node-side services import no
 * Electron (only src-main/electron may); adapters import the dispatcher and
 * the contract, never services or the engine, so they cannot hold logic.
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const nodeImports = { paths: nodeBuiltins.map((name) => ({ name, message: 'Node built-ins are not available here.' })) };
const noElectron = { group: ['electron', 'electron/*'], message: 'Only src-main/electron may import Electron.' };
const noRenderer = { group: ['**/src-renderer/**', '../../src-renderer/*'], message: 'The main side never imports renderer code.' };
const noMain = { group: ['**/src-main/**'], message: 'The renderer talks to the main side only through the contract.' };
/**
 * The engine process (src-main/engine/process) is the only code that touches
 * DuckDB, and the main side reaches it only through messages (engineProtocol,
 * EngineClient): nothing outside it imports DuckDB or its modules. The
 * launchers start it by file path (engineEntryPoint), not by import.
 */
const noDuckDB = { group: ['@duckdb/*'], message: 'Only src-main/engine/process may import DuckDB; go through EngineClient and engineProtocol.' };
const noEngineProcess = {
  regex: '(^|/)engine/process(/|$)|^\\.{1,2}/process(/|$)',
  message: 'Only the engine process imports src-main/engine/process; the main side talks to it through EngineClient and engineProtocol.',
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', 'coverage/**', '.tmp/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...nodeImports,
          patterns: [
            noElectron,
            { group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*', 'plotly.js', 'plotly.js/*', '@codemirror/*', 'codemirror', '@duckdb/*'], message: 'Shared code imports no runtime or UI library.' },
            noRenderer,
            noMain,
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { ...nodeImports, patterns: [noElectron, noMain, { group: ['@duckdb/*'], message: 'The renderer never touches DuckDB directly.' }] }],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noRenderer, noDuckDB, noEngineProcess] }] },
  },
  {
    files: ['src-main/engine/process/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noRenderer] }] },
  },
  {
    // Tests of main-side SQL (datasets, notebook summaries) drive the real engine in-process.
    files: ['src-main/**/*.test.ts'],
    ignores: ['src-main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noRenderer] }] },
  },
  {
    files: ['src-main/electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': ['error', { patterns: [noRenderer, noDuckDB, noEngineProcess] }],
      // Electron's security checklist (docs/security.md): these web preferences never take their unsafe value.
      'no-restricted-syntax': [
        'error',
        ...[
          ['webSecurity', false],
          ['contextIsolation', false],
          ['sandbox', false],
          ['nodeIntegration', true],
          ['nodeIntegrationInWorker', true],
          ['nodeIntegrationInSubFrames', true],
          ['allowRunningInsecureContent', true],
          ['webviewTag', true],
          ['experimentalFeatures', true],
        ].map(([name, value]) => ({ selector: `Property[key.name='${name}'][value.value=${value}]`, message: `${name}: ${value} is forbidden (docs/security.md).` })),
      ],
    },
  },
  {
    // Adapters: transport only. They reach the service through dispatchCall and the contract.
    files: ['src-main/host/httpHost.ts', 'src-main/electron/ipcHost.ts', 'src-main/electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noRenderer,
            { group: ['**/services/*', '**/engine/*', '../services/*', '../engine/*', '@duckdb/*'], message: 'Adapters hold no logic: go through dispatchCall and the contract.' },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'scripts/**/*.{ts,cjs,mjs}', 'bin/**/*.cjs', '*.config.{ts,mjs,cjs}', 'eslint.config.mjs'],
    languageOptions: { globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
