import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ProjectionInputError, type AnnualPoint } from '@shared/domain/projection/annualSeries';
import { HOLT_INITIALIZATIONS, type HoltInitialization } from '@shared/domain/projection/holtProjection';
import { boundProjection } from '@shared/domain/projection/boundedProjection';
import { MAX_PATHS, pathSimulationFor, runMonteCarlo } from '@shared/domain/projection/monteCarlo';
import { projectSeries, type ParameterValue, type Projection, type ProjectionSpec } from '@shared/domain/projection/projectSeries';
import type { RequiredPace } from '@shared/domain/projection/requiredPace';
import { MIN_YEARS_FOR_PROBABILITY } from '@shared/domain/projection/scenario';
import { shrunkSpread, spreadClassFor, trendUncertaintyFactor, type SpreadPriors } from '@shared/domain/projection/spreadPrior';
import { parseComparator, type Target } from '@shared/domain/projection/targetStatus';
import { completeBoardTarget, type BoardTarget } from '@shared/domain/targets/boardTarget';
import { bundledAnnualSeries, bundledSpreadPriors } from '@shared/domain/targets/historySeries';
import type { RawObservation } from '@shared/domain/targets/observationChoice';
import { factNotesText } from '@shared/domain/targets/targetFactText';
import { parseYearValueCsv } from '@shared/domain/projection/yearValueCsv';
import { WORKSPACE_RELATIONS_SQL } from '@shared/domain/sqlIdentifier';
import type { Workbench } from '../../services/createWorkbench';
import { engineExec } from '../../workspace/workspaceSql';
import { loadObservations } from '../../targets/targetFactsLoader';
import { EXIT, UsageError, type CliCommand } from '../cliCommand';
import { bilingual, localizedError } from '@shared/contract/errorTexts';
import { printTable } from './forecastText';

const METHODS = ['cagr', 'growth', 'linear', 'holt', 'damped', 'logistic'] as const;
type CliMethod = (typeof METHODS)[number];
const DEFAULT_SCOPE = '全市';
const DEFAULT_SEED = 1;

/** The JSON printed by `iwb forecast --format json`. */
export interface ForecastOutput {
  path: { year: number; value: number; p10?: number; p50?: number; p90?: number }[];
  target?: number;
  /** Target minus what counts toward it: the last value of a stock or percentage; this year's figure (0 before any) of a count made within the year. */
  gap?: number;
  /** Constant yearly growth rate (fraction) from the last actual value to the target by its year; stocks only. */
  requiredGrowth?: number;
  /** The pace still needed, as the board says it (growth for a stock, points for a percentage, the amount to add for a count made within the year). */
  requiredPace?: RequiredPace | { kind: 'no-actual' };
  /** Share of simulated paths meeting the target (with --simulate). */
  probability?: number;
  parameters: Record<string, ParameterValue>;
}

export interface LoadedSeries {
  series: AnnualPoint[];
  label: string;
  unit: string | null;
  /** Targets recorded in the workspace for the indicator. */
  targets: Target[];
  parameters: Record<string, ParameterValue>;
  /** The indicator as the target domain reads it (null for a --series file). */
  indicator: { code: string; nameZh: string; nameEn: string; kind: string | null; region: string; scope: string } | null;
  /** Every observation of the indicator (all periods), for the target's evaluation. */
  observations: RawObservation[];
  /** The workspace's spread priors (null for a --series file: then fewer than 3 values give no spread). */
  priors: SpreadPriors | null;
}

/** Runs a projection step; input it cannot use becomes a user error naming the series. */
function withSeriesLabel<T>(label: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof ProjectionInputError) throw localizedError('forecast-invalid-input', { label, problem: error.message }, undefined, 'invalid-input');
    throw error;
  }
}

export const forecastCommand: CliCommand = {
  name: 'forecast',
  summary: 'Project an indicator or a year,value series / 预测指标走势',
  usage:
    'iwb forecast (--indicator CODE_OR_NAME [--scope SCOPE] [--region REGION] | --series FILE.csv) ' +
    '--method cagr|growth|linear|holt|damped|logistic [--rate R] [--years N] [--alpha A] [--beta B] [--phi P] ' +
    '[--init simple|simple-nist|simple-fpp|simple3|fitted] [--capacity K] [--to YEAR] [--target VALUE] [--simulate N] [--seed S] [--format table|json] [--workspace PATH]',
  options: {
    indicator: { type: 'string' },
    series: { type: 'string' },
    scope: { type: 'string' },
    region: { type: 'string' },
    method: { type: 'string' },
    rate: { type: 'string' },
    years: { type: 'string' },
    alpha: { type: 'string' },
    beta: { type: 'string' },
    phi: { type: 'string' },
    init: { type: 'string' },
    capacity: { type: 'string' },
    to: { type: 'string' },
    target: { type: 'string' },
    simulate: { type: 'string' },
    seed: { type: 'string' },
    format: { type: 'string' },
  },
  allowPositionals: false,
  async run(values, _positionals, context) {
    const text = (name: string) => values[name] as string | undefined;
    if ((text('indicator') === undefined) === (text('series') === undefined)) {
      throw new UsageError('Give either --indicator CODE_OR_NAME or --series FILE.csv');
    }
    if (text('series') !== undefined && (text('scope') !== undefined || text('region') !== undefined)) {
      throw new UsageError('--scope and --region apply to --indicator only');
    }
    const format = text('format') ?? 'table';
    if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json (got "${format}")`);
    const spec = projectionSpecFromOptions(values);
    const toOption = optionalNumber(values, 'to', { integer: true, min: 1000, max: 9999 });
    const targetValue = optionalNumber(values, 'target', {});
    const paths = optionalNumber(values, 'simulate', { integer: true, min: 1, max: MAX_PATHS });
    const seed = optionalNumber(values, 'seed', { integer: true }) ?? DEFAULT_SEED;
    if (values.seed !== undefined && paths === undefined) throw new UsageError('--seed applies with --simulate only');

    const loaded =
      text('series') !== undefined
        ? await loadSeriesFile(text('series')!)
        : await loadIndicator(await context.openWorkbench(), text('indicator')!, text('scope') ?? DEFAULT_SCOPE, text('region'));
    const lastYear = Math.max(...loaded.series.map((point) => point.year));

    let target: Target | undefined;
    let toYear: number;
    // The comparator is re-read below as the document means it (see `readTarget`).
    if (targetValue !== undefined) {
      toYear = toOption ?? lastYear + 1;
      target = { comparator: '>=', value: targetValue, year: toYear };
    } else {
      const upcoming = loaded.targets.filter((candidate) => (toOption === undefined ? candidate.year > lastYear : candidate.year === toOption));
      target = upcoming[0];
      toYear = toOption ?? target?.year ?? lastYear + 1;
    }

    let assessed: BoardTarget | null = null;
    if (target) {
      assessed = completeBoardTarget({
        targetId: 'forecast',
        indicatorCode: loaded.indicator?.code ?? '',
        nameZh: loaded.indicator?.nameZh ?? '',
        nameEn: loaded.indicator?.nameEn ?? '',
        unit: loaded.unit ?? '',
        region: loaded.indicator?.region ?? '',
        scope: loaded.indicator?.scope ?? '',
        year: target.year,
        comparator: target.comparator,
        value: target.value,
        note: null,
        sourceTitle: null,
        origin: 'user',
        indicatorKind: loaded.indicator?.kind ?? null,
        observations: loaded.observations,
        newCertificationObservations: [],
      });
      target = { comparator: assessed.comparator, value: target.value, year: target.year };
    }
    const upperBound = assessed?.upperBound ?? null;

    const projection: Projection = withSeriesLabel(loaded.label, () => boundProjection(projectSeries(loaded.series, spec, toYear), upperBound));
    const output: ForecastOutput = {
      path: projection.path.map((point) => ({ year: point.year, value: point.value })),
      parameters: { ...loaded.parameters, ...projection.parameters },
    };
    const last = projection.lastActual;
    if (target && assessed) {
      output.target = target.value;
      output.parameters.targetYear = target.year;
      output.parameters.targetComparator = target.comparator;
      if (assessed.gap) output.gap = assessed.gap.absolute;
      if (assessed.pace.kind === 'growth') output.requiredGrowth = assessed.pace.rate;
      output.requiredPace = assessed.pace;
      const caveat = factNotesText(assessed, 'en');
      if (caveat) output.parameters.targetReading = caveat;
    }
    if (paths !== undefined) {
      // The board's rule: a spread from the workspace's prior, or from 3 or more values of the series itself; else none (—).
      const prior = loaded.priors && loaded.unit !== null ? loaded.priors[spreadClassFor(loaded.unit)] : null;
      if (prior === null && loaded.series.length < MIN_YEARS_FOR_PROBABILITY) {
        Object.assign(output.parameters, {
          simulationPaths: paths,
          simulation: `spread unknown: ${loaded.series.length} annual value(s), at least ${MIN_YEARS_FOR_PROBABILITY} needed without a prior`,
        });
      } else {
        const spread = prior ? withSeriesLabel(loaded.label, () => shrunkSpread(loaded.series, prior)) : null;
        const widen = spread ? trendUncertaintyFactor(spec.method, loaded.series.length - 1, toYear - last.year) : 1;
        const simulation = withSeriesLabel(loaded.label, () =>
          pathSimulationFor(loaded.series, projection, {
            ...(spread ? { spread: { sd: spread.sd * widen, spreadClass: prior!.spreadClass } } : {}),
            upperBound,
          }),
        );
        if (spread) Object.assign(output.parameters, { spreadPriorSd: prior!.sd, spreadPriorSource: prior!.source, spreadOwnWeight: spread.ownWeight });
        // A logistic path that reaches its ceiling in floating point cannot be simulated on the logit scale: a user error, named.
        const result = withSeriesLabel(loaded.label, () =>
          runMonteCarlo({
            targets: [{ id: 'forecast', years: projection.path.map((point) => point.year), model: simulation, target: target ?? null }],
            paths,
            seed,
          }),
        ).targets[0]!;
        output.path = output.path.map((point, index) => ({ ...point, p10: result.p10[index]!, p50: result.p50[index]!, p90: result.p90[index]! }));
        if (result.probability !== null) output.probability = result.probability;
        Object.assign(output.parameters, {
          simulationPaths: paths,
          simulationSeed: seed,
          simulationShock: simulation.shock.kind,
          simulationSd: simulation.shock.sd,
        });
      }
    }

    if (format === 'json') {
      // Keys in the documented order: path, target, gap, requiredGrowth, probability, parameters.
      const { path, target: targetValueOut, gap, requiredGrowth, requiredPace, probability, parameters } = output;
      const ordered = { path, target: targetValueOut, gap, requiredGrowth, requiredPace, probability, parameters };
      context.stdout(JSON.stringify(ordered, null, 2) + '\n');
    }
    else printTable(output, loaded, projection, target, assessed, context);
    return EXIT.ok;
  },
};

function projectionSpecFromOptions(values: Record<string, string | boolean | string[] | undefined>): ProjectionSpec {
  const method = values.method as string | undefined;
  if (method === undefined) throw new UsageError(`--method is required: ${METHODS.join(', ')}`);
  if (!(METHODS as readonly string[]).includes(method)) throw new UsageError(`--method must be one of ${METHODS.join(', ')} (got "${method}")`);
  const cliMethod = method as CliMethod;
  const allowed: Record<CliMethod, string[]> = {
    growth: ['rate'],
    cagr: ['years'],
    linear: [],
    holt: ['alpha', 'beta', 'init'],
    damped: ['alpha', 'beta', 'phi', 'init'],
    logistic: ['capacity'],
  };
  for (const option of ['rate', 'years', 'alpha', 'beta', 'phi', 'init', 'capacity']) {
    if (values[option] !== undefined && !allowed[cliMethod].includes(option)) {
      const methods = (Object.keys(allowed) as CliMethod[]).filter((name) => allowed[name].includes(option));
      throw new UsageError(`--${option} applies to --method ${methods.join(' or ')}, not ${cliMethod}`);
    }
  }
  const alpha = optionalNumber(values, 'alpha', { min: 0, max: 1 });
  const beta = optionalNumber(values, 'beta', { min: 0, max: 1 });
  const initText = values.init as string | undefined;
  if (initText !== undefined && !(HOLT_INITIALIZATIONS as readonly string[]).includes(initText)) {
    throw new UsageError(`--init must be ${HOLT_INITIALIZATIONS.join(', ')} (got "${initText}")`);
  }
  const init = initText as HoltInitialization | undefined;
  const smoothing = { ...(alpha === undefined ? {} : { alpha }), ...(beta === undefined ? {} : { beta }), ...(init === undefined ? {} : { init }) };
  switch (cliMethod) {
    case 'growth': {
      const rate = optionalNumber(values, 'rate', { min: -0.999999 });
      // Without --rate, the rate is the least-squares exponential trend's (Excel GROWTH).
      return rate === undefined ? { method: 'exponential' } : { method: 'growth', rate };
    }
    case 'cagr': {
      const years = optionalNumber(values, 'years', { integer: true, min: 1 });
      return years === undefined ? { method: 'cagr' } : { method: 'cagr', years };
    }
    case 'linear':
      return { method: 'linear' };
    case 'holt':
      return { method: 'holt', ...smoothing };
    case 'damped': {
      const phi = optionalNumber(values, 'phi', { min: 0, max: 1 });
      if (phi === 0) throw new UsageError('--phi must be greater than 0');
      return { method: 'damped', ...smoothing, ...(phi === undefined ? {} : { phi }) };
    }
    case 'logistic': {
      const capacity = optionalNumber(values, 'capacity', {});
      if (capacity !== undefined && !(capacity > 0)) throw new UsageError(`--capacity must be a positive number (got "${String(values.capacity)}")`);
      return capacity === undefined ? { method: 'logistic' } : { method: 'logistic', capacity };
    }
  }
}

function optionalNumber(
  values: Record<string, string | boolean | string[] | undefined>,
  name: string,
  limits: { integer?: boolean; min?: number; max?: number },
): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const textValue = String(raw).trim();
  const value = Number(textValue);
  if (textValue === '' || !Number.isFinite(value)) throw new UsageError(`--${name} must be a number (got "${String(raw)}")`);
  if (limits.integer && !Number.isInteger(value)) throw new UsageError(`--${name} must be a whole number (got "${String(raw)}")`);
  if ((limits.min !== undefined && value < limits.min) || (limits.max !== undefined && value > limits.max)) {
    const range =
      limits.min !== undefined && limits.max !== undefined ? `from ${limits.min} to ${limits.max}` : limits.min !== undefined ? `at least ${limits.min}` : `at most ${limits.max}`;
    throw new UsageError(`--${name} must be ${range} (got "${String(raw)}")`);
  }
  return value;
}

async function loadSeriesFile(path: string): Promise<LoadedSeries> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : String(error);
    throw localizedError('forecast-series-unreadable', { path, reason }, undefined, 'file-unreadable');
  }
  try {
    const series = parseYearValueCsv(text, basename(path));
    return {
      series,
      label: basename(path),
      unit: null,
      targets: [],
      parameters: {},
      indicator: null,
      observations: series.map((point) => annualObservation(point.year, point.value)),
      priors: null,
    };
  } catch (error) {
    if (error instanceof ProjectionInputError) throw localizedError('forecast-series-invalid', { problem: error.message }, undefined, 'invalid-input');
    throw error;
  }
}

function annualObservation(year: number, value: number, status = 'actual', origin = 'bundled'): RawObservation {
  return { year, period: 'annual', value, status, origin, sourceTitle: null, sourceDate: null };
}

async function loadIndicator(workbench: Workbench, key: string, scope: string, region: string | undefined): Promise<LoadedSeries> {
  const exec = engineExec(workbench.engine);
  const relations = new Set((await exec(WORKSPACE_RELATIONS_SQL)).map((row) => String(row.name)));
  for (const needed of ['observations', 'indicators']) {
    if (!relations.has(needed)) {
      throw localizedError('forecast-no-dataset', { view: needed }, undefined, 'no-dataset');
    }
  }
  const indicatorColumns = new Set((await exec("select column_name from information_schema.columns where table_name = 'indicators'")).map((row) => String(row.column_name)));
  const kindColumn = indicatorColumns.has('kind') ? 'kind' : 'NULL AS kind';
  const indicators = await exec(`select code, name_zh, name_en, unit, ${kindColumn} from indicators where code = $key or name_zh = $key or name_en = $key order by code`, {
    key,
  });
  if (indicators.length === 0) {
    const similar = await exec(
      "select code, name_zh from indicators where contains(lower(code), lower($key)) or contains(name_zh, $key) or contains(lower(coalesce(name_en, '')), lower($key)) order by code limit 5",
      { key },
    );
    const list = similar.map((row) => `${String(row.code)} (${String(row.name_zh)})`).join(', ');
    const hint = similar.length > 0 ? bilingual(`; similar: ${list}`, `；相近的有：${list}`) : '';
    throw localizedError('forecast-unknown-indicator', { key, hint }, undefined, 'not-found');
  }
  if (indicators.length > 1) {
    const list = indicators.map((row) => `${String(row.code)} (${String(row.name_zh)})`).join(', ');
    throw localizedError('forecast-ambiguous-indicator', { key, indicators: list }, undefined, 'ambiguous');
  }
  const indicator = indicators[0]!;
  const code = String(indicator.code);
  const rows = await exec(
    `select year, value, unit, region from observations
      where indicator_code = $code and period = 'annual' and scope = $scope and value is not null${region === undefined ? '' : ' and region = $region'}
      order by year, region`,
    { code, scope, ...(region === undefined ? {} : { region }) },
  );
  const label = `${String(indicator.name_zh)} (${code})`;
  if (rows.length === 0) {
    const scopes = await exec("select distinct scope from observations where indicator_code = $code and period = 'annual' order by scope", { code });
    const list = scopes.map((row) => String(row.scope)).join(', ');
    const available = scopes.length > 0 ? bilingual(`; annual values exist for scope ${list} (use --scope)`, `；有年度数值的范围：${list}（用 --scope 选择）`) : '';
    const where = region === undefined ? '' : bilingual(` and region ${region}`, `、地区 ${region}`);
    throw localizedError('forecast-no-values', { label, scope, region: where, available }, undefined, 'not-found');
  }
  const series: AnnualPoint[] = [];
  const regionsByYear = new Map<number, string[]>();
  for (const row of rows) {
    const year = Number(row.year);
    const value = Number(row.value);
    if (!Number.isInteger(year) || !Number.isFinite(value)) throw localizedError('forecast-not-a-number', { label, year: String(row.year), value: String(row.value) }, undefined, 'invalid-input');
    regionsByYear.set(year, [...(regionsByYear.get(year) ?? []), String(row.region)]);
    series.push({ year, value });
  }
  const duplicated = [...regionsByYear.entries()].find(([, regions]) => regions.length > 1);
  if (duplicated) {
    throw localizedError('forecast-several-values', { label, year: duplicated[0], regions: duplicated[1].join(', ') }, undefined, 'ambiguous');
  }
  const targets: Target[] = [];
  if (relations.has('targets')) {
    for (const row of await exec('select year, comparator, value from targets where indicator_code = $code and value is not null order by year', { code })) {
      try {
        targets.push({ year: Number(row.year), comparator: parseComparator(String(row.comparator)), value: Number(row.value) });
      } catch (error) {
        if (error instanceof ProjectionInputError) throw localizedError('forecast-invalid-target', { label, year: String(row.year), problem: error.message }, undefined, 'invalid-input');
        throw error;
      }
    }
  }
  const unit = indicator.unit === null || indicator.unit === undefined ? (rows[0]!.unit === null ? null : String(rows[0]!.unit)) : String(indicator.unit);
  // Every period of the series (in-year figures count toward a count made within the year), chosen as the board chooses them.
  const observationColumns = new Set((await exec("select column_name from information_schema.columns where table_name = 'observations'")).map((row) => String(row.column_name)));
  const statusColumn = observationColumns.has('status') ? 'CAST(status AS VARCHAR)' : "'actual'";
  const originColumn = observationColumns.has('origin') ? 'CAST(origin AS VARCHAR)' : "'bundled'";
  const allPeriods = await exec(
    `select year, period, value, ${statusColumn} AS status, ${originColumn} AS origin from observations
      where indicator_code = $code and scope = $scope and value is not null and (unit is null or unit = $unit)${region === undefined ? '' : ' and region = $region'}`,
    { code, scope, unit: unit ?? '', ...(region === undefined ? {} : { region }) },
  );
  const observations = allPeriods.map((row) => ({ ...annualObservation(Number(row.year), Number(row.value), String(row.status), String(row.origin ?? 'bundled')), period: String(row.period) }));
  const kinds = new Map((await exec(`select code, ${kindColumn} from indicators`)).map((row) => [String(row.code), row]));
  const priors = bundledSpreadPriors(bundledAnnualSeries(await loadObservations(exec, kinds, new Map())));
  return {
    series,
    label,
    unit,
    targets,
    parameters: { indicator: code, indicatorName: String(indicator.name_zh), unit, scope, ...(region === undefined ? {} : { region }) },
    indicator: {
      code,
      nameZh: String(indicator.name_zh),
      nameEn: String(indicator.name_en ?? indicator.name_zh),
      kind: indicator.kind === null || indicator.kind === undefined ? null : String(indicator.kind),
      region: region ?? String(rows[0]!.region),
      scope,
    },
    observations,
    priors,
  };
}
