import { z } from 'zod';
import { method } from '../contractKit';
import type { BoardTarget } from '../../domain/targets/boardTarget';
import { scenarioSchema, type Scenario } from '../../domain/projection/scenario';
import type { ScenarioResultRow } from '../../domain/projection/scenarioResults';
import type { SpreadPriors } from '../../domain/projection/spreadPrior';
import { EmptyInput } from './coreContract';
import { MAX_YEAR } from '../../domain/datasets/datasetRecords';

/**
 * Targets and scenarios: the target board's data (every target in the
 * workspace with its history, latest actual, gap and required pace), the
 * user's own targets (table `user_targets`), saved scenarios (table
 * `scenarios`, one validated JSON document each) and the projections
 * written to `scenario_results` for SQL and charts. Projections themselves
 * are computed in the renderer with the pure projection module, so sliders
 * answer without a round trip.
 */

export type { BoardTarget } from '../../domain/targets/boardTarget';

export interface TargetBoard {
  targets: BoardTarget[];
  /** Every indicator of the `indicators` view, for choosing one when adding a target. */
  indicators: { code: string; nameZh: string; nameEn: string; unit: string }[];
  /** Views the board needs that the workspace lacks (e.g. `observations` before the datasets load). */
  missingViews: string[];
  /** The prior of every projection's spread: pooled year-over-year variability of the bundled history (`pooledSpreadPriors`). */
  spreadPriors: SpreadPriors;
}

const TargetIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'must be 1-80 letters, digits, _ or -');
const finite = z.number().refine(Number.isFinite, '须为有限数值 (must be a finite number)');

/** The years a user's target may be for. */
export const TARGET_MIN_YEAR = 2000;
export const TARGET_MAX_YEAR = MAX_YEAR;

/** A target the user adds or edits. `note` says where it comes from (document, section, meeting). */
export const UserTargetSchema = z
  .object({
    indicatorCode: z.string().trim().min(1, 'choose an indicator').max(200),
    region: z.string().trim().min(1).max(100).default('慈溪市'),
    scope: z.string().trim().min(1).max(20).default('全市'),
    year: z.number().int('must be a whole year').min(TARGET_MIN_YEAR, `must be ${TARGET_MIN_YEAR} or later`).max(TARGET_MAX_YEAR, `must be ${TARGET_MAX_YEAR} or earlier`),
    comparator: z.enum(['>', '>=', '=']),
    value: finite,
    unit: z.string().trim().max(20).optional(),
    note: z.string().trim().min(1, 'give the source of the target: document, section, meeting').max(2000),
  })
  .strict();
export type UserTargetInput = z.input<typeof UserTargetSchema>;

const nullableNumber = finite.nullable();
export const ScenarioResultRowSchema = z
  .object({
    scenario: z.string().max(200),
    scenario_id: z.string().max(64),
    target_id: z.string().max(80),
    indicator: z.string().max(200),
    year: z.number().int(),
    method: z.string().max(100),
    p10: nullableNumber,
    p50: finite,
    p90: nullableNumber,
    target: nullableNumber,
    comparator: z.string().max(2).nullable(),
    meets: z.boolean().nullable(),
    probability: z.number().min(0).max(1).nullable(),
    status: z.string().max(20).nullable(),
  })
  .strict();

export interface StoredScenarios {
  scenarios: Scenario[];
  /** Stored documents that fail validation, with the reason; they are kept in the table untouched. */
  problems: { scenarioId: string; message: string }[];
}

const UpdateTargetInput = z.object({ targetId: TargetIdSchema, target: UserTargetSchema }).strict();
const TargetIdInput = z.object({ targetId: TargetIdSchema }).strict();
const SaveScenarioInput = z.object({ scenario: scenarioSchema }).strict();
const ScenarioIdInput = z.object({ scenarioId: z.string().min(1).max(64) }).strict();
const SaveResultsInput = z.object({ rows: z.array(ScenarioResultRowSchema).max(100_000) }).strict();

export const targetsContract = {
  targets: {
    /** The target board: every target of the `targets` view with its facts. */
    board: method<typeof EmptyInput, TargetBoard>(EmptyInput),
    /** Adds a user target; returns its id. */
    add: method<typeof UserTargetSchema, { targetId: string }>(UserTargetSchema),
    /** Replaces a user target; bundled targets cannot be edited. */
    update: method<typeof UpdateTargetInput, { targetId: string }>(UpdateTargetInput),
    /** Removes a user target; bundled targets cannot be removed. */
    remove: method<typeof TargetIdInput, { removed: boolean }>(TargetIdInput),
  },
  scenarios: {
    list: method<typeof EmptyInput, StoredScenarios>(EmptyInput),
    /** Saves (inserts or replaces) one scenario, validated with the scenario schema. */
    save: method<typeof SaveScenarioInput, { scenarioId: string }>(SaveScenarioInput),
    remove: method<typeof ScenarioIdInput, { removed: boolean }>(ScenarioIdInput),
    /**
     * Replaces the rows of `scenario_results` for the scenarios given (others
     * are kept), in one transaction.
     */
    saveResults: method<typeof SaveResultsInput, { rows: number; scenarios: number }>(SaveResultsInput),
  },
} as const;

export type { ScenarioResultRow };
