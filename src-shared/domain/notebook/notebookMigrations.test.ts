/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { NOTEBOOK_FORMAT_VERSION } from './NotebookDocument';
import { migrateNotebook, notebookMigrations, oldestReadableVersion, type NotebookMigration } from './notebookMigrations';
import { NotebookFormatError } from './notebookProblem';
import { parseNotebook, serializeNotebook } from './notebookText';

/**
 * The runner is tested with steps of its own: version 1 is the first real
 * format, so there is no real step yet. A made-up "version 0" called SQL
 * cells `query` and a parameter's control `widget`.
 */
const toVersion1: NotebookMigration = {
  from: 0,
  description: 'query cells become sql cells; widget becomes control',
  up: (notebook) => ({
    header: notebook.header,
    blocks: notebook.blocks.map((block) => ({
      ...block,
      type: block.type === 'query' ? 'sql' : block.type,
      bodyLines: block.type === 'parameter' ? block.bodyLines.map((line) => line.replace(/^widget:/, 'control:')) : block.bodyLines,
    })),
  }),
};

// Every step comes with a fixture written in the old version and the text it becomes (see migrationFixtures/README.md).
const fixtures = import.meta.glob('./migrationFixtures/*.iwb.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** The example step's fixture with Windows line ends, as Notepad saves it. */
const VERSION_0 = fixtures['./migrationFixtures/v0.iwb.md']!.replaceAll('\n', '\r\n');

/** Opens the version-`from` fixture with `steps` and compares the saved text with its migrated fixture. */
function checkMigrationFixture(from: number, steps: readonly NotebookMigration[], currentVersion = NOTEBOOK_FORMAT_VERSION): void {
  const before = fixtures[`./migrationFixtures/v${from}.iwb.md`];
  const after = fixtures[`./migrationFixtures/v${from}.migrated.iwb.md`];
  if (before === undefined || after === undefined) throw new Error(`add migrationFixtures/v${from}.iwb.md and v${from}.migrated.iwb.md`);
  expect(serializeNotebook(parseNotebook(before, { migrations: steps, currentVersion }).document, before)).toBe(after);
}

describe('migrateNotebook', () => {
  it('migrates an older file on open and keeps the unchanged cells byte for byte when saved', () => {
    const parsed = parseNotebook(VERSION_0, { migrations: [toVersion1], currentVersion: 1 });
    expect(parsed.migratedFrom).toBe(0);
    expect(parsed.migrations).toEqual(['query cells become sql cells; widget becomes control']);
    expect(parsed.document.formatVersion).toBe(1);
    expect(parsed.document.cells.map((cell) => cell.kind)).toEqual(['markdown', 'parameter', 'sql']);
    expect(parsed.document.cells[1]).toMatchObject({ control: 'number', value: 2023 });
    expect(parsed.cellLines).toEqual([6, 10, 15]);
    const saved = serializeNotebook(parsed.document, VERSION_0);
    expect(saved).toBe(
      VERSION_0.replace('iwb-notebook: 0', 'iwb-notebook: 1')
        .replace('widget: number', 'control: number')
        .replace('```query totals', '```sql totals'),
    );
  });

  it('runs several steps in order', () => {
    const renameTitle: NotebookMigration = {
      from: 1,
      description: 'title becomes heading',
      up: (notebook) => ({ ...notebook, header: notebook.header.map(([key, value]) => [key === 'title' ? 'heading' : key, value]) }),
    };
    const parsed = parseNotebook(VERSION_0, { migrations: [renameTitle, toVersion1], currentVersion: 2 });
    expect(parsed.migrations).toEqual([toVersion1.description, renameTitle.description]);
    expect(parsed.document.title).toBeNull();
    expect(parsed.document.headerExtra).toEqual([['heading', '旧版笔记本']]);
  });

  it('refuses a version no step reaches, naming the line', () => {
    try {
      parseNotebook(VERSION_0);
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(NotebookFormatError);
      expect((error as NotebookFormatError).message).toBe('line 2: format version 0 is older than this app can read (oldest: 1)');
    }
  });

  it('treats a gap in the steps as a bug', () => {
    expect(() => migrateNotebook({ header: [], blocks: [] }, 0, 2, [toVersion1])).toThrow('No notebook migration from version 1 to 2');
  });

  it('does not change the notebook it was given', () => {
    const notebook = { header: [], blocks: [{ type: 'query', name: null, extra: [], bodyLines: ['select 1'] }] };
    migrateNotebook(notebook, 0, 1, [toVersion1]);
    expect(notebook.blocks[0]!.type).toBe('query');
  });
});

describe('the real migration list', () => {
  it('reaches the current version from the oldest readable one without gaps', () => {
    const oldest = oldestReadableVersion(NOTEBOOK_FORMAT_VERSION);
    expect(NOTEBOOK_FORMAT_VERSION - oldest).toBe(notebookMigrations.length);
    expect(notebookMigrations.map((step) => step.from).sort()).toEqual(Array.from({ length: notebookMigrations.length }, (_unused, index) => oldest + index));
  });

  it.each(notebookMigrations.map((step) => [step.from, step.description]))('migrates the version %i fixture (%s)', (from) => {
    checkMigrationFixture(from, notebookMigrations);
  });

  it('the fixture check runs on a real fixture pair (the example step) and fails without one', () => {
    checkMigrationFixture(0, [toVersion1], 1);
    expect(() => checkMigrationFixture(7, [toVersion1], 1)).toThrow('add migrationFixtures/v7.iwb.md and v7.migrated.iwb.md');
  });

  it('has no fixture without a step', () => {
    const versions = Object.keys(fixtures).map((path) => Number(/\/v(\d+)\./.exec(path)![1]));
    const stepped = new Set([toVersion1.from, ...notebookMigrations.map((step) => step.from)]);
    expect(versions.filter((version) => !stepped.has(version))).toEqual([]);
  });
});
