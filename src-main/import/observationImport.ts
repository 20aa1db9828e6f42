import type { ImportId, IndicatorMatch, RunImportRequest } from '@shared/contract/workbenchContract';
import { bilingual, localizedError, type Bilingual } from '@shared/contract/errorTexts';
import { WorkbenchError } from '@shared/contract/WorkbenchError';
import { matchIndicator, type IndicatorChoice } from '@shared/domain/import/indicatorMatch';
import { quoteLiteral } from '@shared/domain/sqlIdentifier';
import { convertUnit, formatValue, unitChange } from '@shared/domain/units';
import { MAX_YEAR, MIN_YEAR, readYear } from '@shared/domain/datasets/datasetRecords';
import { impossibleValue } from '@shared/domain/targets/targetMeaning';
import type { EngineClient } from '../engine/EngineClient';

/** The workspace's indicators, and the one each name matches (code, Chinese name, or that name written with other widths or spacing). */
export async function matchIndicators(engine: EngineClient, names: readonly string[]): Promise<{ matches: IndicatorMatch[]; indicators: IndicatorChoice[] }> {
  const result = await engine.call('exec', { sql: 'SELECT code, name_zh, unit FROM indicators ORDER BY ordinal' }).catch(() => ({ rows: [] as Record<string, unknown>[] }));
  const indicators = result.rows.map((row) => ({ code: String(row.code), nameZh: String(row.name_zh), unit: row.unit === null ? null : String(row.unit) }));
  return { matches: names.map((name) => ({ name, code: matchIndicator(name, indicators) })), indicators };
}

/**
 * Long rows into user_observations: each indicator name is matched to an
 * indicator (the user's choice, else `matchIndicators`; a choice of ''
 * leaves that name out). Values in another unit of the same kind
 * (万元 for an indicator in 亿元) are converted, keeping what was entered;
 * names that match nothing and units that cannot convert stop the import
 * with their list.
 */
export async function observationStatements(engine: EngineClient, body: string, unpivot: NonNullable<RunImportRequest['unpivot']>, importId: ImportId): Promise<string[]> {
  const exists = await engine.call('exec', {
    sql: `SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'user_observations'`,
  });
  if (Number(exists.rows[0]?.n ?? 0) === 0) {
    throw localizedError('import-no-observations');
  }
  if (unpivot.unknownIndicators === 'create') {
    throw localizedError('import-unsupported');
  }
  const chosenCodes = [...new Set(Object.values(unpivot.indicatorCodes).filter((code) => code !== ''))];
  if (chosenCodes.length > 0) {
    const known = await engine.call('exec', { sql: `SELECT code FROM indicators WHERE code IN (${chosenCodes.map(quoteLiteral).join(', ')})` });
    const missing = chosenCodes.filter((code) => !known.rows.some((row) => row.code === code));
    if (missing.length > 0) throw localizedError('import-unknown-codes', { codes: missing.join(', ') });
  }
  // Every name gets its code here: the user's choice, else the indicator it matches.
  const names = await engine.call('exec', { sql: `SELECT DISTINCT indicator FROM (${body})` });
  const unchosen = names.rows.map((row) => String(row.indicator)).filter((name) => !(name in unpivot.indicatorCodes));
  const codes: Record<string, string | null> = { ...unpivot.indicatorCodes };
  for (const match of (await matchIndicators(engine, unchosen)).matches) codes[match.name] = match.code;
  const mapping = Object.entries(codes)
    .map(([name, code]) => `(${quoteLiteral(name)}, ${code === null ? 'NULL' : quoteLiteral(code)})`)
    .join(', ');
  const chosen = mapping ? `(VALUES ${mapping}) AS chosen(name, code)` : `(SELECT NULL::VARCHAR AS name, NULL::VARCHAR AS code WHERE false) AS chosen`;
  // A code of '' leaves the name's rows out.
  const matched = `SELECT l.indicator, l.year, l.value, l.unit, NULLIF(chosen.code, '') AS code, i.unit AS indicator_unit, i.name_zh AS indicator_name, i.kind AS indicator_kind
    FROM (${body}) AS l
    LEFT JOIN ${chosen} ON chosen.name = l.indicator
    LEFT JOIN indicators AS i ON i.code = chosen.code
    WHERE chosen.code IS DISTINCT FROM ''`;
  const unknown = await engine.call('exec', { sql: `SELECT DISTINCT indicator FROM (${matched}) WHERE code IS NULL ORDER BY 1 LIMIT 20` }).catch((error: unknown) => {
    throw error instanceof WorkbenchError ? error : localizedError('import-indicator-check', { problem: String(error) });
  });
  if (unknown.rows.length > 0) {
    throw localizedError('import-unknown-indicators', { names: unknown.rows.map((row) => String(row.indicator)).join('、') });
  }
  const units = await engine.call('exec', {
    // Each unit named with one of its cells (the first by name, then year), so a planner finds the value to mend.
    sql: `SELECT unit, indicator_unit, first(indicator ORDER BY indicator, year) AS example, first(year ORDER BY indicator, year) AS year
            FROM (${matched}) WHERE unit IS DISTINCT FROM indicator_unit GROUP BY unit, indicator_unit ORDER BY 1, 2`,
  });
  const conversions: string[] = [];
  const wrongUnit: Bilingual[] = [];
  for (const row of units.rows) {
    const from = row.unit === null ? null : String(row.unit);
    const to = row.indicator_unit === null ? null : String(row.indicator_unit);
    if (unitChange(from, to) === 'convert' && from !== null && to !== null) {
      // As convertUnit does: scale by an exact power of ten, then keep 15 significant digits.
      const up = convertUnit(1, from, to);
      const scaled = up >= 1 ? `value * ${up}` : `value / ${convertUnit(1, to, from)}`;
      conversions.push(`WHEN unit = ${quoteLiteral(from)} AND indicator_unit = ${quoteLiteral(to)} THEN ${significantDigitsSql(scaled)}`);
    } else {
      wrongUnit.push(
        bilingual(
          `${String(row.example)} ${String(row.year)}: ${from ?? 'no unit stated'} (the indicator is in ${to ?? 'no unit'})`,
          `${String(row.example)} ${String(row.year)} 年：${from ?? '未注明单位'}（指标单位为 ${to ?? '无'}）`,
        ),
      );
    }
  }
  if (wrongUnit.length > 0) {
    const shown = wrongUnit.slice(0, 10);
    throw localizedError('import-unit-mismatch', { list: bilingual(shown.map((unit) => unit.en).join('; '), shown.map((unit) => unit.zh).join('；')) });
  }
  const duplicates = await engine.call('exec', {
    sql: `SELECT m.indicator, m.year FROM (${matched}) AS m
            WHERE EXISTS (SELECT 1 FROM user_observations AS u WHERE u.indicator_code = m.code AND u.region = ${quoteLiteral(unpivot.region)}
                            AND u.scope = '全市' AND u.year = m.year AND u.period = 'annual')
          UNION
          SELECT indicator, year FROM (${matched}) GROUP BY indicator, year HAVING count(*) > 1
          UNION
          SELECT min(indicator), year FROM (${matched}) GROUP BY code, year HAVING count(*) > 1
          ORDER BY 1, 2 LIMIT 10`,
  });
  if (duplicates.rows.length > 0) {
    const list = duplicates.rows.map((row) => `${String(row.indicator)} ${String(row.year)}`).join('、');
    throw localizedError('import-duplicate-observations', { list });
  }
  const value = conversions.length > 0 ? `CASE ${conversions.join(' ')} ELSE value END` : 'value';
  await refuseImpossibleValues(engine, matched, value);
  return [
    `INSERT INTO user_observations (obs_id, indicator_code, region, scope, year, period, value, unit, status, note, entered_value, entered_unit, created_at)
     SELECT ${quoteLiteral(`imp_${importId}_`)} || row_number() OVER (), code, ${quoteLiteral(unpivot.region)}, '全市', year, 'annual', ${value}, indicator_unit, 'actual',
            ${quoteLiteral(`import ${importId}`)}, value, unit, now()
     FROM (${matched})`,
  ];
}

/**
 * The rules the form and the history grid keep, for the whole import at
 * once: years from MIN_YEAR to MAX_YEAR, and values each indicator can have
 * (`impossibleValue`, checked on each indicator's lowest and highest value in
 * its own unit). Anything refused stops the import with its list.
 */
async function refuseImpossibleValues(engine: EngineClient, matched: string, value: string): Promise<void> {
  const ranges = await engine.call('exec', {
    sql: `SELECT code, min(indicator) AS example, any_value(indicator_name) AS name_zh, any_value(indicator_kind) AS kind, any_value(indicator_unit) AS unit,
                 min(${value}) AS low, max(${value}) AS high, min(year) AS first, max(year) AS last
            FROM (${matched}) GROUP BY code ORDER BY code`,
  });
  const refused: Bilingual[] = [];
  // NaN, Infinity and 1e400 cast to DOUBLE without complaint; no indicator measures them.
  const notFinite = await engine.call('exec', { sql: `SELECT indicator, year, value FROM (${matched}) WHERE NOT isfinite(value) ORDER BY 1, 2 LIMIT 10` });
  for (const row of notFinite.rows) {
    const written = String(Number(row.value));
    refused.push(bilingual(`${String(row.indicator)} ${String(row.year)}: ${written} is not a finite number`, `${String(row.indicator)} ${String(row.year)} 年：${written} 不是有限的数值`));
  }
  for (const row of ranges.rows) {
    const example = String(row.example);
    const unit = row.unit === null ? '' : String(row.unit);
    for (const year of [Number(row.first), Number(row.last)]) {
      if (readYear(year) === null) refused.push(bilingual(`${example} ${year}: the year must be from ${MIN_YEAR} to ${MAX_YEAR}`, `${example} ${year} 年：年份须在 ${MIN_YEAR}–${MAX_YEAR} 之间`));
    }
    const indicator = { code: String(row.code), nameZh: String(row.name_zh), unit, kind: row.kind === null ? null : String(row.kind) };
    for (const bound of [Number(row.low), Number(row.high)].filter(Number.isFinite)) {
      const why = impossibleValue(indicator, bound);
      if (why) refused.push(bilingual(`${example}: ${formatValue(bound, unit)}: ${why.en}`, `${example}：${formatValue(bound, unit)}：${why.zh}`));
    }
  }
  if (refused.length > 0) {
    const shown = [...new Map(refused.map((item) => [item.en, item])).values()].slice(0, 10);
    throw localizedError('import-impossible-values', { list: bilingual(shown.map((item) => item.en).join('; '), shown.map((item) => item.zh).join('；')) });
  }
}

/** A DOUBLE expression rounded to 15 significant digits (what `convertUnit` keeps). */
function significantDigitsSql(expression: string): string {
  return `(CASE WHEN (${expression}) = 0 THEN 0::DOUBLE ELSE round(${expression}, (14 - floor(log10(abs(${expression}))))::INTEGER) END)`;
}
