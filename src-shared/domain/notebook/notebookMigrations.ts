import type { JsonValue } from './NotebookDocument';

/**
 * Upgrades of the file format. A notebook written by an older version is
 * migrated step by step when it is opened (each step `from` → `from + 1`),
 * then saved in the current version. Migrations work on the file's plain
 * structure (header fields and blocks), before cells are decoded, so a step
 * can rename a field or a cell type without knowing the current model.
 *
 * Version 1 is the first format, so the list is empty; the runner and the
 * fixture check are exercised by an example step with its own fixture
 * (migrationFixtures/v0.*). Adding a step means:
 * raise NOTEBOOK_FORMAT_VERSION, append the step here, and add a fixture of
 * the old version to the migration test (a test fails until both exist).
 */

export interface MigratableBlock {
  type: string;
  name: string | null;
  extra: [string, JsonValue][];
  bodyLines: string[];
}

export interface MigratableNotebook {
  header: [string, JsonValue][];
  blocks: MigratableBlock[];
}

export interface NotebookMigration {
  from: number;
  description: string;
  up(notebook: MigratableNotebook): MigratableNotebook;
}

export const notebookMigrations: readonly NotebookMigration[] = [];

/**
 * Applies the steps from `version` up to `target`. Throws when a step is
 * missing: a gap in the list is a bug, not something to skip silently.
 */
export function migrateNotebook(
  notebook: MigratableNotebook,
  version: number,
  target: number,
  migrations: readonly NotebookMigration[] = notebookMigrations,
): { notebook: MigratableNotebook; applied: NotebookMigration[] } {
  let current = notebook;
  const applied: NotebookMigration[] = [];
  for (let from = version; from < target; from++) {
    const step = migrations.find((migration) => migration.from === from);
    if (!step) throw new Error(`No notebook migration from version ${from} to ${from + 1}`);
    current = step.up(structuredClone(current));
    applied.push(step);
  }
  return { notebook: current, applied };
}

/** The oldest version the steps can bring up to `current`. */
export function oldestReadableVersion(current: number, migrations: readonly NotebookMigration[] = notebookMigrations): number {
  let oldest = current;
  while (migrations.some((migration) => migration.from === oldest - 1)) oldest -= 1;
  return oldest;
}
