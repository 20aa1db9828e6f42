import { describe, expect, it } from 'vitest';
import { sampleTargetInputs } from '../../../tests/fixtures/projectionTargets';
import { ASSUMPTION_TABLE, assumptionRows, goalSeekRow, type AssumptionKey } from './assumptionTable';
import { scenarioSchema } from './scenario';

const withAssumption = (key: AssumptionKey, value: number) => ({ id: 's', name: 's', kind: 'custom', assumptions: { t: { [key]: value } } });

describe('the one assumption table', () => {
  it('is what the schema accepts: every bound is valid, one step beyond is not', () => {
    for (const [key, limits] of Object.entries(ASSUMPTION_TABLE) as [AssumptionKey, (typeof ASSUMPTION_TABLE)[AssumptionKey]][]) {
      expect(scenarioSchema.safeParse(withAssumption(key, limits.min)).success).toBe(true);
      expect(scenarioSchema.safeParse(withAssumption(key, limits.max)).success).toBe(true);
      expect(scenarioSchema.safeParse(withAssumption(key, limits.max + limits.step)).success).toBe(false);
      expect(scenarioSchema.safeParse(withAssumption(key, limits.min - limits.step)).success).toBe(false);
    }
  });

  it('gives every model its sliders inside the table and exactly one knob for goal seek', () => {
    for (const input of sampleTargetInputs) {
      const rows = assumptionRows(input);
      expect(rows.filter((row) => row.goalSeek)).toHaveLength(1);
      for (const row of rows) {
        expect(row.min).toBe(ASSUMPTION_TABLE[row.key].min);
        expect(row.max).toBeLessThanOrEqual(ASSUMPTION_TABLE[row.key].max);
        expect(row.step).toBe(ASSUMPTION_TABLE[row.key].step);
        expect(row.baseline).toBeGreaterThanOrEqual(row.min);
        expect(row.baseline).toBeLessThanOrEqual(row.max);
      }
      expect(goalSeekRow(input)).toEqual(rows.find((row) => row.goalSeek));
    }
  });
});
