import { z } from 'zod';
import { method } from '../contractKit';
import {
  MAX_YEAR,
  MIN_YEAR,
  SCOPES,
  type IndicatorRecord,
  type ObservationStatus,
  type Comparator,
  type Origin,
  type Scope,
  type SourceRecord,
  type SourceCopy,
} from '../../domain/datasets/datasetRecords';

/** The indicator datasets: the catalog, each indicator's series, targets and source sentences, and the user's own rows. */

export type { IndicatorRecord, ObservationStatus, Comparator, Origin, Scope, SourceRecord, SourceCopy };
/** A source as the UI shows it: the record without the path of its stored passage (a test fixture, not for display). */
export type SourceView = Omit<SourceRecord, 'passage'>;
export { SCOPES };

const IndicatorCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{0,99}$/, 'must be an indicator code such as hightech_industry_added_value');
/** Ids of user rows start with `u_`; bundled rows cannot be deleted. */
export const UserObservationIdSchema = z.string().regex(/^u_[A-Za-z0-9_-]{1,64}$/, 'must be the id of a row you added (u_…)').brand<'UserObservationId'>();
export type UserObservationId = z.infer<typeof UserObservationIdSchema>;

export { MIN_YEAR, MAX_YEAR };
/** Statuses a user may give a row; `derived` is reserved for bundled rows with a recorded formula. */
export const USER_STATUSES = ['actual', 'preliminary', 'estimate'] as const;

export interface IndicatorSummary extends IndicatorRecord {
  observationCount: number;
  targetCount: number;
}

/** One value of a series with where it came from (`quote` for bundled rows). */
export interface SeriesPoint {
  obsId: string;
  indicatorCode: string;
  region: string;
  scope: string;
  year: number;
  period: string;
  value: number;
  unit: string;
  status: ObservationStatus;
  origin: Origin;
  sourceId: string | null;
  formula: string | null;
  note: string | null;
  /** The figure as the document writes it ("近两千万元"). */
  figureText: string | null;
  quote: string | null;
}

export interface TargetPoint {
  targetId: string;
  indicatorCode: string;
  region: string;
  scope: string;
  year: number;
  comparator: Comparator;
  value: number;
  unit: string;
  origin: Origin;
  sourceId: string | null;
  note: string | null;
  figureText: string | null;
  quote: string | null;
}

export interface IndicatorDetail {
  indicator: IndicatorSummary;
  /** Ordered by year, period, scope. */
  observations: SeriesPoint[];
  targets: TargetPoint[];
  /** The source sentences the rows cite, each once, with where each was read (url, mirror/repost) and when it was published. */
  sources: SourceView[];
}

export interface DatasetsInfo {
  name: string | null;
  version: string | null;
  /** Why the bundled datasets could not be loaded at start-up, or null. */
  loadError: string | null;
  indicators: number;
  observations: number;
  userObservations: number;
  targets: number;
  sources: number;
}

export const EmptyDatasetsInput = z.object({}).strict();
export const IndicatorDetailInput = z.object({ code: IndicatorCodeSchema }).strict();
export const AddObservationInput = z
  .object({
    indicatorCode: IndicatorCodeSchema,
    region: z.string().trim().min(1, 'must not be empty').max(50).default('慈溪市'),
    scope: z.enum(SCOPES).default('全市'),
    year: z
      .number({ error: 'must be a year (a whole number)' })
      .int('must be a whole number')
      .min(MIN_YEAR, `must be ${MIN_YEAR} or later`)
      .max(MAX_YEAR, `must be ${MAX_YEAR} or earlier`),
    /** `annual`, or a label for part of a year such as `1-11月`. */
    period: z.string().trim().min(1, 'must not be empty').max(20, 'must be at most 20 characters').default('annual'),
    value: z.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be a finite number'),
    /** The unit the value is given in; it is converted to the indicator's unit. */
    unit: z.string().trim().min(1, 'must not be empty').max(10),
    status: z.enum(USER_STATUSES).default('actual'),
    note: z.string().max(500, 'must be at most 500 characters').default(''),
  })
  .strict();
export const DeleteObservationInput = z.object({ obsId: UserObservationIdSchema }).strict();

/** Most cells one save may write: a grid of 60 indicators × 12 years, with room to spare. */
export const MAX_OBSERVATION_CHANGES = 2000;
/** One cell of the history grid to store: `value` (in `unit`, as entered) null removes the user's row for that cell. */
export const ObservationChangeSchema = z
  .object({
    indicatorCode: IndicatorCodeSchema,
    region: AddObservationInput.shape.region,
    scope: AddObservationInput.shape.scope,
    year: AddObservationInput.shape.year,
    period: AddObservationInput.shape.period,
    value: z.number({ error: 'must be a number or null' }).refine(Number.isFinite, 'must be a finite number').nullable(),
    unit: AddObservationInput.shape.unit,
  })
  .strict();
export const SaveObservationsInput = z
  .object({
    changes: z.array(ObservationChangeSchema).min(1, 'must hold at least one cell').max(MAX_OBSERVATION_CHANGES, `must hold at most ${MAX_OBSERVATION_CHANGES} cells`),
    note: z.string().max(500, 'must be at most 500 characters').default(''),
  })
  .strict();
export interface SaveObservationsResult {
  inserted: number;
  updated: number;
  deleted: number;
}

export const datasetsContract = {
  datasets: {
    info: method<typeof EmptyDatasetsInput, DatasetsInfo>(EmptyDatasetsInput),
    listIndicators: method<typeof EmptyDatasetsInput, { indicators: IndicatorSummary[] }>(EmptyDatasetsInput),
    indicator: method<typeof IndicatorDetailInput, IndicatorDetail>(IndicatorDetailInput),
    /** Adds a row to `user_observations`, converting the value to the indicator's unit. */
    addObservation: method<typeof AddObservationInput, { observation: SeriesPoint }>(AddObservationInput),
    deleteObservation: method<typeof DeleteObservationInput, { deleted: boolean }>(DeleteObservationInput),
    /**
     * Stores a batch of the user's cells (the history grid) in one transaction:
     * a cell's user row is updated in place (an imported row keeps its id and
     * origin), added, or removed when `value` is null. Nothing is written if any cell is refused.
     */
    saveObservations: method<typeof SaveObservationsInput, SaveObservationsResult>(SaveObservationsInput),
  },
} as const;
