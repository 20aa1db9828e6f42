import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The script the engine process runs. Built code ships `engineProcess.js`
 * next to the main bundle; when running from source (tests, `tsx`), the
 * TypeScript entry is loaded through tsx.
 */
export function engineEntryPoint(): { entry: string; execArgv: string[] } {
  const built = join(__dirname, 'engineProcess.js');
  if (existsSync(built)) return { entry: built, execArgv: [] };
  const source = join(__dirname, 'process', 'engineProcess.ts');
  if (existsSync(source)) {
    const tsxLoader = pathToFileURL(resolve(__dirname, '../../node_modules/tsx/dist/loader.mjs')).href;
    return { entry: source, execArgv: ['--import', tsxLoader] };
  }
  throw new Error(`Engine entry point not found next to ${__dirname}; run \`npm run build\`.`);
}
