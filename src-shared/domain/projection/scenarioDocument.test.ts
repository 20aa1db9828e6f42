import { describe, expect, it } from 'vitest';
import scenarioV1 from '../../../tests/fixtures/scenarios/scenario-v1.json';
import {
  indicatorAssumptionKey,
  readScenarioDocument,
  SCENARIO_DOCUMENT_VERSION,
  scenarioDocument,
  scenarioMigrations,
  type ScenarioMigrationContext,
} from './scenarioDocument';

/** Stored documents of every older version, by version. */
const FIXTURES: Record<number, unknown> = { 1: scenarioV1 };
const fixture = (version: number): unknown => structuredClone(FIXTURES[version]);

const hte = indicatorAssumptionKey({ indicatorCode: 'hightech_enterprises', region: '慈溪市', scope: '全市' });
const rd = indicatorAssumptionKey({ indicatorCode: 'industrial_rd_expenditure', region: '慈溪市', scope: '全市' });
const workspace: ScenarioMigrationContext = {
  assumptionKeyOf: (targetId) =>
    ({ t2024_hightech_enterprises: hte, t2025_hightech_enterprises: hte, t2024_industrial_rd_expenditure: rd } as Record<string, string>)[targetId] ?? null,
};

describe('scenario documents', () => {
  it('migrates a version 1 document (assumptions by target id) to version 2 (by indicator), saying what it could not keep', () => {
    const { scenario, fromVersion, applied, notes } = readScenarioDocument(fixture(1), workspace);
    expect(fromVersion).toBe(1);
    expect(applied.map((step) => step.from)).toEqual([1]);
    expect(scenario.assumptions).toEqual({
      [hte]: { newCertifications: 240, recertificationRate: 0.72 },
      [rd]: { growthAdjustment: 0.02, method: { method: 'cagr' } },
      t2023_removed_target: { growthAdjustment: 0.01 },
    });
    expect(notes).toEqual([
      'assumptions of target t2023_removed_target kept under its id: the workspace has no such target',
      `assumptions of target t2025_hightech_enterprises dropped: ${hte} already has those of an earlier target`,
    ]);
    expect(scenario).toMatchObject({ id: 'plan-2024', name: '稳中求进', kind: 'custom' });
  });

  it('reads a current document as it is, and writes documents in the current version', () => {
    const { scenario } = readScenarioDocument(fixture(1), workspace);
    const stored = JSON.parse(JSON.stringify(scenarioDocument(scenario))) as unknown;
    expect(stored).toMatchObject({ version: SCENARIO_DOCUMENT_VERSION });
    const again = readScenarioDocument(stored, workspace);
    expect(again.applied).toEqual([]);
    expect(again.scenario).toEqual(scenario);
  });

  it('names the field of a document that does not validate, refuses newer versions, and treats a gap in the steps as a bug', () => {
    expect(() => readScenarioDocument({ version: 2, scenario: { id: 'a', name: 'A', kind: 'custom', assumptions: { x: { paceFactor: 9 } } } }, workspace)).toThrow(
      /^scenario\.assumptions\.x\.paceFactor: /,
    );
    expect(() => readScenarioDocument({ version: 3, scenario: {} }, workspace)).toThrow('Scenario document version 3 is newer than this version of the workbench reads (2)');
    expect(() => readScenarioDocument({ id: 'a' }, workspace, [], 2)).toThrow('No scenario migration from version 1 to 2');
  });

  it('has a step from every older version, each exercised by a fixture', () => {
    for (let version = 1; version < SCENARIO_DOCUMENT_VERSION; version++) {
      expect(scenarioMigrations.some((step) => step.from === version)).toBe(true);
      expect(FIXTURES[version]).toBeDefined();
    }
  });
});
