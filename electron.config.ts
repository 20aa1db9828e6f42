import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const alias = { '@shared': resolve(__dirname, 'src-shared') };

/**
 * electron-vite configuration. Every script passes `-c electron.config.ts`:
 * electron-vite looks for electron.vite.config.* by default and would
 * otherwise silently build without this file.
 */
export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // Shared chunks sit beside the entries so __dirname is out/main in every file.
        output: { chunkFileNames: '[name]-[hash].js' },
        input: {
          electronMain: resolve(__dirname, 'src-main/electron/electronMain.ts'),
          engineProcess: resolve(__dirname, 'src-main/engine/process/engineProcess.ts'),
          // Workbooks are parsed on a worker thread with a memory cap (src-main/import/workbookThread.ts).
          workbookWorker: resolve(__dirname, 'src-main/import/workbookWorker.ts'),
          iwb: resolve(__dirname, 'src-main/cli/iwb.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() packages: bundle zod and the contract into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve(__dirname, 'src-main/electron/preload.ts') },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    // Relative asset URLs: the same build loads from file:// (Electron) and http://127.0.0.1 (browser mode).
    base: './',
    resolve: { alias },
    plugins: [react()],
    // plotly.js's CommonJS sources refer to Node's `global`.
    define: { global: 'globalThis' },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // Plotly alone is ~3 MB; the warning would fire on every build.
      chunkSizeWarningLimit: 6000,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-renderer/index.html'),
          // Headless chart rendering for `iwb run` (src-main/charts/ChartImageRenderer.ts).
          render: resolve(__dirname, 'src-renderer/render.html'),
        },
      },
    },
  },
});
