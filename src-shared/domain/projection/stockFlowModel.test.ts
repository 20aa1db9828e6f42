import { describe, expect, it } from 'vitest';
import { runMonteCarlo } from './monteCarlo';
import { projectStockFlow, stockFlowSimulation, type StockFlowInput } from './stockFlowModel';

const input: StockFlowInput = {
  lastYear: 2023,
  openingStock: 900,
  issuedByYear: [
    { year: 2021, count: 250 },
    { year: 2022, count: 280 },
    { year: 2023, count: 300 },
  ],
  toYear: 2027,
  assumptions: { newCertifications: 200, recertificationRate: 0.6, revoked: 5 },
};

describe('projectStockFlow', () => {
  it('matches a hand-computed case with known cohorts', () => {
    // 2024: expiring = issued 2021 = 250, renewed 150: 900 + 200 + 150 − 250 − 5 = 995; issued 2024 = 350.
    // 2025: expiring 280, renewed 168: 995 + 200 + 168 − 280 − 5 = 1078.
    // 2026: expiring 300, renewed 180: 1078 + 200 + 180 − 300 − 5 = 1153.
    // 2027: expiring = issued 2024 = 350, renewed 210: 1153 + 200 + 210 − 350 − 5 = 1208.
    const years = projectStockFlow(input);
    expect(years.map((year) => year.closing)).toEqual([995, 1078, 1153, 1208]);
    expect(years.map((year) => year.expiring)).toEqual([250, 280, 300, 350]);
    expect(years[0]).toEqual({
      year: 2024,
      opening: 900,
      newlyCertified: 200,
      expiring: 250,
      expiringEstimated: false,
      recertified: 150,
      revoked: 5,
      closing: 995,
    });
  });

  it('assumes a steady state without cohort history (a third of the stock expires)', () => {
    // 2024: expiring 900/3 = 300, renewed 240: 900 + 100 + 240 − 300 − 0 = 940.
    const [first] = projectStockFlow({ lastYear: 2023, openingStock: 900, toYear: 2024, assumptions: { newCertifications: 100, recertificationRate: 0.8 } });
    expect(first).toMatchObject({ expiring: 300, expiringEstimated: true, closing: 940 });
  });

  it('accepts one number per year and never goes below zero', () => {
    const years = projectStockFlow({
      lastYear: 2023,
      openingStock: 10,
      toYear: 2025,
      assumptions: { newCertifications: [0, 5], recertificationRate: 0, revoked: [50, 0] },
    });
    expect(years.map((year) => year.closing)).toEqual([0, 5]);
  });

  it('explains bad assumptions', () => {
    expect(() => projectStockFlow({ ...input, assumptions: { ...input.assumptions, recertificationRate: 1.2 } })).toThrow(
      'The recertification rate must be between 0 and 1; got 1.2',
    );
    expect(() => projectStockFlow({ ...input, assumptions: { ...input.assumptions, newCertifications: [1, 2] } })).toThrow(
      'New certifications: no value for 2026 (give one per projected year)',
    );
    expect(() => projectStockFlow({ ...input, issuedByYear: [{ year: 2024, count: 1 }] })).toThrow('after the last actual year 2023');
  });

  it('simulates to the deterministic path when every spread is zero', () => {
    const simulation = stockFlowSimulation(input, { newCertificationsSd: 0, recertificationRateSd: 0, revokedSd: 0 });
    const result = runMonteCarlo({ targets: [{ id: 'hte', years: [2024, 2025, 2026, 2027], model: simulation, target: null }], paths: 10, seed: 1 });
    expect(Array.from(result.targets[0]!.p50)).toEqual([995, 1078, 1153, 1208]);
    expect(Array.from(result.targets[0]!.p10)).toEqual([995, 1078, 1153, 1208]);
  });
});
