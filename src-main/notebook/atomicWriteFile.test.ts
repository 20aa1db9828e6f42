import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseNotebook } from '@shared/domain/notebook/notebookText';
import { atomicWriteFile } from './atomicWriteFile';

const folder = mkdtempSync(join(tmpdir(), 'iwb-atomic-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Two valid notebooks of about 300 KB each, so a kill often lands in the middle of writing one. */
function notebookText(label: string): string {
  const cells = Array.from({ length: 1500 }, (_unused, index) => `\`\`\`sql c${index}\nselect '${label}' as 版本, ${index} as n -- 研发经费投入占比\n\`\`\`\n`);
  return `---\niwb-notebook: 1\ntitle: ${label}\n---\n\n${cells.join('\n')}`;
}

const first = notebookText('甲');
const second = notebookText('乙');
writeFileSync(join(folder, 'first.txt'), first);
writeFileSync(join(folder, 'second.txt'), second);

const tsxLoader = pathToFileURL(resolve(__dirname, '../../node_modules/tsx/dist/loader.mjs')).href;

interface CrashRound {
  saves: number;
  content: string;
}

/** Starts a child that saves in a loop, kills it with SIGKILL at a random moment, and reads what is left. */
async function crashRound(target: string, mode: 'atomic' | 'naive'): Promise<CrashRound> {
  const child = spawn(
    process.execPath,
    ['--import', tsxLoader, join(__dirname, 'atomicWriteCrashChild.ts'), target, join(folder, 'first.txt'), join(folder, 'second.txt'), mode],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let saves = 0;
  const started = new Promise<void>((resolveStarted) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      saves += chunk.length;
      resolveStarted();
    });
  });
  const exited = new Promise<void>((resolveExit) => child.on('exit', () => resolveExit()));
  await started;
  await new Promise((resolveWait) => setTimeout(resolveWait, Math.random() * 60));
  child.kill('SIGKILL');
  await exited;
  return { saves, content: readFileSync(target, 'utf8') };
}

describe('atomicWriteFile', () => {
  it('replaces the content and leaves no temporary file behind', async () => {
    const target = join(folder, 'plain.iwb.md');
    await atomicWriteFile(target, first);
    await atomicWriteFile(target, second);
    expect(readFileSync(target, 'utf8')).toBe(second);
    expect(readdirSync(folder).filter((name) => name.startsWith('.plain'))).toEqual([]);
  });

  it('always leaves the old or the new notebook when the saving process is killed at random moments', async () => {
    const target = join(folder, 'crash.iwb.md');
    let totalSaves = 0;
    const rounds = 40;
    for (let round = 0; round < rounds; round++) {
      const { saves, content } = await crashRound(target, 'atomic');
      totalSaves += saves;
      expect(content === first || content === second, `round ${round}: the file is neither version (${content.length} characters)`).toBe(true);
      expect(parseNotebook(content).document.cells).toHaveLength(1500);
    }
    console.log(`[crash test] ${rounds} kills during ${totalSaves} saves of a ${Buffer.byteLength(first)}-byte notebook: every file intact`);
    expect(totalSaves).toBeGreaterThan(100);
    // 40 child processes: about 15 s on a quiet machine, past 60 s under a load of 11 (a limit, not a duration asserted).
  }, 240_000);

  it('(control) catches torn files when the same process writes in place', async () => {
    const target = join(folder, 'naive.iwb.md');
    let torn = 0;
    for (let round = 0; round < 30 && torn === 0; round++) {
      const { content } = await crashRound(target, 'naive');
      if (content !== first && content !== second) torn += 1;
    }
    expect(torn).toBeGreaterThan(0);
  }, 60_000);
});
