import { readFileSync, writeFileSync } from 'node:fs';
import { atomicWriteFile } from './atomicWriteFile';

/**
 * Test helper (atomicWriteFile.test.ts): saves two contents in turn to one
 * file as fast as it can, printing a dot per finished save, until killed.
 * `naive` writes in place instead, to show the test catches torn files.
 */
const [target, firstFile, secondFile, mode] = process.argv.slice(2) as [string, string, string, 'atomic' | 'naive'];
const contents = [readFileSync(firstFile), readFileSync(secondFile)];

async function loop(): Promise<void> {
  for (let index = 0; ; index++) {
    const content = contents[index % 2]!;
    if (mode === 'naive') writeFileSync(target, content);
    else await atomicWriteFile(target, content);
    process.stdout.write('.');
  }
}

void loop();
