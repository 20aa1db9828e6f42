import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkbench } from '../services/createWorkbench';
import { notebookFolders } from '../notebook/notebookFolders';
import { cleanCrashLeftovers } from './crashLeftovers';
import { resolveWorkspace } from './workspaceLocation';

process.env.IWB_BUNDLED_DATASETS = 'off';
const root = mkdtempSync(join(tmpdir(), 'iwb-leftovers-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const tsxLoader = pathToFileURL(resolve(__dirname, '../../node_modules/tsx/dist/loader.mjs')).href;

const notebook = (title: string) => `---\niwb-notebook: 1\ntitle: ${title}\n---\n\n\`\`\`sql\nselect '${title}' as 版本, ${'1 + '.repeat(2000)}1 as n\n\`\`\`\n`;

/** The pid of a process that has exited (nothing runs under it now). */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

function child(args: string[]): { pid: number; output: () => string; exited: Promise<void>; kill: () => void } {
  const spawned = spawn(process.execPath, ['--import', tsxLoader, join(__dirname, 'crashLoopChild.ts'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  spawned.stdout!.on('data', (part: Buffer) => (output += part.toString()));
  spawned.stderr!.on('data', (part: Buffer) => (output += part.toString()));
  return { pid: spawned.pid!, output: () => output, exited: new Promise((done) => spawned.on('exit', () => done())), kill: () => spawned.kill('SIGKILL') };
}

async function waitFor(what: string, probe: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
  }
}

describe('cleanCrashLeftovers', () => {
  it('removes what dead processes left and keeps what live ones use and unsaved work', async () => {
    const temporaryFolder = join(root, 'tmp');
    const workspace = resolveWorkspace(join(root, 'unit'));
    const folders = notebookFolders(workspace, null);
    for (const folder of [temporaryFolder, folders.notebooks, folders.recovery]) mkdirSync(folder, { recursive: true });
    const dead = deadPid();
    mkdirSync(join(temporaryFolder, `iwb-import-${dead}-0badc0de`, 'nested'), { recursive: true });
    mkdirSync(join(temporaryFolder, `iwb-import-${process.pid}-00c0ffee`));
    mkdirSync(join(temporaryFolder, 'iwb-import-Ab12Cd'));
    writeFileSync(join(folders.notebooks, `.a.iwb.md.${dead}.0badc0de.tmp`), 'half');
    writeFileSync(join(folders.notebooks, `.b.iwb.md.${process.pid}.00c0ffee.tmp`), 'live');
    writeFileSync(join(folders.notebooks, 'notes.tmp'), 'not a save of ours');
    const saved = join(folders.notebooks, 'saved.iwb.md');
    writeFileSync(saved, notebook('甲'));
    const recovery = (name: string, path: string | null, text: string) =>
      writeFileSync(join(folders.recovery, `${name}.json`), JSON.stringify({ version: 1, recoveryId: name, path, title: null, baseHash: null, savedAt: 1, text }));
    recovery('spent', saved, notebook('甲').replace(/\n/g, '\r\n'));
    recovery('unsaved', saved, notebook('乙'));
    recovery('untitled', null, notebook('丙'));
    recovery('orphan', join(folders.notebooks, 'deleted.iwb.md'), notebook('丁'));

    const report = await cleanCrashLeftovers(folders, { temporaryFolder });
    expect(report).toEqual({
      importFolders: [join(temporaryFolder, `iwb-import-${dead}-0badc0de`)],
      temporaryFiles: [join(folders.notebooks, `.a.iwb.md.${dead}.0badc0de.tmp`)],
      recoveryCopies: [join(folders.recovery, 'spent.json')],
    });
    expect(readdirSync(temporaryFolder).sort()).toEqual([`iwb-import-${process.pid}-00c0ffee`, 'iwb-import-Ab12Cd'].sort());
    expect(readdirSync(folders.notebooks).sort()).toEqual([`.b.iwb.md.${process.pid}.00c0ffee.tmp`, 'notes.tmp', 'saved.iwb.md'].sort());
    expect(readdirSync(folders.recovery).sort()).toEqual(['orphan.json', 'unsaved.json', 'untitled.json']);
  });

  it('kill -9 loop during saves and imports: the next start leaves 0 corrupt, 0 lost, 0 leftovers', async () => {
    const workspace = resolveWorkspace(join(root, 'loop'));
    const folders = notebookFolders(workspace, null);
    mkdirSync(folders.notebooks, { recursive: true });
    const target = join(folders.notebooks, '研发投入.iwb.md');
    const versions = [notebook('甲'), notebook('乙')];
    writeFileSync(target, versions[0]!);
    const killed: number[] = [];

    // Saves: killed at random moments after the loop is under way.
    for (let round = 0; round < 12; round++) {
      const saver = child(['save', target, ...versions]);
      await waitFor('saves to start', () => saver.output().length >= 1 + (round % 5));
      saver.kill();
      await saver.exited;
      killed.push(saver.pid);
    }

    // Imports: a GB18030 file is transcoded into the staging folder; kill while it is there.
    const csv = join(root, 'gb18030.csv');
    const rows = Array.from({ length: 100_000 }, (_, index) => `慈溪市,${2000 + (index % 24)},${index}.5`).join('\n');
    writeFileSync(csv, iconv.encode(`地区,年份,数值\n${rows}\n`, 'gb18030'));
    const completed: string[] = [];
    for (let round = 0; round < 3; round++) {
      const table = `imported_${round}`;
      const importer = child(['iwb', 'import', csv, '--table', table, '--workspace', workspace.directory]);
      await waitFor('the import staging folder', () => readdirSync(tmpdir()).some((name) => name.startsWith(`iwb-import-${importer.pid}-`)) || importer.output().includes('Imported'));
      if (importer.output().includes('Imported')) completed.push(table);
      importer.kill();
      await importer.exited;
      killed.push(importer.pid);
    }

    // What the kills left, before the next start.
    const leftTemporary = readdirSync(folders.notebooks).filter((name) => name.endsWith('.tmp')).length;
    const leftStaging = readdirSync(tmpdir()).filter((name) => killed.some((pid) => name.startsWith(`iwb-import-${pid}-`))).length;
    console.log(`kill -9 loop: ${killed.length} kills, ${leftTemporary} save temporary files and ${leftStaging} import folders left before the next start`);
    expect(leftStaging).toBeGreaterThan(0);

    // The next start.
    const workbench = await createWorkbench({ workspace, host: 'browser' });
    try {
      const content = readFileSync(target, 'utf8');
      expect(versions).toContain(content);
      expect(readdirSync(folders.notebooks).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      expect(readdirSync(tmpdir()).filter((name) => killed.some((pid) => name.startsWith(`iwb-import-${pid}-`)))).toEqual([]);
      // An import either committed whole or left nothing.
      const tables = await workbench.client.query.run({ queryId: 'tables' as never, sql: "select table_name from duckdb_tables() where table_name like 'imported_%' order by 1", windowRows: 10 });
      for (let round = 0; round < 3; round++) {
        const counted = await workbench.engine.call('exec', { sql: `select count(*)::int as n from duckdb_tables() where table_name = 'imported_${round}'` });
        if (counted.rows[0]!.n === 1) {
          const rowsIn = await workbench.engine.call('exec', { sql: `select count(*)::int as n from imported_${round}` });
          expect(rowsIn.rows).toEqual([{ n: 100_000 }]);
        }
      }
      expect(tables.rowCount).toBeGreaterThanOrEqual(completed.length);
    } finally {
      workbench.dispose();
    }
    expect(existsSync(target)).toBe(true);
  }, 240_000);
});
