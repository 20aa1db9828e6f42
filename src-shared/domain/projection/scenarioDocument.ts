import { ProjectionInputError } from './annualSeries';
import { scenarioSchema, type Scenario, type TargetAssumptions } from './scenario';

/**
 * The stored form of one scenario (a row of the `scenarios` table), with a
 * version and migrations, as notebooks have (`notebookMigrations.ts`).
 *
 * Versions:
 * - 1: the scenario object itself, no version field; assumptions keyed by
 *   target id (so the 2024 and 2025 targets of one indicator had separate
 *   assumptions).
 * - 2: `{ version: 2, scenario }`; assumptions keyed by the indicator
 *   (`indicatorAssumptionKey`), so every target of one indicator shares them.
 *
 * A document is migrated step by step when it is read, then saved in the
 * current version. Adding a step means: raise SCENARIO_DOCUMENT_VERSION,
 * append the step, and add a fixture of the old version to the test.
 */
export const SCENARIO_DOCUMENT_VERSION = 2;

export interface ScenarioDocument {
  version: typeof SCENARIO_DOCUMENT_VERSION;
  scenario: Scenario;
}

/** What a migration may need to know of the workspace. */
export interface ScenarioMigrationContext {
  /** The assumption key of a target id (its indicator's), or null for a target the workspace no longer has. */
  assumptionKeyOf(targetId: string): string | null;
}

export interface ScenarioMigration {
  from: number;
  description: string;
  up(document: Record<string, unknown>, context: ScenarioMigrationContext, notes: string[]): Record<string, unknown>;
}

export const scenarioMigrations: readonly ScenarioMigration[] = [
  {
    from: 1,
    description: 'assumptions keyed by indicator instead of target id; the document gains a version',
    up(document, context, notes) {
      const assumptions = (document.assumptions ?? {}) as Record<string, TargetAssumptions>;
      const rekeyed: Record<string, TargetAssumptions> = {};
      // Target ids sort by year in the bundled data (t2024_…, t2025_…): the earliest target's assumptions win.
      for (const targetId of Object.keys(assumptions).sort()) {
        const key = context.assumptionKeyOf(targetId);
        if (key === null) {
          notes.push(`assumptions of target ${targetId} kept under its id: the workspace has no such target`);
          rekeyed[targetId] = assumptions[targetId]!;
        } else if (key in rekeyed) {
          notes.push(`assumptions of target ${targetId} dropped: ${key} already has those of an earlier target`);
        } else {
          rekeyed[key] = assumptions[targetId]!;
        }
      }
      return { version: 2, scenario: { ...document, assumptions: rekeyed } };
    },
  },
];

/** The key under which a scenario holds an indicator's assumptions. */
export function indicatorAssumptionKey(target: { indicatorCode: string; region: string; scope: string }): string {
  return `${target.indicatorCode}|${target.region}|${target.scope}`;
}

export function scenarioDocument(scenario: Scenario): ScenarioDocument {
  return { version: SCENARIO_DOCUMENT_VERSION, scenario };
}

/** The version of a stored document: its `version` field, or 1 for a bare scenario object. */
export function scenarioDocumentVersion(data: unknown): number {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ProjectionInputError('A scenario document must be a JSON object');
  const version = (data as Record<string, unknown>).version;
  if (version === undefined) return 1;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new ProjectionInputError(`Scenario document version must be a whole number; got ${JSON.stringify(version)}`);
  return version;
}

/**
 * Reads a stored document of any known version: migrates it to the current
 * one, then validates the scenario. Throws `ProjectionInputError` naming the
 * field for a document that does not validate, and for a version newer than
 * this build or a gap in the steps.
 */
export function readScenarioDocument(
  data: unknown,
  context: ScenarioMigrationContext,
  migrations: readonly ScenarioMigration[] = scenarioMigrations,
  current: number = SCENARIO_DOCUMENT_VERSION,
): { scenario: Scenario; fromVersion: number; applied: ScenarioMigration[]; notes: string[] } {
  const fromVersion = scenarioDocumentVersion(data);
  if (fromVersion > current) throw new ProjectionInputError(`Scenario document version ${fromVersion} is newer than this version of the workbench reads (${current})`);
  let document = structuredClone(data) as Record<string, unknown>;
  const applied: ScenarioMigration[] = [];
  const notes: string[] = [];
  for (let from = fromVersion; from < current; from++) {
    const step = migrations.find((migration) => migration.from === from);
    if (!step) throw new Error(`No scenario migration from version ${from} to ${from + 1}`);
    document = step.up(document, context, notes);
    applied.push(step);
  }
  const keys = Object.keys(document).sort().join(',');
  if (keys !== 'scenario,version') throw new ProjectionInputError(`Scenario document: expected the fields scenario and version; got ${keys}`);
  const parsed = scenarioSchema.safeParse(document.scenario);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ProjectionInputError(`${['scenario', ...issue.path.map(String)].join('.')}: ${issue.message}`);
  }
  return { scenario: parsed.data as Scenario, fromVersion, applied, notes };
}
